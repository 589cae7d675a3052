import { formatMoney } from "@custra/core";
import { cliLocale } from "./locale.ts";

/** Money in the company's currency (ISO 4217), always to the cent, as the CLI's reports and tables show it. */
export function moneyIn(currency: string): (amount: number) => string {
  const locale = cliLocale();
  return (amount) => formatMoney(amount, { currency, locale, fixedDecimals: true });
}
