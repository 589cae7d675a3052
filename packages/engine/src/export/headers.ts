import { type Locale, t } from "@custra/core";
import "./messages.ts";

/** A money column's header with its currency ("历史收入（CNY）"): a number in a file has no symbol of its own. */
export function inCurrency(header: string, currency: string, locale: Locale): string {
  return t("export.col.inCurrency", { name: header, currency }, locale);
}
