/**
 * Every user-visible string goes through `t`. Messages live in catalogs, one per area
 * (import, demo, db, cli…), each message written once with all its languages side by side so
 * a translation cannot go missing. zh-CN is the default; `setLocale("en")` switches.
 */

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type Message = Readonly<Record<Locale, string>>;
export type Catalog = Readonly<Record<string, Message>>;

const messages = new Map<string, Message>();
let current: Locale = "zh-CN";

/** Adds a catalog; a key defined twice is a programming error. */
export function registerCatalog(catalog: Catalog): void {
  for (const [key, message] of Object.entries(catalog)) {
    if (messages.has(key)) throw new Error(`i18n key defined twice: ${key}`);
    messages.set(key, message);
  }
}

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/** Picks the locale from a tag such as "en_US.UTF-8" or "zh-CN"; unknown tags give zh-CN. */
export function parseLocale(tag: string | undefined): Locale {
  if (tag && /^en\b|^en[-_]/i.test(tag)) return "en";
  return "zh-CN";
}

export type Params = Readonly<Record<string, string | number | bigint>>;

/** The message for `key` in the current locale, with `{name}` placeholders filled from `params`. */
export function t(key: string, params: Params = {}, locale: Locale = current): string {
  const message = messages.get(key);
  if (!message) throw new Error(`i18n key missing: ${key}`);
  return message[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function hasMessage(key: string): boolean {
  return messages.has(key);
}
