import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abcAnalysis, abcClasses, concentration } from "./abc.ts";

describe("abcClasses", () => {
  it("puts the line exactly at 70 % and 90 %", () => {
    expect(abcClasses({ revenue: [10, 40, 20, 30] })).toEqual(["C", "A", "B", "A"]);
  });

  it("puts the customer who crosses a line in the class below it", () => {
    // 50 → 50 %, 25 → 75 % (crosses 70: A), 15 → 90 % (B), 10 → C.
    expect(abcClasses({ revenue: [50, 25, 15, 10] })).toEqual(["A", "A", "B", "C"]);
    // 60 → 60 %, 35 crosses both 70 % and 90 %: A, and B is empty.
    expect(abcClasses({ revenue: [60, 35, 5] })).toEqual(["A", "A", "C"]);
  });

  it("breaks ties by id, then by position", () => {
    // Three at 30 (90 %), one at 10: the first two at 30 reach 60 %, the third crosses 70 %.
    expect(abcClasses({ revenue: [30, 30, 30, 10] })).toEqual(["A", "A", "A", "C"]);
    const revenue = [35, 35, 20, 10];
    expect(abcClasses({ revenue })).toEqual(["A", "A", "B", "C"]);
    const tied = [50, 20, 20, 10];
    expect(abcClasses({ revenue: tied })).toEqual(["A", "A", "B", "C"]);
    expect(abcClasses({ revenue: tied, ids: [1, 9, 3, 4] })).toEqual(["A", "B", "A", "C"]);
  });

  it("puts customers without revenue, and everyone when nobody has revenue, in C", () => {
    expect(abcClasses({ revenue: [100, 0, -5, Number.NaN] })).toEqual(["A", "C", "C", "C"]);
    expect(abcClasses({ revenue: [0, 0] })).toEqual(["C", "C"]);
    expect(abcClasses({ revenue: [] })).toEqual([]);
  });

  it("honours other shares and rejects impossible ones", () => {
    expect(abcClasses({ revenue: [40, 30, 20, 10] }, { aShare: 0.5, bShare: 0.5 })).toEqual([
      "A",
      "A",
      "B",
      "B",
    ]);
    expect(() => abcClasses({ revenue: [1] }, { aShare: 0.8, bShare: 0.3 })).toThrow(
      expect.objectContaining({ code: "SEGMENTS_INVALID_OPTION" }),
    );
  });

  it("summarizes each class", () => {
    const { summary } = abcAnalysis({ revenue: [10, 40, 20, 30] });
    expect(summary.A).toEqual({ customers: 2, revenue: 70, customerShare: 0.5, revenueShare: 0.7 });
    expect(summary.B).toEqual({ customers: 1, revenue: 20, customerShare: 0.25, revenueShare: 0.2 });
    expect(summary.C).toEqual({ customers: 1, revenue: 10, customerShare: 0.25, revenueShare: 0.1 });
  });

  it("covers every customer; A is the smallest top group reaching the A share; order does not matter", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(0)), {
          minLength: 1,
          maxLength: 100,
        }),
        (revenue) => {
          const { classes, summary } = abcAnalysis({ revenue });
          expect(classes.length).toBe(revenue.length);
          expect(summary.A.customers + summary.B.customers + summary.C.customers).toBe(revenue.length);
          const total = revenue.reduce((a, b) => a + b, 0);
          if (total === 0) return;
          expect(summary.A.revenueShare).toBeGreaterThanOrEqual(0.7 - 1e-9);
          expect(summary.A.revenueShare + summary.B.revenueShare).toBeGreaterThanOrEqual(0.9 - 1e-9);
          // Without its smallest member A would fall short of 70 %.
          const smallestA = Math.min(...revenue.filter((_, i) => classes[i] === "A"));
          expect(summary.A.revenue - smallestA).toBeLessThan(0.7 * total);
          // Every A customer has at least the revenue of every B, every B at least that of every C.
          const min = (c: string) => Math.min(...revenue.filter((_, i) => classes[i] === c));
          const max = (c: string) => Math.max(...revenue.filter((_, i) => classes[i] === c));
          if (summary.B.customers) expect(min("A")).toBeGreaterThanOrEqual(max("B"));
          if (summary.C.customers && summary.B.customers) expect(min("B")).toBeGreaterThanOrEqual(max("C"));
          const ids = revenue.map((_, i) => revenue.length - i);
          const reversed = abcClasses({ revenue: revenue.slice().reverse(), ids: ids.slice().reverse() });
          expect(reversed.reverse()).toEqual(abcClasses({ revenue, ids }));
        },
      ),
    );
  });
});

describe("concentration", () => {
  it("is 0 for equal revenues and (n − 1) / n when one customer has everything", () => {
    const equal = concentration({ revenue: [5, 5, 5, 5] });
    expect(equal.gini).toBeCloseTo(0, 12);
    expect(equal.hhi).toBeCloseTo(0.25, 12);
    expect(equal.hhi10000).toBeCloseTo(2500, 9);
    expect(equal.equivalentCustomers).toBeCloseTo(4, 12);
    expect(equal.topShare).toBeCloseTo(0.2, 12);
    const one = concentration({ revenue: [0, 0, 0, 0, 100] });
    expect(one.gini).toBeCloseTo(4 / 5, 12);
    expect(one.hhi).toBe(1);
    expect(one.hhi10000).toBe(10_000);
    expect(one.topShare).toBe(1);
  });

  it("matches hand computations on a small example", () => {
    // Revenues 1, 2, 3, 4 (total 10): Gini = Σ(2j − n − 1)·y / (n·Y) = (−3 −2 + 3 + 12) / 40 = 0.25.
    const c = concentration({ revenue: [3, 1, 4, 2] }, { topFraction: 0.25 });
    expect(c.gini).toBeCloseTo(0.25, 12);
    expect(c.hhi).toBeCloseTo((1 + 4 + 9 + 16) / 100, 12);
    expect(c.topShare).toBeCloseTo(0.4, 12);
    expect(c.lorenz.population).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(c.lorenz.revenue.map((y) => Number(y.toFixed(12)))).toEqual([0, 0.1, 0.3, 0.6, 1]);
    // Top 20 % of 4 customers = 0.8 customers: 0.8 of the largest (4) → 32 %.
    expect(concentration({ revenue: [3, 1, 4, 2] }).topShare).toBeCloseTo(0.32, 12);
  });

  it("downsamples the Lorenz curve to at most 101 points, interpolating exactly", () => {
    const revenue = Array.from({ length: 1000 }, (_, i) => i + 1);
    const { lorenz } = concentration({ revenue });
    expect(lorenz.population.length).toBe(101);
    const total = (1000 * 1001) / 2;
    // The poorest 10 % are customers 1..100.
    expect(lorenz.revenue[10]).toBeCloseTo((100 * 101) / 2 / total, 12);
    expect(concentration({ revenue }, { lorenzPoints: 5 }).lorenz.population).toEqual([
      0, 0.25, 0.5, 0.75, 1,
    ]);
  });

  it("reports NaN indices when nobody has revenue", () => {
    const c = concentration({ revenue: [0, 0] });
    expect(c.gini).toBeNaN();
    expect(c.hhi).toBeNaN();
    expect(c.lorenz.population).toEqual([]);
  });

  it("keeps Gini in [0, 1) and HHI in [1/n, 1], the Lorenz curve under the diagonal", () => {
    fc.assert(
      fc.property(
        // Money: zero or at least a cent (subnormal doubles lose the precision the shares need).
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 150,
        }),
        (revenue) => {
          const c = concentration({ revenue });
          if (!(c.totalRevenue > 0)) return;
          const n = revenue.length;
          expect(c.gini).toBeGreaterThanOrEqual(0);
          expect(c.gini).toBeLessThan(1);
          expect(c.gini).toBeLessThanOrEqual((n - 1) / n + 1e-12);
          expect(c.hhi).toBeGreaterThanOrEqual(1 / n - 1e-12);
          expect(c.hhi).toBeLessThanOrEqual(1 + 1e-12);
          expect(c.topShare).toBeGreaterThanOrEqual(0.2 - 1e-9);
          c.lorenz.population.forEach((x, k) => {
            expect(c.lorenz.revenue[k]!).toBeLessThanOrEqual(x + 1e-9);
            if (k) expect(c.lorenz.revenue[k]!).toBeGreaterThanOrEqual(c.lorenz.revenue[k - 1]! - 1e-12);
          });
        },
      ),
    );
  });
});
