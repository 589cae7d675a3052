import { formatMoney } from "@custra/core";

/** Money in the company's currency (ISO 4217), always to the cent, as the CLI's reports and tables show it. */
export function moneyIn(currency: string): (amount: number) => string {
  return (amount) => formatMoney(amount, { currency, fixedDecimals: true });
}
