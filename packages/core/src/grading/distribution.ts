/**
 * What a grading gives before it is saved: how many customers each grade gets and how much of
 * the revenue and predicted value they carry, so that a scheme's thresholds or shares can be
 * tuned on a preview ("A is 5 % of customers and 48 % of revenue").
 */
import { checkLength } from "./errors.ts";
import { gradeIndices, knownOrZero } from "./grade-codes.ts";
import type { GradingScheme } from "./scheme.ts";

export interface GradeDistributionRow {
  readonly grade: string;
  readonly customers: number;
  /** Share of all customers, 0..1. */
  readonly customerShare: number;
  readonly revenue: number;
  /** Share of the total revenue, 0..1 (0 when the total is 0). */
  readonly revenueShare: number;
  /** Sum of predicted lifetime value. */
  readonly clv: number;
  readonly clvShare: number;
  /** Mean CLV of the grade's customers whose CLV is known; `NaN` when none is. */
  readonly meanClv: number;
}

export interface DistributionValues {
  /** Revenue per customer (same order as `grades`); unknown (`NaN`) counts as 0. */
  readonly revenue: ArrayLike<number>;
  /** Predicted lifetime value per customer; unknown counts as 0 in sums and is left out of means. */
  readonly clv: ArrayLike<number>;
}

/** One row per grade of the scheme, best first, grades without customers included. */
export function gradeDistribution(
  scheme: GradingScheme,
  grades: readonly string[],
  values: DistributionValues,
): GradeDistributionRow[] {
  const n = grades.length;
  checkLength("revenue", values.revenue.length, n);
  checkLength("clv", values.clv.length, n);
  const indices = gradeIndices(scheme, grades, "grades");
  const g = scheme.grades.length;
  const customers = new Float64Array(g);
  const revenue = new Float64Array(g);
  const clv = new Float64Array(g);
  const clvKnown = new Float64Array(g);
  for (let i = 0; i < n; i++) {
    const k = indices[i]!;
    customers[k]!++;
    revenue[k]! += knownOrZero(values.revenue[i]!);
    const value = values.clv[i]!;
    if (!Number.isNaN(value)) {
      clv[k]! += value;
      clvKnown[k]!++;
    }
  }
  const totalRevenue = revenue.reduce((a, b) => a + b, 0);
  const totalClv = clv.reduce((a, b) => a + b, 0);
  const share = (part: number, total: number) => (total !== 0 ? part / total : 0);
  return scheme.grades.map((grade, k) => ({
    grade: grade.code,
    customers: customers[k]!,
    customerShare: share(customers[k]!, n),
    revenue: revenue[k]!,
    revenueShare: share(revenue[k]!, totalRevenue),
    clv: clv[k]!,
    clvShare: share(clv[k]!, totalClv),
    meanClv: clvKnown[k]! > 0 ? clv[k]! / clvKnown[k]! : Number.NaN,
  }));
}
