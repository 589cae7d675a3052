import { type CohortCount, type CohortTable, churnRates, cohortRetentionFromCounts } from "@custra/core";
import { ALL_CUSTOMERS, type CustomerScope, type Database, isPurchase, visibleCustomer } from "@custra/db";
import { type Kysely, sql } from "kysely";

/** A month as a period number (year × 12 + month − 1), the unit of churn rates and cohorts. */
export function monthOf(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/**
 * The month period of a day number (days since 1970-01-01), by the civil-from-days algorithm
 * (H. Hinnant): integer arithmetic, no Date object per customer.
 */
export function monthOfDay(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** The period number as 'YYYY-MM'. */
export function monthLabel(period: number): string {
  return `${Math.floor(period / 12)}-${String((period % 12) + 1).padStart(2, "0")}`;
}

/**
 * Monthly cohort retention as of a date: customers by the month of their first purchase (a
 * completed order that is not a return, see summary.ts), and how many of each cohort bought again
 * in each later month. The database counts distinct customers per (cohort, month); the table is
 * built by the core rule.
 */
export async function cohortRetentionAsOf(
  db: Kysely<Database>,
  asOf: string,
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<CohortTable> {
  const asOfDate = sql`CAST(${asOf} AS DATE)`;
  const month = (column: string) =>
    sql.raw(
      `CAST(EXTRACT(YEAR FROM ${column}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM ${column}) AS INTEGER) - 1`,
    );
  const { rows } = await sql<{ cohort: number; period: number; customers: number }>`
    WITH completed AS (
      SELECT customer_id, order_date FROM orders
      WHERE order_date <= ${asOfDate} AND ${isPurchase("orders")} AND ${visibleCustomer(scope, "customer_id")}
    ),
    firsts AS (SELECT customer_id, MIN(order_date) AS first_day FROM completed GROUP BY customer_id),
    activity AS (SELECT DISTINCT customer_id, ${month("order_date")} AS period FROM completed)
    SELECT ${month("f.first_day")} AS cohort, a.period, COUNT(*) AS customers
    FROM activity a JOIN firsts f ON f.customer_id = a.customer_id
    GROUP BY 1, 2`.execute(db);
  const counts: CohortCount[] = rows.map((row) => ({
    cohort: Number(row.cohort),
    period: Number(row.period),
    customers: Number(row.customers),
  }));
  // Every customer buys in the month of their first purchase, so that cell is the cohort's size.
  const sizes = new Map(counts.filter((c) => c.period === c.cohort).map((c) => [c.cohort, c.customers]));
  return cohortRetentionFromCounts({ asOfPeriod: monthOf(asOf), sizes, counts });
}

/** A month's churn as the analysis reports it (AnalysisReport structure.churnRates). */
export interface MonthlyChurn {
  month: string;
  /** Customers at the month's start: bought before it and not churned before it. */
  customers: number;
  churned: number;
  /** churned ÷ customers; NaN without customers. */
  rate: number;
  /** False for the last months, whose customers cannot be called churned yet: a lower bound. */
  complete: boolean;
}

/**
 * Churn per month over the last two years before `asOfPeriod`, by the core's rule (churnRates),
 * from each customer's first and last purchase month (NaN for none).
 */
export function monthlyChurn(
  firstPeriod: ArrayLike<number>,
  lastPeriod: ArrayLike<number>,
  asOfPeriod: number,
): MonthlyChurn[] {
  return churnRates({ firstPeriod, lastPeriod, asOfPeriod })
    .filter((row) => row.period > asOfPeriod - 24)
    .map((row) => ({
      month: monthLabel(row.period),
      customers: row.customers,
      churned: row.churned,
      rate: row.rate,
      complete: row.complete,
    }));
}

/** Monthly churn as of `asOf` of the customers in `scope`, from their purchases (as the analysis computes it). */
export async function monthlyChurnAsOf(
  db: Kysely<Database>,
  asOf: string,
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<MonthlyChurn[]> {
  const month = (expression: string) =>
    sql.raw(
      `CAST(EXTRACT(YEAR FROM ${expression}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM ${expression}) AS INTEGER) - 1`,
    );
  const { rows } = await sql<{ first: number; last: number }>`
    SELECT ${month("MIN(order_date)")} AS first, ${month("MAX(order_date)")} AS last
    FROM orders
    WHERE order_date <= CAST(${asOf} AS DATE) AND ${isPurchase("orders")} AND ${visibleCustomer(scope, "customer_id")}
    GROUP BY customer_id`.execute(db);
  const firstPeriod = new Float64Array(rows.length);
  const lastPeriod = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    firstPeriod[i] = Number(row.first);
    lastPeriod[i] = Number(row.last);
  });
  return monthlyChurn(firstPeriod, lastPeriod, monthOf(asOf));
}
