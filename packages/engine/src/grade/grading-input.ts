/**
 * The columns a grading scheme reads (GRADING_FIELDS), for every customer of one analysis run:
 * the run's scores joined with the customers' attributes, fetched column by column.
 */
import type { GradingInput, GradingScheme } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { sql } from "kysely";
import { GradeError } from "./errors.ts";

export interface GradingColumns extends GradingInput {
  readonly customerIds: Float64Array;
  readonly numeric: Readonly<Record<string, Float64Array>>;
  readonly categorical: Readonly<Record<string, readonly (string | null)[]>>;
}

/** Where each field comes from: a column of the scores (s) or of the customer (c). */
const NUMERIC_SQL: Readonly<Record<string, string>> = {
  clv: "s.clv",
  revenue: "s.revenue",
  revenue_12m: "s.revenue_12m",
  margin: "s.margin",
  profitability: "s.profitability",
  orders: "s.orders",
  recency_days: "s.recency_days",
  p_alive: "s.p_alive",
  expected_purchases: "s.expected_purchases",
  churn_risk: "s.churn_risk",
  credit_score: "s.credit_score",
  loyalty: "s.loyalty",
  nps: "s.last_nps",
  satisfaction: "s.last_satisfaction",
  max_days_past_due: "s.max_days_past_due",
  overdue_amount: "s.overdue_amount",
  on_time_share: "s.on_time_share",
  open_complaints: "s.open_complaints",
  r_score: "s.r_score",
  f_score: "s.f_score",
  m_score: "s.m_score",
  credit_limit: "c.credit_limit",
};

const CATEGORICAL_SQL: Readonly<Record<string, string>> = {
  rfm_segment: "s.rfm_segment",
  rfm_class: "s.rfm_class",
  abc_class: "s.abc_class",
  value_tier: "s.value_tier",
  behaviour_status: "s.behaviour_status",
  lifecycle_stage: "s.lifecycle_stage",
  credit_grade: "s.credit_grade",
  churn_warning: "s.churn_warning",
  nps_category: "s.nps_category",
  industry: "c.industry",
  province: "c.province",
  city: "c.city",
  needs_type: "c.needs_type",
  owner: "c.owner",
  customer_type: "c.type",
};

/** Fields computed from others, and the fields they need. */
const DERIVED: Readonly<Record<string, readonly string[]>> = {
  growth_potential: ["clv", "revenue", "margin", "revenue_12m"],
  overdue_ratio: ["overdue_amount", "credit_limit"],
};

/** Every field a scheme can read here (GRADING_FIELDS). */
export const GRADING_INPUT_FIELDS = [
  ...Object.keys(NUMERIC_SQL).filter((name) => name !== "credit_limit"),
  ...Object.keys(DERIVED),
  ...Object.keys(CATEGORICAL_SQL),
];

export interface GradingInputOptions {
  /** The fields to load (default all); revenue and clv always come, for the distribution. */
  fields?: readonly string[];
  /** Only this customer. */
  customerId?: number;
}

/**
 * The customers scored in `runId`, in customer id order, with the fields asked for: a scheme
 * reads a handful of the forty, and text columns cost most to fetch (a million customers with
 * every field: 6 s; with the value scheme's: about 1 s).
 */
export async function loadGradingInput(
  handle: DbHandle,
  runId: number,
  options: GradingInputOptions = {},
): Promise<GradingColumns> {
  const asked = options.fields ?? GRADING_INPUT_FIELDS;
  const unknown = asked.filter((name) => !GRADING_INPUT_FIELDS.includes(name));
  if (unknown.length > 0) {
    throw new GradeError("GRADE_UNKNOWN_FIELD", {
      fields: unknown.join(", "),
      known: GRADING_INPUT_FIELDS.join(", "),
    });
  }
  const wanted = new Set(["revenue", "clv", ...asked]);
  for (const name of asked) for (const need of DERIVED[name] ?? []) wanted.add(need);
  const double = handle.sqlTypes.double;
  const numeric = [...wanted].filter((name) => name in NUMERIC_SQL);
  const categorical = [...wanted].filter((name) => name in CATEGORICAL_SQL);
  const selects = [
    `CAST(s.customer_id AS ${double}) AS customer_id`,
    ...numeric.map((name) => `CAST(${NUMERIC_SQL[name]} AS ${double}) AS ${name}`),
    ...categorical.map((name) => `${CATEGORICAL_SQL[name]} AS ${name}`),
  ];
  const needsCustomer = [...numeric, ...categorical].some((name) =>
    (NUMERIC_SQL[name] ?? CATEGORICAL_SQL[name])!.startsWith("c."),
  );
  const query = sql`
    SELECT ${sql.raw(selects.join(", "))}
    FROM customer_scores s
    ${needsCustomer ? sql`JOIN customers c ON c.id = s.customer_id` : sql``}
    WHERE s.run_id = ${runId}
    ${options.customerId === undefined ? sql`` : sql`AND s.customer_id = ${options.customerId}`}
    ORDER BY s.customer_id`.compile(handle.db);
  const columns = (await handle.selectColumns(query)) as unknown as Record<
    string,
    Float64Array | (string | null)[]
  >;
  const numbers: Record<string, Float64Array> = {};
  for (const name of numeric) numbers[name] = columns[name] as Float64Array;
  if (wanted.has("growth_potential")) {
    const { rows } = await sql<{ revenue: number | null; margin: number | null }>`
      SELECT CAST(SUM(revenue) AS ${sql.raw(double)}) AS revenue, CAST(SUM(margin) AS ${sql.raw(double)}) AS margin
      FROM customer_scores WHERE run_id = ${runId}`.execute(handle.db);
    const company = { revenue: Number(rows[0]?.revenue ?? 0), margin: Number(rows[0]?.margin ?? 0) };
    numbers.growth_potential = growthPotential(numbers, company);
  }
  if (wanted.has("overdue_ratio")) {
    numbers.overdue_ratio = overdueRatio(numbers.overdue_amount!, numbers.credit_limit!);
  }
  delete numbers.credit_limit;
  const codes: Record<string, readonly (string | null)[]> = {};
  for (const name of categorical) codes[name] = columns[name] as (string | null)[];
  return { customerIds: columns.customer_id as Float64Array, numeric: numbers, categorical: codes };
}

/** The fields a scheme reads: its dimensions and the conditions of its rules. */
export function schemeFields(scheme: GradingScheme): string[] {
  return [
    ...new Set([
      ...scheme.dimensions.map((dimension) => dimension.field),
      ...(scheme.overrides ?? []).map((rule) => rule.when.field),
    ]),
  ];
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
  const { clv, revenue, margin, revenue_12m: revenue12m } = numeric as Required<typeof numeric>;
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
