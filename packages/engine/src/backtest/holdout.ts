/**
 * What the calibration cohort actually bought after the calibration end, counted in SQL by the engine
 * with the conventions of the per-customer summary (../analyze/summary.ts): only purchases (no
 * status or "completed", and not a return: see the returns rule there), purchases on the same
 * calendar day are one purchase, and the cohort is every customer whose first such purchase is on
 * or before the calibration end.
 */
import { type Database, isPurchase } from "@custra/db";
import { type Kysely, sql } from "kysely";

export interface HoldoutWindow {
  calibrationEnd: string;
  holdoutEnd: string;
}

/** Holdout purchase days of the cohort customers who made any, in customer id order. */
export interface HoldoutPurchases {
  customerId: Float64Array;
  purchases: Float64Array;
}

/** The cohort's repeat purchase days (every purchase day after a customer's first), per calendar day. */
export interface RepeatPurchasesByDay {
  /** Days from the calibration end (≤ 0 in the calibration period), ascending. */
  day: Float64Array;
  count: Float64Array;
}

function purchaseDays(window: HoldoutWindow) {
  const calibrationEnd = sql`CAST(${window.calibrationEnd} AS DATE)`;
  const holdoutEnd = sql`CAST(${window.holdoutEnd} AS DATE)`;
  return sql`
    purchase_days AS (
      SELECT customer_id, order_date AS day
      FROM orders
      WHERE order_date <= ${holdoutEnd} AND ${isPurchase("orders")}
      GROUP BY customer_id, order_date
    ),
    cohort AS (
      SELECT customer_id, MIN(day) AS first_day
      FROM purchase_days
      GROUP BY customer_id
      HAVING MIN(day) <= ${calibrationEnd}
    )`;
}

export async function holdoutPurchases(
  db: Kysely<Database>,
  window: HoldoutWindow,
): Promise<HoldoutPurchases> {
  const { rows } = await sql<{ customer_id: number | bigint; purchases: number | bigint | string }>`
    WITH ${purchaseDays(window)}
    SELECT d.customer_id, COUNT(*) AS purchases
    FROM purchase_days d JOIN cohort c ON c.customer_id = d.customer_id
    WHERE d.day > CAST(${window.calibrationEnd} AS DATE)
    GROUP BY d.customer_id
    ORDER BY d.customer_id`.execute(db);
  const customerId = new Float64Array(rows.length);
  const purchases = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    customerId[i] = Number(rows[i]!.customer_id);
    purchases[i] = Number(rows[i]!.purchases);
  }
  return { customerId, purchases };
}

export async function repeatPurchasesByDay(
  db: Kysely<Database>,
  window: HoldoutWindow,
): Promise<RepeatPurchasesByDay> {
  // Day offsets rather than dates: date subtraction gives whole days on both engines, and the
  // tracking curve works in days from the calibration end.
  const { rows } = await sql<{ day: number | bigint; repeats: number | bigint | string }>`
    WITH ${purchaseDays(window)}
    SELECT d.day - CAST(${window.calibrationEnd} AS DATE) AS day, COUNT(*) AS repeats
    FROM purchase_days d JOIN cohort c ON c.customer_id = d.customer_id
    WHERE d.day > c.first_day
    GROUP BY d.day
    ORDER BY d.day`.execute(db);
  const day = new Float64Array(rows.length);
  const count = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    day[i] = Number(rows[i]!.day);
    count[i] = Number(rows[i]!.repeats);
  }
  return { day, count };
}
