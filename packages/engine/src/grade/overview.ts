/**
 * The figures of the structure overview beyond the cross-tabs (structure.ts): per analysis run the
 * key figures of the customers in scope, how concentrated their revenue is (Lorenz curve, Gini,
 * the top 20 %'s share) and how their predicted value is spread; from the orders, how the
 * customers of each month's first purchase came back (cohort retention) and how many active
 * customers lapsed each month. Everything counts only the customers in the reader's scope.
 */
import { ALL_CUSTOMERS, type CustomerScope, type Database, isPurchase, visibleCustomer } from "@custra/db";
import { type Kysely, type RawBuilder, sql } from "kysely";

/**
 * A customer is active while their last purchase is at most this many days old and lapses the
 * day after: the same line as the behaviour status's "churned" (core segments/tiers.ts
 * `churnDays`, 365 by default), so that the monthly churn and the run's churn rate agree.
 */
export const LAPSE_DAYS = 365;

/** Months shown by the cohort table and the monthly churn. */
export const OVERVIEW_MONTHS = 12;

export interface RunKpis {
  analysisRunId: number;
  asOf: string;
  /** Customers in scope the run scored, and those of them who have bought. */
  customers: number;
  buyers: number;
  /** Shares of the buyers whose behaviour status is active, and churned; null without buyers. */
  activeShare: number | null;
  churnRate: number | null;
  revenue: number;
  margin: number;
  /** Predicted customer lifetime value, summed. */
  predictedValue: number;
  /** Net Promoter Score (−100..100) over each customer's latest answer; null without answers. */
  nps: number | null;
  npsAnswers: number;
  /** Satisfaction index 0..100 over each customer's latest survey, (mean − 1) / 4 × 100. */
  csi: number | null;
  csiAnswers: number;
  /** Open invoices past due as of the run. */
  overdueReceivables: number;
}

type Db = Kysely<Database>;

export async function runKpis(
  db: Db,
  double: string,
  run: { id: number; asOf: string },
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<RunKpis> {
  const d = sql.raw(double);
  const count = (condition: RawBuilder<unknown>) =>
    sql`CAST(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${d})`;
  const { rows } = await sql<Record<string, number | string | null>>`
    SELECT CAST(COUNT(*) AS ${d}) AS customers,
           ${count(sql`s.orders > 0`)} AS buyers,
           ${count(sql`s.orders > 0 AND s.behaviour_status = 'active'`)} AS active,
           ${count(sql`s.orders > 0 AND s.behaviour_status = 'churned'`)} AS churned,
           CAST(COALESCE(SUM(s.revenue), 0) AS ${d}) AS revenue,
           CAST(COALESCE(SUM(s.margin), 0) AS ${d}) AS margin,
           CAST(COALESCE(SUM(s.clv), 0) AS ${d}) AS clv,
           ${count(sql`s.last_nps >= 9`)} AS promoters,
           ${count(sql`s.last_nps <= 6`)} AS detractors,
           CAST(COUNT(s.last_nps) AS ${d}) AS nps_answers,
           CAST(AVG(s.last_satisfaction) AS ${d}) AS satisfaction,
           CAST(COUNT(s.last_satisfaction) AS ${d}) AS csi_answers,
           CAST(COALESCE(SUM(s.overdue_amount), 0) AS ${d}) AS overdue
    FROM customer_scores s
    WHERE s.run_id = ${run.id} AND ${visibleCustomer(scope, "s.customer_id")}`.execute(db);
  const row = rows[0] ?? {};
  const n = (name: string) => Number(row[name] ?? 0);
  const buyers = n("buyers");
  const npsAnswers = n("nps_answers");
  const csiAnswers = n("csi_answers");
  return {
    analysisRunId: run.id,
    asOf: run.asOf,
    customers: n("customers"),
    buyers,
    activeShare: buyers > 0 ? n("active") / buyers : null,
    churnRate: buyers > 0 ? n("churned") / buyers : null,
    revenue: n("revenue"),
    margin: n("margin"),
    predictedValue: n("clv"),
    nps: npsAnswers > 0 ? ((n("promoters") - n("detractors")) / npsAnswers) * 100 : null,
    npsAnswers,
    csi: csiAnswers > 0 ? ((n("satisfaction") - 1) / 4) * 100 : null,
    csiAnswers,
    overdueReceivables: n("overdue"),
  };
}

export interface RevenueConcentration {
  /** Buyers counted (customers with a purchase; net returns count as no revenue). */
  buyers: number;
  /**
   * The Lorenz curve from (0, 0) to (1, 1): the share of revenue (y) of the smallest share x of
   * the buyers. Its points are exact: every buyer's with 100 buyers or fewer, else the ends of
   * 100 equal groups.
   */
  lorenz: { customerShare: number; revenueShare: number }[];
  /** Gini coefficient of revenue over the buyers, 0 (all equal) … 1; null without revenue. */
  gini: number | null;
  /** Share of revenue of the largest 20 % of the buyers (⌈0.2·n⌉ of them); null without revenue. */
  top20Share: number | null;
}

/** How concentrated the run's revenue is over the buyers in scope. */
export async function revenueConcentration(
  db: Db,
  double: string,
  runId: number,
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<RevenueConcentration> {
  const d = sql.raw(double);
  // Each buyer's position from the smallest revenue up, in 100 equal groups (one buyer each when
  // there are 100 or fewer); the Gini coefficient from the positions exactly:
  // G = 2·Σ position·x / (n·Σ x) − (n + 1) / n.
  const { rows } = await sql<{
    bucket: number;
    customers: number;
    revenue: number;
    ranked: number;
    top: number;
  }>`
    WITH ranked AS (
      SELECT GREATEST(s.revenue, 0) AS revenue,
             ROW_NUMBER() OVER (ORDER BY GREATEST(s.revenue, 0), s.customer_id) AS pos,
             COUNT(*) OVER () AS n
      FROM customer_scores s
      WHERE s.run_id = ${runId} AND s.orders > 0 AND ${visibleCustomer(scope, "s.customer_id")}
    )
    SELECT CAST(FLOOR((pos - 1) * 100.0 / n) AS INTEGER) AS bucket,
           CAST(COUNT(*) AS ${d}) AS customers,
           CAST(SUM(revenue) AS ${d}) AS revenue,
           CAST(SUM(CAST(pos AS ${d}) * revenue) AS ${d}) AS ranked,
           CAST(SUM(CASE WHEN pos > n - CEIL(0.2 * n) THEN revenue ELSE 0 END) AS ${d}) AS top
    FROM ranked GROUP BY 1 ORDER BY 1`.execute(db);
  let buyers = 0;
  let total = 0;
  let ranked = 0;
  let top = 0;
  for (const row of rows) {
    buyers += Number(row.customers);
    total += Number(row.revenue);
    ranked += Number(row.ranked);
    top += Number(row.top);
  }
  const lorenz = [{ customerShare: 0, revenueShare: 0 }];
  let customers = 0;
  let revenue = 0;
  for (const row of rows) {
    customers += Number(row.customers);
    revenue += Number(row.revenue);
    lorenz.push({ customerShare: customers / buyers, revenueShare: total > 0 ? revenue / total : 0 });
  }
  return {
    buyers,
    lorenz,
    gini: total > 0 ? (2 * ranked) / (buyers * total) - (buyers + 1) / buyers : null,
    top20Share: total > 0 ? top / total : null,
  };
}

export interface ValueDistribution {
  /** Customers with a predicted value. */
  customers: number;
  /**
   * Equal-width bins from 0 up to the 99th percentile; the last bin holds everything above it
   * (its `to` is the largest value), so one outlier does not squeeze the rest into one bar.
   */
  bins: { from: number; to: number; customers: number }[];
}

const VALUE_BINS = 20;

/** How the run's predicted customer lifetime value is spread over the customers in scope. */
export async function valueDistribution(
  db: Db,
  double: string,
  runId: number,
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<ValueDistribution> {
  const d = sql.raw(double);
  const inScope = sql`s.run_id = ${runId} AND s.clv IS NOT NULL AND ${visibleCustomer(scope, "s.customer_id")}`;
  const { rows: counted } = await sql<{ customers: number; largest: number | null }>`
    SELECT CAST(COUNT(*) AS ${d}) AS customers, CAST(MAX(GREATEST(s.clv, 0)) AS ${d}) AS largest
    FROM customer_scores s WHERE ${inScope}`.execute(db);
  const customers = Number(counted[0]?.customers ?? 0);
  const largest = Number(counted[0]?.largest ?? 0);
  if (customers === 0) return { customers, bins: [] };
  const { rows: percentile } = await sql<{ value: number }>`
    SELECT CAST(GREATEST(s.clv, 0) AS ${d}) AS value FROM customer_scores s WHERE ${inScope}
    ORDER BY GREATEST(s.clv, 0), s.customer_id LIMIT 1 OFFSET ${Math.floor(0.99 * (customers - 1))}`.execute(
    db,
  );
  const p99 = Number(percentile[0]?.value ?? largest);
  if (!(p99 > 0)) return { customers, bins: [{ from: 0, to: largest, customers }] };
  const width = p99 / VALUE_BINS;
  const { rows } = await sql<{ bin: number; customers: number }>`
    SELECT CAST(LEAST(FLOOR(GREATEST(s.clv, 0) / ${width}), ${VALUE_BINS}) AS INTEGER) AS bin,
           CAST(COUNT(*) AS ${d}) AS customers
    FROM customer_scores s WHERE ${inScope} GROUP BY 1`.execute(db);
  const counts = new Float64Array(VALUE_BINS + 1);
  for (const row of rows) counts[Number(row.bin)] = Number(row.customers);
  const bins = Array.from({ length: VALUE_BINS }, (_, k) => ({
    from: k * width,
    to: (k + 1) * width,
    customers: counts[k]!,
  }));
  // Values exactly at the 99th percentile fall in bin VALUE_BINS; above it is the tail.
  if (counts[VALUE_BINS]! > 0) bins.push({ from: p99, to: largest, customers: counts[VALUE_BINS]! });
  return { customers, bins };
}

export interface Retention {
  asOf: string;
  lapseDays: number;
  /**
   * The customers whose first purchase fell in each of the last months (oldest first), and the
   * share of them who bought again in each month after it (`retained[0]` is the first month,
   * 1; a month after `asOf` is not there).
   */
  cohorts: { month: string; customers: number; retained: number[] }[];
  /**
   * Per month (oldest first): customers active at its start (a purchase in the `lapseDays` before)
   * and how many of them lapsed in it (their `lapseDays` passed without a purchase); the churn
   * rate is lapsed / active, null without active customers.
   */
  churn: { month: string; active: number; lapsed: number; rate: number | null }[];
}

/** Cohort retention and monthly churn of the customers in scope, from their purchases up to `asOf`. */
export async function retention(
  db: Db,
  double: string,
  asOf: string,
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<Retention> {
  const d = sql.raw(double);
  const last = monthNumber(asOf);
  const first = last - (OVERVIEW_MONTHS - 1);
  const monthOf = (column: string) =>
    sql`(CAST(EXTRACT(YEAR FROM ${sql.ref(column)}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM ${sql.ref(column)}) AS INTEGER) - 1)`;
  const purchases = sql`${isPurchase("o")} AND o.order_date <= CAST(${asOf} AS DATE) AND ${visibleCustomer(scope, "o.customer_id")}`;

  // Cohorts: each customer's first purchase month, then the months they bought in after it.
  const { rows: cohortRows } = await sql<{ cohort: number; offset: number; customers: number }>`
    SELECT f.cohort, ${monthOf("o.order_date")} - f.cohort AS "offset",
           CAST(COUNT(DISTINCT o.customer_id) AS ${d}) AS customers
    FROM orders o
    JOIN (
      SELECT o.customer_id, MIN(${monthOf("o.order_date")}) AS cohort
      FROM orders o WHERE ${purchases} GROUP BY o.customer_id
    ) f ON f.customer_id = o.customer_id
    WHERE ${purchases} AND f.cohort >= ${first}
    GROUP BY 1, 2`.execute(db);
  const cohorts = Array.from({ length: OVERVIEW_MONTHS }, (_, k) => ({
    month: monthName(first + k),
    customers: 0,
    retained: new Array<number>(OVERVIEW_MONTHS - k).fill(0),
  }));
  for (const row of cohortRows) {
    const cohort = cohorts[Number(row.cohort) - first]!;
    if (Number(row.offset) === 0) cohort.customers = Number(row.customers);
    cohort.retained[Number(row.offset)] = Number(row.customers);
  }
  for (const cohort of cohorts)
    cohort.retained = cohort.retained.map((count) => (cohort.customers > 0 ? count / cohort.customers : 0));

  // Churn: an active spell starts with a purchase that follows none in the `LAPSE_DAYS` before,
  // and ends (lapses) `LAPSE_DAYS` after a purchase no other follows within them. The customers
  // active at a month's start are the spells started before it less those lapsed before it.
  // Inlined, not bound: DuckDB binds a parameter added to a date as HUGEINT, which it cannot add.
  const lapse = sql.lit(LAPSE_DAYS);
  const lapsesOn = sql.lit(LAPSE_DAYS + 1);
  const { rows: eventRows } = await sql<{ month: number; starts: number; lapses: number }>`
    WITH days AS (
      SELECT o.customer_id, o.order_date FROM orders o WHERE ${purchases}
      GROUP BY o.customer_id, o.order_date
    ), spells AS (
      SELECT order_date,
             LAG(order_date) OVER (PARTITION BY customer_id ORDER BY order_date) AS previous,
             LEAD(order_date) OVER (PARTITION BY customer_id ORDER BY order_date) AS following
      FROM days
    ), events AS (
      SELECT order_date AS day, 1 AS start, 0 AS lapse FROM spells
      WHERE previous IS NULL OR order_date - previous > ${lapse}
      UNION ALL
      SELECT order_date + ${lapsesOn} AS day, 0 AS start, 1 AS lapse FROM spells
      WHERE (following IS NULL OR following - order_date > ${lapse})
        AND order_date + ${lapsesOn} <= CAST(${asOf} AS DATE)
    )
    SELECT ${monthOf("day")} AS month, CAST(SUM(start) AS ${d}) AS starts, CAST(SUM(lapse) AS ${d}) AS lapses
    FROM events GROUP BY 1 ORDER BY 1`.execute(db);
  const churn: Retention["churn"] = [];
  let active = 0;
  const byMonth = new Map(eventRows.map((row) => [Number(row.month), row]));
  const earliest = eventRows.length > 0 ? Number(eventRows[0]!.month) : first;
  for (let month = Math.min(earliest, first); month <= last; month++) {
    const events = byMonth.get(month);
    const lapsed = Number(events?.lapses ?? 0);
    if (month >= first)
      churn.push({ month: monthName(month), active, lapsed, rate: active > 0 ? lapsed / active : null });
    active += Number(events?.starts ?? 0) - lapsed;
  }
  return { asOf, lapseDays: LAPSE_DAYS, cohorts, churn };
}

/** Months since year 0 (year × 12 + month − 1) of an ISO date. */
function monthNumber(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

function monthName(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}
