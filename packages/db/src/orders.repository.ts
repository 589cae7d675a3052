/**
 * Which orders count for what, written once: every query that counts purchases (the analysis
 * summary, cohorts, the backtest's holdout, the recommender's baskets) takes its condition from
 * here, so they cannot drift apart. The rule (engine analyze/summary.ts explains it in full):
 * - a sale is an order with no status or status "completed";
 * - a purchase is a sale with an amount ≥ 0;
 * - a return is an order "returned" or "cancelled", or a sale with a negative amount (a credit note).
 * Other statuses (pending …) count for nothing.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "./schema.ts";

const status = (table: string) => sql.ref(`${table}.status`);
const amount = (table: string) => sql.ref(`${table}.amount`);

/** An order row of `table` whose status makes it a sale: no status, or "completed". */
export function isSaleStatus(table: string): RawBuilder<boolean> {
  return sql<boolean>`(${status(table)} IS NULL OR ${status(table)} = 'completed')`;
}

/** An order row of `table` whose status makes it a return: "returned" or "cancelled". */
export function isReturnStatus(table: string): RawBuilder<boolean> {
  return sql<boolean>`${status(table)} IN ('returned', 'cancelled')`;
}

/** An order row of `table` that is a purchase (a completed order): a sale with an amount ≥ 0. */
export function isPurchase(table: string): RawBuilder<boolean> {
  return sql<boolean>`(${isSaleStatus(table)} AND ${amount(table)} >= 0)`;
}

/** An order row of `table` that is a return: returned or cancelled, or a sale with a negative amount. */
export function isReturn(table: string): RawBuilder<boolean> {
  return sql<boolean>`(${isReturnStatus(table)} OR (${isSaleStatus(table)} AND ${amount(table)} < 0))`;
}

/**
 * The date of the last purchase or return, the default as-of date of an analysis (so a credit
 * note after the last purchase is netted); undefined without orders.
 */
export async function lastOrderDate(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ last: string | null }>`
    SELECT MAX(order_date) AS last FROM orders
    WHERE ${isPurchase("orders")} OR ${isReturn("orders")}`.execute(db);
  return rows[0]?.last ?? undefined;
}
