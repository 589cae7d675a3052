import { describe, expect, it } from "vitest";
import { creditGrades } from "../segments/credit.ts";
import { BUILTIN_SCHEMES, CREDIT_SCHEME, KEY_ACCOUNT_SCHEME, VALUE_SCHEME } from "./builtin.ts";
import { gradeDistribution } from "./distribution.ts";
import { gradeCustomers } from "./evaluate.ts";
import { GRADING_CATEGORICAL_FIELDS, GRADING_NUMERIC_FIELDS } from "./fields.ts";
import { syntheticCustomers } from "./grading.fixture.ts";
import { parseScheme } from "./scheme.ts";

const customers = syntheticCustomers(5000, 11);
const { numeric, categorical } = customers;
const asOf = "2026-06-30";

function meanOf(values: ArrayLike<number>, where: (i: number) => boolean): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!where(i) || Number.isNaN(values[i]!)) continue;
    sum += values[i]!;
    count++;
  }
  return sum / count;
}

describe("ready-made schemes", () => {
  it("pass the scheme check as JSON documents and use only the engine's fields", () => {
    const known = new Set<string>([...GRADING_NUMERIC_FIELDS, ...GRADING_CATEGORICAL_FIELDS]);
    for (const scheme of Object.values(BUILTIN_SCHEMES)) {
      expect(parseScheme(JSON.parse(JSON.stringify(scheme)))).toEqual(scheme);
      const fields = [
        ...scheme.dimensions.map((dimension) => dimension.field),
        ...(scheme.overrides ?? []).map((rule) => rule.when.field),
      ];
      for (const field of fields) expect(known).toContain(field);
    }
    expect(Object.keys(BUILTIN_SCHEMES)).toEqual(["value", "key_account", "credit"]);
  });

  it("explain each customer's grade as the column-wise run graded it", () => {
    for (const scheme of Object.values(BUILTIN_SCHEMES)) {
      const pins = [{ customerId: 1000, grade: scheme.grades[0]!.code, reason: "合同约定", author: "admin" }];
      const result = gradeCustomers(scheme, customers, { asOf, pins });
      for (let i = 0; i < result.grade.length; i++) {
        const explanation = result.explain(i);
        expect(explanation.scoreGrade).toBe(result.scoreGrade[i]);
        expect(explanation.ruleGrade).toBe(result.ruleGrade[i]);
        expect(explanation.grade).toBe(result.grade[i]);
        expect(explanation.flags).toEqual(result.flags[i]);
        expect(explanation.overrides).toEqual(result.matchedRules(i));
        expect(explanation.pin).toBe(result.pinnedAt(i));
        const sum = explanation.components.reduce((total, part) => total + part.contribution, 0);
        expect(Math.abs(sum - result.score[i]!)).toBeLessThan(1e-8);
        explanation.components.forEach((part, d) => {
          const column = result.dimensionScores[d]![i]!;
          expect(part.normalized).toBe(Number.isNaN(column) ? (scheme.dimensions[d]!.missing ?? 0) : column);
        });
      }
      expect(result.grade[0]).toBe(scheme.grades[0]!.code);
      expect(result.pinned).toBe(1);
    }
  });

  it("value: A/B/C/D by the pyramid's shares, ordered by value, poor credit at most C", () => {
    const result = gradeCustomers(VALUE_SCHEME, customers, { asOf });
    const byScore = gradeDistribution(VALUE_SCHEME, result.scoreGrade, numeric);
    const targets = [0.1, 0.2, 0.3, 0.4];
    byScore.forEach((row, k) => {
      expect(row.customerShare).toBeCloseTo(targets[k]!, 2);
    });
    const rows = gradeDistribution(VALUE_SCHEME, result.grade, numeric);
    // By score, predicted value falls grade by grade; after the rules A still leads and D trails
    // (between B and C it need not: large customers with poor credit are capped at C).
    for (let k = 1; k < byScore.length; k++) {
      expect(byScore[k - 1]!.meanClv).toBeGreaterThan(byScore[k]!.meanClv);
    }
    for (let k = 1; k < rows.length; k++) expect(rows[0]!.meanClv).toBeGreaterThan(rows[k]!.meanClv);
    for (let k = 0; k < 3; k++) expect(rows[k]!.meanClv).toBeGreaterThan(rows[3]!.meanClv);
    // Past value counts too, though less than future value: A customers brought more revenue each
    // than the average customer and than D customers. (Between B and C it need not fall: a large
    // customer who stopped buying is worth less ahead than a smaller one still buying.)
    const perCustomer = (row: (typeof rows)[number]) => row.revenue / row.customers;
    const average = rows.reduce((sum, row) => sum + row.revenue, 0) / result.grade.length;
    expect(perCustomer(rows[0]!)).toBeGreaterThan(average);
    expect(perCustomer(rows[0]!)).toBeGreaterThan(perCustomer(rows[3]!));
    // The top 20 % of customers carry most of the revenue, as in every customer base.
    expect(rows[0]!.revenueShare + rows[1]!.revenueShare).toBeGreaterThan(0.5);
    result.grade.forEach((grade, i) => {
      if (categorical.credit_grade[i] === "poor") expect(["C", "D"]).toContain(grade);
      expect(result.flags[i]!.includes("open_complaint")).toBe(numeric.open_complaints![i]! > 0);
    });
    expect(result.grade.filter((grade, i) => grade !== result.scoreGrade[i]).length).toBeGreaterThan(0);
  });

  it("value: a CLV the same for everyone to rounding does not decide grades", () => {
    // Twenty one-time buyers (orders all 1) whose predicted value is 80 for all but noise in the
    // tenth digit that favours the smallest; the biggest bought earliest. Ranking the noise (45 %)
    // and the recency (10 %) against revenue and margin (35 %) would put the biggest in D: score
    // 0.45·2.5 + 0.35·97.5 + 0.1·50 + 0.1·2.5 = 40.5 against 59.5 for the smallest.
    const n = 20;
    const revenue = Float64Array.from({ length: n }, (_, i) => 100 * (i + 1));
    const input = {
      customerIds: Float64Array.from({ length: n }, (_, i) => i + 1),
      numeric: {
        clv: Float64Array.from({ length: n }, (_, i) => 80 + (n - 1 - i) * 1e-10),
        revenue,
        margin: revenue.map((value) => value * 0.3),
        orders: new Float64Array(n).fill(1),
        recency_days: Float64Array.from({ length: n }, (_, i) => 10 * (i + 1)),
        open_complaints: new Float64Array(n),
      },
      categorical: { credit_grade: new Array<string>(n).fill("good") },
    };
    const result = gradeCustomers(VALUE_SCHEME, input, { asOf });
    // CLV and orders are left out; revenue and margin (0.35) outweigh recency (0.1), so the grades
    // follow revenue: the top 10 % (2) A, the next 20 % (4) B, 30 % (6) C, the smallest 8 D.
    const byRevenueDown = [...result.grade].reverse();
    expect(byRevenueDown).toEqual([..."AABBBBCCCCCCDDDDDDDD"]);
    expect(result.warnings.map((warning) => warning.params)).toEqual([
      { scheme: "value", dimension: "clv", reason: "constant" },
      { scheme: "value", dimension: "orders", reason: "constant" },
    ]);
    // The biggest customer's score is its revenue and recency ranks over the weights left, 0.45.
    expect(result.score[n - 1]).toBeCloseTo((0.35 * 97.5 + 0.1 * 2.5) / 0.45, 9);
  });

  it("key_account: strategic accounts are enterprises of the highest value, few of them", () => {
    const result = gradeCustomers(KEY_ACCOUNT_SCHEME, customers, { asOf });
    const rows = gradeDistribution(KEY_ACCOUNT_SCHEME, result.grade, numeric);
    const [strategic, core, potential, ordinary] = rows;
    expect(strategic!.customers).toBeGreaterThan(0);
    expect(strategic!.customerShare).toBeLessThan(0.1);
    expect(strategic!.meanClv).toBeGreaterThan(core!.meanClv);
    expect(core!.meanClv).toBeGreaterThan(potential!.meanClv);
    expect(core!.meanClv).toBeGreaterThan(ordinary!.meanClv);
    result.grade.forEach((grade, i) => {
      if (categorical.customer_type[i] === "individual") expect(grade).toBe("ordinary");
      if (categorical.credit_grade[i] === "poor") expect(grade).not.toBe("strategic");
      if (categorical.lifecycle_stage[i] === "growing" && categorical.customer_type[i] === "enterprise") {
        expect(grade).not.toBe("ordinary");
      }
    });
    const scoreOf = (grade: string) => meanOf(result.score, (i) => result.scoreGrade[i] === grade);
    expect(scoreOf("strategic")).toBeGreaterThanOrEqual(88);
  });

  it("credit: good payers good, exactly the analysis's poor payers risky, fair in between", () => {
    const result = gradeCustomers(CREDIT_SCHEME, customers, { asOf });
    const onTime = (grade: string) => meanOf(numeric.on_time_share!, (i) => result.grade[i] === grade);
    expect(onTime("good")).toBeGreaterThan(onTime("fair"));
    const counts = { good: 0, fair: 0, risky: 0 };
    let ratedFair = 0;
    result.grade.forEach((grade, i) => {
      counts[grade as keyof typeof counts]++;
      const rated = categorical.credit_grade[i];
      if (rated === "unrated") expect(grade).toBe("fair");
      // The scheme's knock-outs are the analysis's payment rules: risky if and only if poor.
      expect(grade === "risky").toBe(rated === "poor");
      if (numeric.max_days_past_due![i]! > 30) expect(grade).not.toBe("good");
      if (rated !== "unrated" && grade === "fair") ratedFair++;
      expect(result.flags[i]!.includes("overdue")).toBe(numeric.overdue_amount![i]! > 0);
    });
    expect(counts.good).toBeGreaterThan(0);
    expect(counts.risky).toBeGreaterThan(0);
    // Fair is reached by the score, not only by having no invoices.
    expect(ratedFair).toBeGreaterThan(0);
  });

  it("credit: the grace period, a moderate and a clear late payer, by the scheme's rules", () => {
    // Customers: one invoice paid 1 day late; a cash sale; every invoice three weeks late; an
    // invoice 75 days late; no invoice. No credit limits. The analysis rates them first.
    const credit = creditGrades({
      invoiceCount: [1, 1, 4, 4, 0],
      onTimeShare: [1, 1, 0, 0.75, Number.NaN],
      maxDaysPastDue: [1, 0, 21, 75, 0],
      overdueAmount: [0, 0, 0, 0, 0],
      creditLimit: [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN],
    });
    expect(credit.grades).toEqual(["good", "good", "fair", "poor", "unrated"]);
    const input = {
      customerIds: [1, 2, 3, 4, 5],
      numeric: {
        credit_score: credit.scores,
        max_days_past_due: [1, 0, 21, 75, 0],
        overdue_ratio: credit.overdueRatios.map(() => Number.NaN),
        on_time_share: [1, 1, 0, 0.75, Number.NaN],
        overdue_amount: [0, 0, 0, 0, 0],
      },
      categorical: { credit_grade: credit.grades },
    };
    const result = gradeCustomers(CREDIT_SCHEME, input, { asOf });
    // Without any credit limit the overdue ratio tells nobody apart and is left out. Day-late and
    // cash: (0.4·100 + 0.25·100 + 0.15·100) / 0.8 = 100 → good; three weeks late on every invoice:
    // credit score 100·(0.3·(1 − 21/90) + 0.2) = 43, (0.4·43 + 0.25·70 + 0) / 0.8 = 43.4 → fair.
    expect(result.warnings.map((warning) => warning.params.dimension)).toEqual(["overdue_ratio"]);
    expect(result.score[0]).toBeCloseTo(100, 9);
    expect(result.score[2]).toBeCloseTo(43.375, 9);
    expect(result.grade).toEqual(["good", "good", "fair", "risky", "fair"]);
    // The value scheme caps only the poor one at C.
    const value = gradeCustomers(
      VALUE_SCHEME,
      {
        customerIds: input.customerIds,
        numeric: {
          clv: [500, 400, 300, 200, 100],
          revenue: [500, 400, 300, 200, 100],
          margin: [50, 40, 30, 20, 10],
          orders: [5, 4, 3, 2, 1],
          recency_days: [1, 2, 3, 4, 5],
          open_complaints: [0, 0, 0, 0, 0],
        },
        categorical: { credit_grade: credit.grades },
      },
      { asOf },
    );
    expect(value.matchedRules(0)).toEqual([]);
    expect(value.matchedRules(3).map((match) => match.rule)).toEqual([0]);
  });
});
