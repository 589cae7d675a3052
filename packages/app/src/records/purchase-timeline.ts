/**
 * A customer's orders month by month, for the 360 view's purchase timeline: purchases (count and
 * amount) and returns (count and amount returned, as a positive number) by the orders repository's
 * rule of what is which (isPurchase, isReturn); other orders (pending …) are neither.
 */
import { isPurchase, isReturn, visibleCustomer } from "@custra/db";
import { sql } from "kysely";
import type { AppContext } from "../context.ts";

export interface TimelineMonth {
  /** YYYY-MM. */
  month: string;
  purchases: number;
  purchaseAmount: number;
  returns: number;
  returnAmount: number;
}

/** Every month with a purchase or a return of `customerId` (checked in scope by the caller), oldest first. */
export async function purchaseTimeline(ctx: AppContext, customerId: number): Promise<TimelineMonth[]> {
  const d = sql.raw(ctx.handle.sqlTypes.double);
  const purchase = isPurchase("o");
  const returned = isReturn("o");
  const { rows } = await sql<{
    month: string;
    purchases: number | string;
    purchase_amount: number | string;
    returns: number | string;
    return_amount: number | string;
  }>`
    SELECT SUBSTR(CAST(o.order_date AS TEXT), 1, 7) AS month,
           CAST(SUM(CASE WHEN ${purchase} THEN 1 ELSE 0 END) AS ${d}) AS purchases,
           CAST(SUM(CASE WHEN ${purchase} THEN o.amount ELSE 0 END) AS ${d}) AS purchase_amount,
           CAST(SUM(CASE WHEN ${returned} THEN 1 ELSE 0 END) AS ${d}) AS returns,
           CAST(SUM(CASE WHEN ${returned} THEN ABS(o.amount) ELSE 0 END) AS ${d}) AS return_amount
    FROM orders o
    WHERE o.customer_id = ${customerId} AND ${visibleCustomer(ctx.actor.scope, "o.customer_id")}
      AND (${purchase} OR ${returned})
    GROUP BY SUBSTR(CAST(o.order_date AS TEXT), 1, 7)
    ORDER BY month`.execute(ctx.handle.read);
  return rows.map((row) => ({
    month: row.month,
    purchases: Number(row.purchases),
    purchaseAmount: Number(row.purchase_amount),
    returns: Number(row.returns),
    returnAmount: Number(row.return_amount),
  }));
}
