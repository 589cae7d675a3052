/**
 * Company settings: what a company is (its currency, language, time zone, fiscal year and whether
 * it sells to businesses or to people), stored in the database and read by everything that
 * shows money or dates. This module is pure: the shape, the defaults and the validation (zod);
 * the engine's settings module loads and stores them.
 *
 * The rules, one per setting:
 * - `currency`: an ISO 4217 code the runtime's Intl knows (CNY, USD, EUR, JPY…), upper-cased;
 *   money is formatted with Intl.NumberFormat in it. Default CNY.
 * - `locale`: zh-CN or en; the language reports and exports use when the reader gives none
 *   (neither --lang nor CUSTRA_LANG). Default zh-CN.
 * - `timeZone`: an IANA name (Asia/Shanghai, Europe/Berlin, UTC), stored as Intl spells it
 *   canonically (europe/berlin → Europe/Berlin). Default Asia/Shanghai.
 * - `fiscalYearStart`: the first day of the fiscal year as MM-DD; a month alone (4) means its
 *   first day. Days run to the month's length with February at 28, so every year has the day.
 *   Default 01-01 (the calendar year, as in China).
 * - `businessModel`: b2b (enterprises), b2c (individuals) or mixed. Default b2b.
 * - `companyName`: the company's name as its people write it (the workbench's header shows it),
 *   up to 100 characters after trimming; empty (the default) when the company has none.
 */
import { z } from "zod";
import { LOCALES, type Locale } from "../i18n/i18n.ts";
import { SettingsError, type SettingsIssue } from "./errors.ts";

export const BUSINESS_MODELS = ["b2b", "b2c", "mixed"] as const;
export type BusinessModel = (typeof BUSINESS_MODELS)[number];

export interface CompanySettings {
  readonly currency: string;
  readonly locale: Locale;
  readonly timeZone: string;
  /** MM-DD. */
  readonly fiscalYearStart: string;
  readonly businessModel: BusinessModel;
  /** Empty: the company has not been named. */
  readonly companyName: string;
}

export type SettingKey = keyof CompanySettings;

export const SETTING_KEYS = [
  "currency",
  "locale",
  "timeZone",
  "fiscalYearStart",
  "businessModel",
  "companyName",
] as const satisfies readonly SettingKey[];

export const DEFAULT_COMPANY_SETTINGS: CompanySettings = {
  currency: "CNY",
  locale: "zh-CN",
  timeZone: "Asia/Shanghai",
  fiscalYearStart: "01-01",
  businessModel: "b2b",
  companyName: "",
};

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));
/** February counts 28 days: a fiscal year starting on 02-29 would have no start in three years of four. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const text = z.string().trim();

/** One zod schema per setting, each taking what a person types and giving the stored form. */
export const SETTING_SCHEMAS = {
  currency: text.toUpperCase().refine((code) => CURRENCIES.has(code)),
  locale: text.transform((tag, ctx) => {
    const locale = LOCALES.find((candidate) => candidate.toLowerCase() === tag.toLowerCase());
    if (locale) return locale;
    ctx.addIssue({ code: "custom", message: "locale" });
    return z.NEVER;
  }),
  timeZone: text.transform((name, ctx) => {
    try {
      // Intl throws a RangeError for a name the IANA database does not have.
      if (name !== "") return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
    } catch {}
    ctx.addIssue({ code: "custom", message: "timeZone" });
    return z.NEVER;
  }),
  fiscalYearStart: text.transform((value, ctx) => {
    const match = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(value);
    const month = Number(match?.[1]);
    const day = Number(match?.[2] ?? 1);
    if (!match || month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month - 1]!) {
      ctx.addIssue({ code: "custom", message: "fiscalYearStart" });
      return z.NEVER;
    }
    return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }),
  businessModel: text.toLowerCase().pipe(z.enum(BUSINESS_MODELS)),
  // Letters of any script, but no control characters: the name is shown in headers and reports.
  companyName: text.max(100).regex(/^[^\p{Cc}]*$/u),
} satisfies { readonly [K in SettingKey]: z.ZodType<CompanySettings[K], string> };

/** The whole settings document, for an API that takes them all at once. */
export const companySettingsSchema = z.object(SETTING_SCHEMAS).strict();

/**
 * The setting a key names, however it is written: timeZone, timezone, time_zone and time-zone
 * are the same setting, so people can type it as they think of it.
 */
export function settingKey(name: string): SettingKey | undefined {
  const folded = name
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, "");
  return SETTING_KEYS.find((key) => key.toLowerCase() === folded);
}

function invalid(key: SettingKey, value: string): SettingsIssue {
  return { code: "SETTINGS_INVALID_VALUE", params: { key, value } };
}

/**
 * Validates changes given as key → text (keys as `settingKey` reads them) and returns them in
 * their stored form. Every problem is reported at once: unknown keys with the known ones, bad
 * values with the values the setting takes.
 */
export function parseSettingChanges(changes: Readonly<Record<string, string>>): Partial<CompanySettings> {
  const issues: SettingsIssue[] = [];
  const parsed: Record<string, string> = {};
  for (const [name, value] of Object.entries(changes)) {
    const key = settingKey(name);
    if (!key) {
      issues.push({ code: "SETTINGS_UNKNOWN_KEY", params: { key: name, keys: SETTING_KEYS.join(", ") } });
      continue;
    }
    const result = SETTING_SCHEMAS[key].safeParse(value);
    if (result.success) parsed[key] = result.data;
    else issues.push(invalid(key, value));
  }
  if (issues.length > 0) throw new SettingsError(issues);
  return parsed as Partial<CompanySettings>;
}

/**
 * The settings from what is stored: the default for each setting without a row, the stored value
 * validated again otherwise. A stored value that no longer validates (written by hand, or by a
 * runtime whose Intl knew more names) is an error that names it, rather than a silent default.
 */
export function settingsFromStored(stored: Readonly<Record<string, string>>): CompanySettings {
  const settings: Record<string, string> = { ...DEFAULT_COMPANY_SETTINGS };
  const issues: SettingsIssue[] = [];
  for (const key of SETTING_KEYS) {
    const value = stored[key];
    if (value === undefined) continue;
    const result = SETTING_SCHEMAS[key].safeParse(value);
    if (result.success) settings[key] = result.data;
    else issues.push({ code: "SETTINGS_STORED_INVALID", params: { key, value } });
  }
  if (issues.length > 0) throw new SettingsError(issues);
  return settings as unknown as CompanySettings;
}
