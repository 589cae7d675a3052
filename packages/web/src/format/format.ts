/** Numbers, money and dates as the reader's language writes them. */
import { currentLanguage } from "../i18n/i18n.ts";

const locale = () => (currentLanguage() === "en" ? "en-US" : "zh-CN");

/** Money in the company's currency (its settings; CNY until they are read). */
export function money(value: number | null | undefined, currency = "CNY"): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale(), {
    style: "currency",
    currency,
    // ¥ rather than CN¥ in English: the currency is the company's one, named in its settings.
    currencyDisplay: "narrowSymbol",
    maximumFractionDigits: 0,
  }).format(value);
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(value);
}

export function decimal(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** A day as the API sends it (YYYY-MM-DD or a time stamp), shown as its date. */
export function day(value: string | null | undefined): string {
  if (!value) return "—";
  return value.slice(0, 10);
}

/** A time stamp in the company's time zone. */
export function dateTime(value: string | null | undefined, timeZone = "Asia/Shanghai"): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locale(), {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(value));
}

/** Today's date (YYYY-MM-DD) in the company's time zone: what "overdue" is measured against. */
export function today(timeZone = "Asia/Shanghai"): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
}
