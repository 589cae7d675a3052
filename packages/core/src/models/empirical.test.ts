import { describe, expect, it } from "vitest";
import { customerRate, EmpiricalRate, fitEmpiricalRate, historicalMeanSpend } from "./empirical.ts";
import { compressSummaries } from "./summaries.ts";

describe("empirical repeat rate (the transactions fallback)", () => {
  it("is the population's repeat purchases per time unit of history", () => {
    const rows = compressSummaries([0, 0, 2, 4], [0, 0, 10, 20], [10, 30, 40, 20]);
    expect(fitEmpiricalRate(rows).rate).toBeCloseTo(6 / 100, 15);
  });

  it("shrinks a short lucky history toward the population and keeps a long one's own rate", () => {
    const params = { rate: 0.01 }; // 1/λ̄ = 100 time units
    // One-time buyers all get about the population rate, whatever their age.
    expect(customerRate(params, 0, 10)).toBeCloseTo(1 / 110, 15);
    // A repeat buyer among thousands of one-time buyers: above the population, far below x/T = 0.3.
    const lucky = customerRate(params, 3, 10);
    expect(lucky).toBeCloseTo(4 / 110, 15);
    expect(lucky).toBeLessThan(3 / 10);
    // A long regular history: close to its own rate of 1 a unit.
    expect(customerRate(params, 10_000, 10_000)).toBeCloseTo(10_001 / 10_100, 12);
    // Nobody ever bought again: no purchases expected.
    expect(customerRate({ rate: 0 }, 0, 10)).toBe(0);
  });

  it("predicts purchases in proportion to the horizon and leaves P(alive) unknown", () => {
    const rows = compressSummaries([0, 3], [0, 8], [10, 10]);
    const params = { rate: 0.01 };
    const year = EmpiricalRate.expectedPurchasesRows(params, 52, rows);
    const half = EmpiricalRate.expectedPurchasesRows(params, 26, rows);
    expect(year[0]).toBeCloseTo(2 * half[0]!, 15);
    expect(year[1]).toBeCloseTo((4 / 110) * 52, 12);
    expect([...EmpiricalRate.probabilityAliveRows(params, rows)].every(Number.isNaN)).toBe(true);
  });
});

describe("historical mean spend (the spend fallback)", () => {
  it("is the customer's own mean per purchase, or the population's where it has none", () => {
    const spend = historicalMeanSpend([100, 90, 0, -20, 50], [2, 3, 1, 1, 0]);
    expect([...spend.slice(0, 2)]).toEqual([50, 30]);
    // No positive own mean (nothing, a net return, no purchase): the population's, (100 + 90) / 5.
    expect([...spend.slice(2)]).toEqual([38, 38, 38]);
  });
});
