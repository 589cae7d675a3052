/**
 * The command line's language. One `custra` run has one reader, so the CLI keeps its locale here
 * (chosen at start from --lang, CUSTRA_LANG or the system; then the company's setting when the
 * reader chose none) and passes it explicitly to everything below it: core, engine and app take
 * the locale as an argument and keep none of their own, so a server renders per request.
 */
import { type Locale, type Params, t as translate } from "@custra/core/i18n";

let locale: Locale = "zh-CN";

/** The language this run prints in. */
export function cliLocale(): Locale {
  return locale;
}

/** Sets the language this run prints in (at start, and once the company's setting is read). */
export function useCliLocale(chosen: Locale): void {
  locale = chosen;
}

/** The message for `key` in the CLI's language. */
export function t(key: string, params: Params = {}): string {
  return translate(key, params, locale);
}
