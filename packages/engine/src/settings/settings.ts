/**
 * The company's settings in its database: read with their defaults, changed after validation
 * (core `parseSettingChanges`), reset to their defaults. One function per use, taking the
 * database handle, so the CLI today and the app layer later call the same code.
 */
import {
  type CompanySettings,
  parseSettingChanges,
  SETTING_KEYS,
  type SettingKey,
  SettingsError,
  settingKey,
  settingsFromStored,
} from "@custra/core";
import { type DbHandle, readCompanySettings, removeCompanySettings, writeCompanySettings } from "@custra/db";

export interface SettingsView {
  settings: CompanySettings;
  /** The settings that have no stored value and take their default. */
  defaults: SettingKey[];
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
): Promise<SettingsView> {
  const parsed = parseSettingChanges(changes);
  await writeCompanySettings(handle.db, parsed as Record<string, string>);
  return showSettings(handle);
}

/** Removes the stored values of `keys` (as `settingKey` reads them), so they take their defaults. */
export async function resetSettings(handle: DbHandle, keys: readonly string[]): Promise<SettingsView> {
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
  await removeCompanySettings(handle.db, known);
  return showSettings(handle);
}
