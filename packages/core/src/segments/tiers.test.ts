import { describe, expect, it } from "vitest";
import { behaviourStatus, LIFECYCLE_COMPARISON_DAYS, lifecycleStages, valueTiers } from "./tiers.ts";

describe("valueTiers", () => {
  it("puts the top 20 % high, the next 30 % mid, the rest low", () => {
    const clv = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(valueTiers({ predictedClv: clv })).toEqual([
      "high",
      "high",
      "mid",
      "mid",
      "mid",
      "low",
      "low",
      "low",
      "low",
      "low",
    ]);
  });

  it("keeps tied customers together and unknown values low", () => {
    // Three tie at the top of five known values: mid-rank 70 % is not above 80 %, so they are mid.
    expect(valueTiers({ predictedClv: [9, 9, 9, 1, 0, Number.NaN] })).toEqual([
      "mid",
      "mid",
      "mid",
      "low",
      "low",
      "low",
    ]);
  });

  it("ranks by historical value when asked, and needs the column it ranks by", () => {
    expect(
      valueTiers({ historicalValue: [1, 2, 3, 4, 5] }, { basis: "historicalValue", highShare: 0.4 }),
    ).toEqual(["low", "low", "mid", "high", "high"]);
    expect(() => valueTiers({ historicalValue: [1] })).toThrow(
      expect.objectContaining({ code: "SEGMENTS_MISSING_COLUMN" }),
    );
  });
});

describe("behaviourStatus", () => {
  const input = {
    //           prospect, churned by days, churned by P(alive), active, lapsed, one purchase, yearly buyer
    frequency: [0, 5, 5, 4, 4, 1, 3],
    recencyDays: [Number.NaN, 400, 10, 50, 70, 20, 300],
    meanInterPurchaseDays: [Number.NaN, 30, 30, 30, 30, Number.NaN, 360],
    pAlive: [Number.NaN, 0.9, 0.2, 0.8, 0.8, 0.9, Number.NaN],
  };

  it("applies the documented order of rules, with the window from the customer's own rhythm", () => {
    // Windows: 2 × 30 = 60 days; the yearly buyer's 720 is capped at 180 days → lapsed → potential.
    expect(behaviourStatus(input)).toEqual([
      "potential",
      "churned",
      "churned",
      "active",
      "potential",
      "potential",
      "potential",
    ]);
  });

  it("uses a fixed window when asked", () => {
    expect(behaviourStatus(input, { activeMode: "fixed", activeDays: 90 })[4]).toBe("active");
    expect(behaviourStatus(input, { maxWindowDays: 730 })[6]).toBe("active");
  });

  it("churns exactly beyond the thresholds", () => {
    const edge = { frequency: [2, 2, 2], recencyDays: [365, 366, 10], pAlive: [0.9, 0.9, 0.3] };
    expect(behaviourStatus(edge, { activeMode: "fixed" })).toEqual(["potential", "churned", "active"]);
  });
});

describe("lifecycleStages", () => {
  it("applies the documented thresholds", () => {
    const input = {
      frequency: [0, 3, 1, 5, 5, 5, 5, 5, 5],
      recencyDays: [Number.NaN, 400, 30, 20, 20, 20, 20, 20, 20],
      tenureDays: [Number.NaN, 900, 100, 800, 800, 800, 800, 800, 800],
      revenueLast12m: [0, 0, 100, 130, 121, 100, 79, 100, 100],
      revenuePrev12m: [0, 500, 0, 100, 100, 100, 100, 0, 100],
      pAlive: [Number.NaN, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.4],
    };
    expect(lifecycleStages(input)).toEqual([
      "prospect",
      "lost", // 400 days
      "new", // first purchase 100 days ago
      "growing", // +30 %
      "growing", // +21 %
      "mature", // flat
      "declining", // −21 %
      "growing", // revenue started this year
      "declining", // P(alive) 0.4 < 0.5
    ]);
  });

  it("is mature right at ±20 %", () => {
    const input = {
      frequency: [5, 5],
      recencyDays: [10, 10],
      tenureDays: [800, 800],
      revenueLast12m: [120, 80],
      revenuePrev12m: [100, 100],
    };
    expect(lifecycleStages(input)).toEqual(["mature", "mature"]);
  });

  it("keeps single-order customers new until they are lost, never growing", () => {
    // Bought once 262 days ago (all of it in the last 12 months, nothing before): the old rule
    // read "revenue started" as growing. Also two orders on the same first day, and one order
    // with a P(alive) that would otherwise decline it.
    const input = {
      frequency: [1, 2, 1, 1],
      recencyDays: [262, 300, 364, 200],
      tenureDays: [262, 300, 364, 200],
      revenueLast12m: [500, 80, 20, 10],
      revenuePrev12m: [0, 0, 0, 0],
      pAlive: [1, 0.9, 0.95, 0.45],
    };
    expect(lifecycleStages(input)).toEqual(["new", "new", "new", "new"]);
    expect(
      lifecycleStages({ ...input, recencyDays: [366, 366, 400, 370], tenureDays: [366, 366, 400, 370] }),
    ).toEqual(["lost", "lost", "lost", "lost"]);
  });

  it("compares the last 12 months with the 12 before only on two years of the customer's history", () => {
    // Repeat buyers: first purchase 500 days ago, revenue in the last 12 months and a part-year
    // before (a rise that only reflects the short earlier part); the same with a real fall; and
    // the same customers with two full years.
    const short = LIFECYCLE_COMPARISON_DAYS - 230;
    const input = {
      frequency: [6, 6, 6, 6, 6],
      recencyDays: [20, 20, 20, 20, 20],
      tenureDays: [
        short,
        short,
        LIFECYCLE_COMPARISON_DAYS,
        LIFECYCLE_COMPARISON_DAYS,
        LIFECYCLE_COMPARISON_DAYS,
      ],
      revenueLast12m: [100, 100, 100, 100, 100],
      revenuePrev12m: [100, 500, 100, 500, 0],
    };
    expect(lifecycleStages(input)).toEqual([
      "growing", // not mature: a steady level is not established on 135 days of the earlier year
      "declining", // a fall against a part-year is real
      "mature",
      "declining",
      "growing", // bought again after a year without: a real rise
    ]);
  });

  it("never reads a 12-month comparison on data covering less than 12 months", () => {
    // Eight months of data: every window before lies outside it, so the earlier revenue is 0.
    const input = {
      frequency: [1, 3, 8, 4],
      recencyDays: [200, 10, 5, 100],
      tenureDays: [200, 230, 240, 150],
      revenueLast12m: [50, 300, 2000, 100],
      revenuePrev12m: [0, 0, 0, 0],
      pAlive: [Number.NaN, 0.9, 0.95, 0.9],
    };
    const stages = lifecycleStages(input);
    expect(stages).toEqual(["new", "growing", "growing", "new"]);
    expect(stages).not.toContain("mature");
    expect(lifecycleStages({ ...input, pAlive: [Number.NaN, 0.4, 0.95, 0.9] })[1]).toBe("declining");
  });
});
