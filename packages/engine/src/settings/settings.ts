/**
 * The company's settings in its database: read with their defaults, changed after validation
 * (core `parseSettingChanges`), reset to their defaults. One function per use, taking the
 * database handle, so the CLI today and the app layer later call the same code.
 */
import {
  type CompanySettings,
  DEFAULT_COMPANY_SETTINGS,
  parseSettingChanges,
  SETTING_KEYS,
  type SettingKey,
  SettingsError,
  settingKey,
  settingsFromStored,
} from "@custra/core";
import {
  type Database,
  type DbHandle,
  readCompanySettings,
  removeCompanySettings,
  writeCompanySettings,
} from "@custra/db";
import type { Kysely } from "kysely";

export interface SettingsView {
  settings: CompanySettings;
  /** The settings that have no stored value and take their default. */
  defaults: SettingKey[];
}

/** What a change did to each setting whose value it changed: the stored form before and after. */
export type SettingChanges = Partial<Record<SettingKey, { readonly before: string; readonly after: string }>>;

/**
 * Called with the change in the transaction that wrote it, before it commits: the app layer
 * writes its audit entry there, so no change is ever stored without one.
 */
export type OnSettingsWritten = (trx: Kysely<Database>, changes: SettingChanges) => Promise<void>;

/**
 * Each of `keys` whose value in force differs between `before` and `after` (stored values as
 * they are: a value stored around the validation is still a value that was in force).
 */
function changesBetween(
  keys: readonly SettingKey[],
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): SettingChanges {
  const changes: SettingChanges = {};
  for (const key of keys) {
    const old = before[key] ?? DEFAULT_COMPANY_SETTINGS[key];
    const now = after[key] ?? DEFAULT_COMPANY_SETTINGS[key];
    if (old !== now) changes[key] = { before: old, after: now };
  }
  return changes;
}

/** The settings in force: stored values, defaults for the rest. */
export async function loadSettings(handle: DbHandle): Promise<CompanySettings> {
  return settingsFromStored(await readCompanySettings(handle.db));
}

/** The settings with which of them are defaults, as `custra settings show` prints them. */
export async function showSettings(handle: DbHandle): Promise<SettingsView> {
  const stored = await readCompanySettings(handle.db);
  return {
    settings: settingsFromStored(stored),
    defaults: SETTING_KEYS.filter((key) => stored[key] === undefined),
  };
}

/**
 * Changes settings given as key → text (`{ currency: "usd", timezone: "Europe/Berlin" }`). All are
 * validated before any is written: one bad value changes nothing, and the error lists every
 * problem. Returns the settings now in force.
 */
export async function updateSettings(
  handle: DbHandle,
  changes: Readonly<Record<string, string>>,
  onWritten?: OnSettingsWritten,
): Promise<SettingsView> {
  const parsed = parseSettingChanges(changes) as Record<string, string>;
  await handle.db.transaction().execute(async (trx) => {
    const before = await readCompanySettings(trx);
    await writeCompanySettings(trx, parsed);
    const keys = SETTING_KEYS.filter((key) => parsed[key] !== undefined);
    await onWritten?.(trx, changesBetween(keys, before, { ...before, ...parsed }));
  });
  return showSettings(handle);
}

/** Removes the stored values of `keys` (as `settingKey` reads them), so they take their defaults. */
export async function resetSettings(
  handle: DbHandle,
  keys: readonly string[],
  onWritten?: OnSettingsWritten,
): Promise<SettingsView> {
  const known: SettingKey[] = [];
  const unknown: string[] = [];
  for (const name of keys) {
    const key = settingKey(name);
    if (key) known.push(key);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new SettingsError(
      unknown.map((key) => ({
        code: "SETTINGS_UNKNOWN_KEY",
        params: { key, keys: SETTING_KEYS.join(", ") },
      })),
    );
  }
  await handle.db.transaction().execute(async (trx) => {
    const before = await readCompanySettings(trx);
    await removeCompanySettings(trx, known);
    await onWritten?.(trx, changesBetween(known, before, {}));
  });
  return showSettings(handle);
}
