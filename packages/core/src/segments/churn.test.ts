import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  atRiskFlags,
  churnRates,
  churnReasons,
  churnRisk,
  cohortRetention,
  cohortRetentionFromCounts,
  monthOfDay,
  warningLevels,
} from "./churn.ts";

describe("churnRisk", () => {
  it("combines 1 − P(alive) with lateness against the customer's rhythm", () => {
    const risk = churnRisk({
      frequency: [3, 3, 3, 1, 0],
      recencyDays: [30, 60, 150, 180, Number.NaN],
      meanInterPurchaseDays: [30, 30, 30, Number.NaN, Number.NaN],
      pAlive: [0.5, 0.5, 0.5, Number.NaN, Number.NaN],
    });
    expect(risk[0]).toBeCloseTo(0.3, 12); // on rhythm: only 0.6 × 0.5
    expect(risk[1]).toBeCloseTo(0.3 + 0.4 / 3, 12); // one cycle late of three
    expect(risk[2]).toBeCloseTo(0.7, 12); // more than four cycles
    expect(risk[3]).toBeCloseTo(1 / 3, 12); // 180 / 90 = 2 cycles, rhythm part alone
    expect(risk[4]).toBeNaN();
  });

  it("never falls as days pass, and stays in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 400, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 2, maxLength: 30 }),
        (pAlive, rhythm, days) => {
          const recencyDays = days.slice().sort((a, b) => a - b);
          const n = recencyDays.length;
          const risk = churnRisk({
            frequency: new Array(n).fill(4),
            recencyDays,
            meanInterPurchaseDays: new Array(n).fill(rhythm),
            pAlive: new Array(n).fill(pAlive),
          });
          for (let i = 0; i < n; i++) {
            expect(risk[i]).toBeGreaterThanOrEqual(0);
            expect(risk[i]).toBeLessThanOrEqual(1);
            if (i) expect(risk[i]!).toBeGreaterThanOrEqual(risk[i - 1]!);
          }
        },
      ),
    );
  });
});

describe("warningLevels", () => {
  it("uses inclusive thresholds", () => {
    expect(warningLevels([0, 0.39, 0.4, 0.6, 0.8, 1, Number.NaN])).toEqual([
      "none",
      "none",
      "watch",
      "warning",
      "critical",
      "critical",
      "none",
    ]);
    expect(warningLevels([0.5], { watch: 0.2, warning: 0.5, critical: 0.9 })).toEqual(["warning"]);
    expect(() => warningLevels([0.5], { watch: 0.7 })).toThrow(
      expect.objectContaining({ code: "SEGMENTS_INVALID_OPTION" }),
    );
  });

  it("flags churned customers and those at a level", () => {
    expect(
      Array.from(
        atRiskFlags(["none", "watch", "warning", "critical"], ["churned", "active", "active", "active"]),
      ),
    ).toEqual([1, 0, 1, 1]);
    expect(Array.from(atRiskFlags(["watch"], undefined, "watch"))).toEqual([1]);
  });
});

describe("churnRates", () => {
  it("counts a customer churned in the period after the last purchase once inactive for more than N", () => {
    // As of 10, N = 3: A (2..4) churns in 5; B (3..8) and D (6..7) are not churned yet; C (5..5) churns in 6.
    const rows = churnRates(
      {
        firstPeriod: [2, 3, 5, 6, Number.NaN],
        lastPeriod: [4, 8, 5, 7, Number.NaN],
        asOfPeriod: 10,
      },
      { inactivePeriods: 3 },
    );
    expect(rows.map((r) => [r.period, r.customers, r.churned, r.complete])).toEqual([
      [3, 1, 0, true],
      [4, 2, 0, true],
      [5, 2, 1, true],
      [6, 2, 1, true],
      [7, 2, 0, true],
      [8, 2, 0, false],
      [9, 2, 0, false],
      [10, 2, 0, false],
    ]);
    expect(rows[2]!.rate).toBe(0.5);
    expect(churnRates({ firstPeriod: [], lastPeriod: [], asOfPeriod: 3 })).toEqual([]);
  });
});

describe("cohortRetention", () => {
  it("builds the triangle by hand, counting repeated pairs once", () => {
    const table = cohortRetention({
      cohort: [10, 10, 11, Number.NaN],
      activityCustomer: [0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1],
      activityPeriod: [10, 10, 11, 12, 10, 12, 11, 12, 9, 13, 10.5],
      asOfPeriod: 12,
    });
    expect(table.cohorts).toEqual([10, 11, 12]);
    expect(table.sizes).toEqual([2, 1, 0]);
    expect(table.active).toEqual([[2, 1, 2], [1, 1], [0]]);
    expect(table.retention[0]).toEqual([1, 0.5, 1]);
    expect(table.retention[1]).toEqual([1, 1]);
    expect(table.retention[2]![0]).toBeNaN();
  });

  it("gives the same table from counts aggregated elsewhere", () => {
    const table = cohortRetentionFromCounts({
      asOfPeriod: 12,
      sizes: new Map([
        [10, 2],
        [11, 1],
      ]),
      counts: [
        { cohort: 10, period: 10, customers: 2 },
        { cohort: 10, period: 11, customers: 1 },
        { cohort: 10, period: 12, customers: 2 },
        { cohort: 11, period: 11, customers: 1 },
        { cohort: 11, period: 12, customers: 1 },
        { cohort: 11, period: 9, customers: 5 },
      ],
    });
    expect(table.cohorts).toEqual([10, 11, 12]);
    expect(table.sizes).toEqual([2, 1, 0]);
    expect(table.active).toEqual([[2, 1, 2], [1, 1], [0]]);
    expect(table.retention[0]).toEqual([1, 0.5, 1]);
    expect(table.retention[2]![0]).toBeNaN();
  });

  it("limits the ages shown", () => {
    const table = cohortRetention(
      { cohort: [0], activityCustomer: [0, 0], activityPeriod: [0, 5], asOfPeriod: 5 },
      { maxAge: 2 },
    );
    expect(table.active[0]).toEqual([1, 0, 0]);
  });

  it("turns day numbers into month numbers", () => {
    expect(monthOfDay(0)).toBe(1970 * 12);
    expect(monthOfDay(31)).toBe(1970 * 12 + 1); // 1970-02-01
    expect(monthOfDay(19_723)).toBe(2024 * 12); // 2024-01-01
  });
});

describe("churnReasons", () => {
  // Customers 0..3 are at risk, 4..9 retained.
  const atRisk = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
  const input = {
    complaints: [1, 1, 0, 0, 1, 0, 0, 0, 0, 0],
    latestNps: [8, 3, 9, Number.NaN, 2, 6, 0, 9, 10, Number.NaN],
    maxDaysPastDue: [45, 0, 0, 0, 0, 30, 0, 0, 0, 0],
  };

  it("reports shares and lift per factor, strongest first", () => {
    const { factors } = churnReasons(input, atRisk);
    expect(factors.map((f) => f.reason)).toEqual(["payment_trouble", "complaints", "detractor"]);
    const [payment, complaints, detractor] = factors;
    expect(payment).toMatchObject({
      atRisk: 1,
      retained: 0,
      atRiskShare: 0.25,
      retainedShare: 0,
      isReason: true,
    });
    expect(payment!.lift).toBe(Number.POSITIVE_INFINITY);
    expect(complaints).toMatchObject({ atRiskShare: 0.5, retainedShare: 1 / 6, isReason: true });
    expect(complaints!.lift).toBeCloseTo(3, 12);
    expect(detractor).toMatchObject({ atRiskShare: 0.25, retainedShare: 0.5, lift: 0.5, isReason: false });
  });

  it("lists each at-risk customer's reasons by strength, none for the others", () => {
    const { reasons } = churnReasons(input, atRisk);
    expect(reasons.slice(0, 5)).toEqual([["payment_trouble", "complaints"], ["complaints"], [], [], []]);
  });

  it("detects falling order value and lost categories, leaving absent factors out", () => {
    const { factors, reasons } = churnReasons(
      {
        orderValueRecent: [50, 90, Number.NaN, 100],
        orderValuePrior: [100, 100, 100, 100],
        categoriesLost: [0, 2, 0, 0],
      },
      [true, true, false, false],
    );
    expect(factors.map((f) => f.reason)).toEqual(["falling_order_value", "lost_categories"]);
    expect(reasons).toEqual([["falling_order_value"], ["lost_categories"], [], []]);
  });

  it("takes a low satisfaction score (1–2) of a CSAT-only survey as a reason, with all six factors at once", () => {
    // Customers 0..2 at risk, 3..5 retained; nobody answered NPS, only the 1–5 satisfaction score.
    const nobodyAnsweredNps = new Array<number>(6).fill(Number.NaN);
    const { factors, reasons } = churnReasons(
      {
        latestNps: nobodyAnsweredNps,
        latestSatisfaction: [1, 2, 3, 5, 2, Number.NaN],
        complaints: [1, 1, 1, 1, 1, 1],
        maxDaysPastDue: [45, 45, 45, 45, 45, 45],
        orderValueRecent: [50, 50, 50, 50, 50, 50],
        orderValuePrior: [100, 100, 100, 100, 100, 100],
        categoriesLost: [1, 1, 1, 1, 1, 1],
      },
      [1, 1, 1, 0, 0, 0],
    );
    const low = factors.find((f) => f.reason === "low_satisfaction")!;
    expect(low).toMatchObject({ atRisk: 2, retained: 1, isReason: true });
    expect(low.lift).toBeCloseTo(2, 12);
    // The detractor factor is there but nobody has it: no NPS answer is not a detractor.
    expect(factors.find((f) => f.reason === "detractor")).toMatchObject({ atRisk: 0, retained: 0 });
    expect(reasons.slice(0, 3)).toEqual([["low_satisfaction"], ["low_satisfaction"], []]);
  });
});
