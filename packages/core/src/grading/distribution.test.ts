import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradeDistribution } from "./distribution.ts";
import type { GradingScheme } from "./scheme.ts";

const label = (text: string) => ({ "zh-CN": text, en: text });
const scheme: GradingScheme = {
  name: "abcd",
  version: 1,
  title: label("ABCD"),
  grades: ["A", "B", "C", "D"].map((code) => ({ code, label: label(code) })),
  dimensions: [{ field: "clv", weight: 1, normalize: { method: "rank" } }],
  assign: { method: "shares", shares: { A: 0.2, B: 0.3, C: 0.5 } },
};

describe("gradeDistribution", () => {
  it("counts customers, revenue and CLV per grade, in scheme order with empty grades", () => {
    const rows = gradeDistribution(scheme, ["A", "C", "A", "B", "C", "C"], {
      revenue: [100, 10, 300, Number.NaN, 40, 50], // total 500; unknown counts as 0
      clv: [200, Number.NaN, 400, 60, 20, 10], // total 690; unknown left out of the mean
    });
    expect(rows).toEqual([
      {
        grade: "A",
        customers: 2,
        customerShare: 2 / 6,
        revenue: 400,
        revenueShare: 0.8,
        clv: 600,
        clvShare: 600 / 690,
        meanClv: 300,
      },
      {
        grade: "B",
        customers: 1,
        customerShare: 1 / 6,
        revenue: 0,
        revenueShare: 0,
        clv: 60,
        clvShare: 60 / 690,
        meanClv: 60,
      },
      {
        grade: "C",
        customers: 3,
        customerShare: 0.5,
        revenue: 100,
        revenueShare: 0.2,
        clv: 30,
        clvShare: 30 / 690,
        meanClv: 15,
      },
      {
        grade: "D",
        customers: 0,
        customerShare: 0,
        revenue: 0,
        revenueShare: 0,
        clv: 0,
        clvShare: 0,
        meanClv: Number.NaN,
      },
    ]);
  });

  it("has shares that add up to 1", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            grade: fc.constantFrom("A", "B", "C", "D"),
            revenue: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
            clv: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          }),
          { minLength: 1, maxLength: 100 },
        ),
        (customers) => {
          const rows = gradeDistribution(
            scheme,
            customers.map((c) => c.grade),
            { revenue: customers.map((c) => c.revenue), clv: customers.map((c) => c.clv) },
          );
          for (const key of ["customerShare", "revenueShare", "clvShare"] as const) {
            expect(rows.reduce((sum, row) => sum + row[key], 0)).toBeCloseTo(1, 9);
          }
          expect(rows.reduce((sum, row) => sum + row.customers, 0)).toBe(customers.length);
        },
      ),
    );
  });

  it("names a grade the scheme does not have and a column of the wrong length", () => {
    expect(() => gradeDistribution(scheme, ["A", "E"], { revenue: [1, 2], clv: [1, 2] })).toThrow(
      expect.objectContaining({
        code: "GRADING_UNKNOWN_GRADE",
        params: expect.objectContaining({ where: "grades[1]" }),
      }),
    );
    expect(() => gradeDistribution(scheme, ["A", "B"], { revenue: [1], clv: [1, 2] })).toThrow(
      expect.objectContaining({ code: "GRADING_LENGTH_MISMATCH" }),
    );
  });
});
