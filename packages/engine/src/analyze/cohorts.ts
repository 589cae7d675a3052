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
  return (await retentionAsOf(db, asOf, scope)).cohorts;
}

/**
 * Cohort retention (as `cohortRetentionAsOf`) and monthly churn (as `monthlyChurn`) as of a date,
 * of the customers in `scope`, from one pass over their purchases: the database counts customers
 * per (cohort, month) and per (first month, last month), so neither a customer's row nor a second
 * pass over the orders reaches JavaScript.
 */
export async function retentionAsOf(
  db: Kysely<Database>,
  asOf: string,
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<{ cohorts: CohortTable; churn: MonthlyChurn[] }> {
  const month = sql.raw(
    "CAST(EXTRACT(YEAR FROM order_date) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM order_date) AS INTEGER) - 1",
  );
  // kind 0: customers active in `period` of the cohort `first`; kind 1: customers whose first
  // and last purchase months are `first` and `period`.
  const { rows } = await sql<{ kind: number; first: number; period: number; customers: number }>`
    WITH activity AS (
      SELECT DISTINCT customer_id, ${month} AS period FROM orders
      WHERE order_date <= CAST(${asOf} AS DATE) AND ${isPurchase("orders")} AND ${visibleCustomer(scope, "customer_id")}
    ),
    spans AS (SELECT customer_id, MIN(period) AS first, MAX(period) AS last FROM activity GROUP BY customer_id)
    SELECT 0 AS kind, s.first, a.period, COUNT(*) AS customers
    FROM activity a JOIN spans s ON s.customer_id = a.customer_id GROUP BY 2, 3
    UNION ALL
    SELECT 1 AS kind, first, last AS period, COUNT(*) AS customers FROM spans GROUP BY 2, 3`.execute(db);
  const counts: CohortCount[] = [];
  const spans: { first: number; last: number; customers: number }[] = [];
  for (const row of rows) {
    const first = Number(row.first);
    const period = Number(row.period);
    const customers = Number(row.customers);
    if (Number(row.kind) === 0) counts.push({ cohort: first, period, customers });
    else spans.push({ first, last: period, customers });
  }
  // Every customer buys in the month of their first purchase, so that cell is the cohort's size.
  const sizes = new Map(counts.filter((c) => c.period === c.cohort).map((c) => [c.cohort, c.customers]));
  const asOfPeriod = monthOf(asOf);
  const cohorts = cohortRetentionFromCounts({ asOfPeriod, sizes, counts });
  // The core rule takes one entry per customer: each (first, last) pair as many times as it counts.
  const buyers = spans.reduce((sum, span) => sum + span.customers, 0);
  const firstPeriod = new Float64Array(buyers);
  const lastPeriod = new Float64Array(buyers);
  let at = 0;
  for (const span of spans) {
    firstPeriod.fill(span.first, at, at + span.customers);
    lastPeriod.fill(span.last, at, at + span.customers);
    at += span.customers;
  }
  return { cohorts, churn: monthlyChurn(firstPeriod, lastPeriod, asOfPeriod) };
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
