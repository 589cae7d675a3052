/**
 * Every user-visible string goes through `t`. Messages live in catalogs, one per area
 * (import, demo, db, cli…), each message written once with all its languages side by side so
 * a translation cannot go missing. There is no process-wide locale: every caller names the
 * reader's (the CLI its --lang, the server the request's), so one process serves both languages.
 */

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type Message = Readonly<Record<Locale, string>>;
export type Catalog = Readonly<Record<string, Message>>;

const messages = new Map<string, Message>();

/** Adds a catalog; a key defined twice is a programming error. */
export function registerCatalog(catalog: Catalog): void {
  for (const [key, message] of Object.entries(catalog)) {
    if (messages.has(key)) throw new Error(`i18n key defined twice: ${key}`);
    messages.set(key, message);
  }
}

/** Picks the locale from a tag such as "en_US.UTF-8" or "zh-CN"; unknown tags give zh-CN. */
export function parseLocale(tag: string | undefined): Locale {
  if (tag && /^en\b|^en[-_]/i.test(tag)) return "en";
  return "zh-CN";
}

export type Params = Readonly<Record<string, string | number | bigint>>;

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(key: string, params: Params, locale: Locale): string {
  const message = messages.get(key);
  if (!message) throw new Error(`i18n key missing: ${key}`);
  return message[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function hasMessage(key: string): boolean {
  return messages.has(key);
}
