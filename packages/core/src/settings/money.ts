/**
 * Money for people: in the company's currency, formatted by Intl.NumberFormat for the reader's
 * language (¥12,300 in zh-CN, CN¥12,300 in en for CNY; US$ and $ for USD). Whole amounts are
 * shown without cents (reasons read "¥12,300", not "¥12,300.00"); otherwise the currency's own
 * number of decimals (two for CNY, none for JPY).
 */
import type { Locale } from "../i18n/i18n.ts";
import { DEFAULT_COMPANY_SETTINGS } from "./company.ts";

export interface MoneyFormat {
  /** ISO 4217 code; default CNY. */
  readonly currency?: string;
  /** The reader's language. */
  readonly locale: Locale;
  /** Always show the currency's decimals (tables line up); default false: none for whole amounts. */
  readonly fixedDecimals?: boolean;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat is slow to build and formats are few: one per currency, language and style. */
function formatter(currency: string, locale: Locale, whole: boolean): Intl.NumberFormat {
  const key = `${currency}|${locale}|${whole}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

/** `amount` in the currency, e.g. formatMoney(12300, { currency: "USD", locale: "en" }) = "$12,300". */
export function formatMoney(amount: number, options: MoneyFormat): string {
  if (!Number.isFinite(amount)) return "-";
  const currency = options.currency ?? DEFAULT_COMPANY_SETTINGS.currency;
  return formatter(currency, options.locale, !options.fixedDecimals && Number.isInteger(amount)).format(
    amount,
  );
}

/** The currency's symbol as the reader's language writes it (¥, CN¥, US$, €). */
export function currencySymbol(currency: string, locale: Locale): string {
  const parts = formatter(currency, locale, true).formatToParts(0);
  return parts.find((part) => part.type === "currency")?.value ?? currency;
}
