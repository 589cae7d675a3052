import { isText, renderText } from "@custra/core/errors";
import type { Locale } from "@custra/core/i18n";

/**
 * `value` with every Text in it rendered in `locale` (English by default): tests compare what a
 * reader would read, while results and errors keep their Text.
 */
export function rendered(value: unknown, locale: Locale = "en"): unknown {
  if (isText(value) && Object.keys(value).every((name) => name === "key" || name === "params"))
    return renderText(value, locale);
  if (Array.isArray(value)) return value.map((item) => rendered(item, locale));
  if (value !== null && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, rendered(item, locale)]));
  return value;
}
