/**
 * The figures of the structure overview beyond the cross-tabs (structure.ts): per analysis run the
 * key figures of the customers in scope, how concentrated their revenue is (Lorenz curve, Gini,
 * the top 20 %'s share) and how their predicted value is spread; and the last year's cohort
 * retention and monthly churn. Everything counts only the customers in the reader's scope.
 */
import type { CohortTable } from "@custra/core";
import { ALL_CUSTOMERS, type CustomerScope, type Database, visibleCustomer } from "@custra/db";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { AnalysisReport } from "../analyze/analyze.ts";
import { type MonthlyChurn, monthLabel, retentionAsOf } from "../analyze/cohorts.ts";

/** Months shown of the cohort table and of the monthly churn. */
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
  // The value at position ⌊0.99·(n − 1)⌋ from the smallest, found from the largest down: the
  // engine then keeps only the top 1 % in order instead of sorting every customer.
  const fromTop = customers - 1 - Math.floor(0.99 * (customers - 1));
  const { rows: percentile } = await sql<{ value: number }>`
    SELECT CAST(GREATEST(s.clv, 0) AS ${d}) AS value FROM customer_scores s WHERE ${inScope}
    ORDER BY GREATEST(s.clv, 0) DESC, s.customer_id DESC LIMIT 1 OFFSET ${fromTop}`.execute(db);
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
  /**
   * The last 12 monthly cohorts (oldest first): customers by the month of their first purchase,
   * and the share of them who bought in each month from it (`retained[0]`, the first month, is 1;
   * the rows shorten towards the as-of month). Null for a month no customer began in.
   */
  cohorts: { month: string; customers: number; retained: (number | null)[] }[];
  /** The last 12 months' churn, by the analysis's rule (engine analyze/cohorts.ts `monthlyChurn`). */
  churn: { month: string; customers: number; churned: number; rate: number | null; complete: boolean }[];
}

/**
 * Cohort retention and monthly churn as of the run, by the rules the analysis reports them with.
 * For a reader of every customer they are the run's own report; for a reader of some, they are
 * computed from those customers' purchases.
 */
export async function retention(
  db: Db,
  run: { id: number; asOf: string },
  scope: CustomerScope = ALL_CUSTOMERS,
): Promise<Retention> {
  const reported = scope.kind === "all" ? await reportedRetention(db, run.id) : undefined;
  const [cohorts, churn] = reported ?? (await computedRetention(db, run.asOf, scope));
  return {
    asOf: run.asOf,
    cohorts: cohorts.slice(-OVERVIEW_MONTHS),
    churn: churn.slice(-OVERVIEW_MONTHS).map((row) => ({ ...row, rate: numberOrNull(row.rate) })),
  };
}

type CohortRow = Retention["cohorts"][number];

async function computedRetention(
  db: Db,
  asOf: string,
  scope: CustomerScope,
): Promise<[CohortRow[], MonthlyChurn[]]> {
  const { cohorts, churn } = await retentionAsOf(db, asOf, scope);
  return [cohortRows(cohorts), churn];
}

function cohortRows(table: CohortTable): CohortRow[] {
  return table.cohorts.map((cohort, row) => ({
    month: monthLabel(cohort),
    customers: table.sizes[row]!,
    retained: table.retention[row]!.map(numberOrNull),
  }));
}

/** The run report's cohorts and churn; undefined for a run written without them. */
async function reportedRetention(db: Db, runId: number): Promise<[CohortRow[], MonthlyChurn[]] | undefined> {
  const row = await db
    .selectFrom("analysis_runs")
    .select("report")
    .where("id", "=", runId)
    .executeTakeFirst();
  const report = (typeof row?.report === "string" ? JSON.parse(row.report) : row?.report) as
    | Partial<AnalysisReport>
    | undefined;
  const structure = report?.structure;
  if (!structure?.cohorts || !structure.churnRates) return undefined;
  const { months, sizes, retention: shares } = structure.cohorts;
  const cohorts = months.map((month, k) => ({
    month,
    customers: sizes[k]!,
    retained: shares[k]!.map(numberOrNull),
  }));
  return [cohorts, structure.churnRates];
}

/** NaN (JSON's null) as null. */
function numberOrNull(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}
