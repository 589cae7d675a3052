/**
 * The per-customer fields a grading scheme can use. The engine provides one column per field
 * from the latest analysis run under exactly these names, so a scheme written against them works
 * in every installation; an installation may add its own columns under other names.
 */
import {
  ABC_CLASSES,
  BEHAVIOUR_STATUSES,
  CREDIT_GRADES,
  LIFECYCLE_STAGES,
  NPS_CATEGORIES,
  RFM_SEGMENTS,
  RFM8_CLASSES,
  VALUE_TIERS,
  WARNING_LEVELS,
} from "../segments/codes.ts";

/** Fields with a number per customer; `NaN` where it is unknown. */
export const GRADING_NUMERIC_FIELDS = [
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
  "nps",
  /** The latest survey's satisfaction score, 1–5 (CSAT): what a scheme weighs where surveys ask no NPS. */
  "satisfaction",
  "growth_potential",
  "max_days_past_due",
  "overdue_amount",
  "overdue_ratio",
  "on_time_share",
  "open_complaints",
  "r_score",
  "f_score",
  "m_score",
] as const;
export type GradingNumericField = (typeof GRADING_NUMERIC_FIELDS)[number];

/** Fields with a code or a name per customer; `null` where it is unknown. */
export const GRADING_CATEGORICAL_FIELDS = [
  "rfm_segment",
  "rfm_class",
  "abc_class",
  "value_tier",
  "behaviour_status",
  "lifecycle_stage",
  "credit_grade",
  "churn_warning",
  "nps_category",
  "industry",
  "province",
  "city",
  "customer_type",
  "needs_type",
  "owner",
] as const;
export type GradingCategoricalField = (typeof GRADING_CATEGORICAL_FIELDS)[number];

export type GradingField = GradingNumericField | GradingCategoricalField;

/** Both lists, for the CLI's field listing and the web scheme editor. */
export const GRADING_FIELDS = {
  numeric: GRADING_NUMERIC_FIELDS,
  categorical: GRADING_CATEGORICAL_FIELDS,
} as const;

/**
 * The values a categorical field can take, where custra defines them. A scheme that compares
 * `credit_grade` with "Poor" would silently never match; checking against these lists turns the
 * typo into an error when the scheme is loaded. Free-text fields (industry, city, owner…) have no
 * list.
 */
export const CATEGORICAL_FIELD_CODES: Readonly<Partial<Record<GradingCategoricalField, readonly string[]>>> =
  {
    rfm_segment: RFM_SEGMENTS,
    rfm_class: RFM8_CLASSES,
    abc_class: ABC_CLASSES,
    value_tier: VALUE_TIERS,
    behaviour_status: BEHAVIOUR_STATUSES,
    lifecycle_stage: LIFECYCLE_STAGES,
    credit_grade: CREDIT_GRADES,
    churn_warning: WARNING_LEVELS,
    nps_category: NPS_CATEGORIES,
    customer_type: ["individual", "enterprise"],
    needs_type: ["functional", "emotional", "value"],
  };

const numericFields: ReadonlySet<string> = new Set(GRADING_NUMERIC_FIELDS);
const categoricalFields: ReadonlySet<string> = new Set(GRADING_CATEGORICAL_FIELDS);

/** The kind of a field custra provides, or undefined for a field of the installation's own. */
export function gradingFieldKind(field: string): "numeric" | "categorical" | undefined {
  if (numericFields.has(field)) return "numeric";
  if (categoricalFields.has(field)) return "categorical";
  return undefined;
}
