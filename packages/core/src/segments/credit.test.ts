import { describe, expect, it } from "vitest";
import { CREDIT_RULES, creditGrades } from "./credit.ts";

describe("creditGrades", () => {
  const row = (onTime: number, dpd: number, overdue: number, limit = 1000, invoices = 10) => ({
    invoiceCount: [invoices],
    onTimeShare: [onTime],
    maxDaysPastDue: [dpd],
    overdueAmount: [overdue],
    creditLimit: [limit],
  });
  const grade = (input: ReturnType<typeof row>) => creditGrades(input).grades[0];

  it("grades at the thresholds", () => {
    expect(grade(row(0.95, 15, 100))).toBe("good");
    expect(grade(row(0.94, 15, 100))).toBe("fair");
    expect(grade(row(0.95, 16, 100))).toBe("fair");
    expect(grade(row(0.95, 15, 101))).toBe("fair");
    expect(grade(row(0.7, 60, 500))).toBe("fair");
    expect(grade(row(1, 61, 0))).toBe("poor");
    expect(grade(row(1, 0, 501))).toBe("poor");
  });

  it("one invoice a day late is within the grace period: good, not poor", () => {
    // The summary counts an invoice paid a day after its due date as on time (graceDays 7).
    expect(CREDIT_RULES.graceDays).toBe(7);
    const oneLate = creditGrades(row(1, 1, 0, Number.NaN, 1));
    expect(oneLate.grades).toEqual(["good"]);
    // A delay within the grace period costs no points either.
    expect(oneLate.scores[0]).toBeCloseTo(100, 9);
  });

  it("moderate lateness is fair, clear lateness poor", () => {
    // Every invoice paid three weeks late, nothing open: a slow payer, not a risk.
    expect(grade(row(0, 21, 0))).toBe("fair");
    // Late on most invoices by up to two months: still fair.
    expect(grade(row(0.3, 60, 0))).toBe("fair");
    // An invoice 75 days late, or 80 % of the limit overdue: poor.
    expect(grade(row(0.9, 75, 0))).toBe("poor");
    expect(grade(row(0.9, 20, 800))).toBe("poor");
  });

  it("uses the invoiced amount without a credit limit, and leaves an unknown ratio out", () => {
    const input = {
      invoiceCount: [4, 4],
      onTimeShare: [1, 1],
      maxDaysPastDue: [0, 0],
      overdueAmount: [300, 300],
      creditLimit: [0, Number.NaN],
      invoicedAmount: [1000, Number.NaN],
    };
    const result = creditGrades(input);
    expect(result.grades).toEqual(["fair", "good"]);
    expect(result.overdueRatios[0]).toBeCloseTo(0.3, 12);
    expect(result.overdueRatios[1]).toBeNaN();
    // Score: (0.5·1 + 0.3·1 + 0.2·0.7) / 1 = 94; without the ratio (0.5 + 0.3) / 0.8 = 100.
    expect(result.scores[0]).toBeCloseTo(94, 9);
    expect(result.scores[1]).toBeCloseTo(100, 9);
  });

  it("does not rate customers without invoices", () => {
    const result = creditGrades(row(1, 0, 0, 1000, 0));
    expect(result.grades).toEqual(["unrated"]);
    expect(result.scores[0]).toBeNaN();
  });

  it("scores worse payment lower", () => {
    const input = {
      invoiceCount: [10, 10, 10, 10, 10],
      onTimeShare: [1, 0.9, 0.9, 0.9, 0.9],
      maxDaysPastDue: [0, 7, 30, 30, 8],
      overdueAmount: [0, 0, 0, 400, 0],
      creditLimit: [1000, 1000, 1000, 1000, 1000],
    };
    const { scores } = creditGrades(input);
    // 100; 0.45 + 0.3 (7 days: within grace) + 0.2 = 95; 0.45 + 0.2 + 0.2 = 85;
    // 0.45 + 0.2 + 0.12 = 77; 0.45 + 0.3·(1 − 8/90) + 0.2 = 92.33.
    expect(Array.from(scores, (s) => Number(s.toFixed(2)))).toEqual([100, 95, 85, 77, 92.33]);
  });
});
