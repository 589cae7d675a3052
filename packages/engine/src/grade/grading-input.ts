/**
 * The columns a grading scheme reads (GRADING_FIELDS), for every customer of one analysis run:
 * the run's scores joined with the customers' attributes, fetched column by column.
 */
import type { GradingInput } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { sql } from "kysely";

export interface GradingColumns extends GradingInput {
  readonly customerIds: Float64Array;
  readonly numeric: Readonly<Record<string, Float64Array>>;
  readonly categorical: Readonly<Record<string, readonly (string | null)[]>>;
}

/** Numeric fields read straight from customer_scores under the same name. */
const SCORE_NUMBERS = [
  "clv",
  "revenue",
  "revenue_12m",
  "margin",
  "profitability",
  "orders",
  "recency_days",
  "p_alive",
  "expected_purchases",
  "churn_risk",
  "credit_score",
  "loyalty",
  "max_days_past_due",
  "overdue_amount",
  "on_time_share",
  "open_complaints",
  "r_score",
  "f_score",
  "m_score",
] as const;

const SCORE_CODES = [
  "rfm_segment",
  "rfm_class",
  "abc_class",
  "value_tier",
  "behaviour_status",
  "lifecycle_stage",
  "credit_grade",
  "churn_warning",
  "nps_category",
] as const;

const CUSTOMER_TEXT = ["industry", "province", "city", "needs_type", "owner"] as const;

/** Every customer scored in `runId`, in customer id order, or only `customerId`. */
export async function loadGradingInput(
  handle: DbHandle,
  runId: number,
  customerId?: number,
): Promise<GradingColumns> {
  const double = handle.sqlTypes.double;
  const numbers = SCORE_NUMBERS.map((name) => `CAST(s.${name} AS ${double}) AS ${name}`);
  const query = sql`
    SELECT CAST(s.customer_id AS ${sql.raw(double)}) AS customer_id,
           ${sql.raw(numbers.join(",\n           "))},
           CAST(s.last_nps AS ${sql.raw(double)}) AS nps,
           CAST(c.credit_limit AS ${sql.raw(double)}) AS credit_limit,
           ${sql.raw(SCORE_CODES.map((name) => `s.${name}`).join(", "))},
           ${sql.raw(CUSTOMER_TEXT.map((name) => `c.${name}`).join(", "))},
           c.type AS customer_type
    FROM customer_scores s
    JOIN customers c ON c.id = s.customer_id
    WHERE s.run_id = ${runId} ${customerId === undefined ? sql`` : sql`AND s.customer_id = ${customerId}`}
    ORDER BY s.customer_id`.compile(handle.db);
  const columns = (await handle.selectColumns(query)) as unknown as Record<
    string,
    Float64Array | (string | null)[]
  >;
  const number = (name: string) => columns[name] as Float64Array;
  const numeric: Record<string, Float64Array> = { nps: number("nps") };
  for (const name of SCORE_NUMBERS) numeric[name] = number(name);
  const { rows } = await sql<{ revenue: number | null; margin: number | null }>`
    SELECT CAST(SUM(revenue) AS ${sql.raw(double)}) AS revenue, CAST(SUM(margin) AS ${sql.raw(double)}) AS margin
    FROM customer_scores WHERE run_id = ${runId}`.execute(handle.db);
  const company = { revenue: Number(rows[0]?.revenue ?? 0), margin: Number(rows[0]?.margin ?? 0) };
  numeric.growth_potential = growthPotential(numeric, company);
  numeric.overdue_ratio = overdueRatio(number("overdue_amount"), number("credit_limit"));
  const categorical: Record<string, readonly (string | null)[]> = {};
  for (const name of [...SCORE_CODES, ...CUSTOMER_TEXT, "customer_type"]) {
    categorical[name] = columns[name] as (string | null)[];
  }
  return { customerIds: number("customer_id"), numeric, categorical };
}

/**
 * Predicted value minus the value of the last 12 months, both as margin: room to grow. Predicted
 * value (clv) is margin over the run's horizon (a year by default), so the last year's revenue is
 * taken at the customer's own margin rate, else the company's, else whole (data without costs),
 * as the analysis does.
 */
function growthPotential(
  numeric: Record<string, Float64Array>,
  company: { revenue: number; margin: number },
): Float64Array {
  const { clv, revenue, margin, revenue_12m: revenue12m } = numeric;
  const companyRate = company.margin !== 0 && company.revenue > 0 ? company.margin / company.revenue : 1;
  return clv!.map((value, i) => {
    const rate = revenue![i]! > 0 && margin![i]! !== 0 ? margin![i]! / revenue![i]! : companyRate;
    return value - revenue12m![i]! * rate;
  });
}

/** Overdue amount as a share of the credit limit; unknown without a positive limit. */
function overdueRatio(overdue: Float64Array, limit: Float64Array): Float64Array {
  return overdue.map((value, i) => (limit[i]! > 0 ? value / limit[i]! : Number.NaN));
}
