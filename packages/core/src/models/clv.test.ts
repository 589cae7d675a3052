import { describe, expect, it } from "vitest";
import { BgNbd, type BgNbdParams, expectedPurchases } from "./bgnbd.ts";
import { customerLifetimeValue, customerLifetimeValueAll, predictAll, predictCustomerValue } from "./clv.ts";
import { isModelError } from "./errors.ts";
import { ParetoNbd } from "./pareto-nbd.ts";
import { simulateBgNbd } from "./simulate.ts";
import { compressSummaries } from "./summaries.ts";
import type { TransactionModel } from "./transaction-model.ts";

const BG: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

describe("customerLifetimeValue", () => {
  it("without discounting is expected purchases over the horizon × spend × margin", () => {
    const clv = customerLifetimeValue(BgNbd, BG, 2, 30.43, 38.86, 40, { horizon: 52, margin: 0.3 });
    expect(clv).toBeCloseTo(expectedPurchases(BG, 52, 2, 30.43, 38.86) * 40 * 0.3, 10);
  });

  it("discounts each period's purchases at the annual rate, whatever the period length", () => {
    const base = { horizon: 104, annualDiscountRate: 0.1, unitsPerYear: 52 };
    const monthly = customerLifetimeValue(BgNbd, BG, 2, 30.43, 38.86, 1, base);
    const weekly = customerLifetimeValue(BgNbd, BG, 2, 30.43, 38.86, 1, { ...base, periodLength: 1 });
    const undiscounted = customerLifetimeValue(BgNbd, BG, 2, 30.43, 38.86, 1, {
      ...base,
      annualDiscountRate: 0,
    });
    expect(monthly).toBeLessThan(undiscounted);
    expect(monthly).toBeGreaterThan(undiscounted / 1.1 ** 2);
    // End-of-period discounting: finer periods discount less, and converge.
    expect(weekly).toBeGreaterThan(monthly);
    expect(weekly / monthly).toBeLessThan(1.01);
    // By hand, with one-year periods: ΔE₁/1.1 + ΔE₂/1.21.
    const e1 = expectedPurchases(BG, 52, 2, 30.43, 38.86);
    const e2 = expectedPurchases(BG, 104, 2, 30.43, 38.86);
    const yearly = customerLifetimeValue(BgNbd, BG, 2, 30.43, 38.86, 1, { ...base, periodLength: 52 });
    expect(yearly).toBeCloseTo(e1 / 1.1 + (e2 - e1) / 1.21, 12);
  });

  it("rejects options that make no sense", () => {
    for (const options of [
      { horizon: 0 },
      { horizon: 52, annualDiscountRate: -1 },
      { horizon: 52, periodLength: 0 },
    ]) {
      try {
        customerLifetimeValue(BgNbd, BG, 1, 1, 2, 1, options);
        expect.unreachable();
      } catch (error) {
        expect(isModelError(error, "MODEL_INVALID_OPTION")).toBe(true);
      }
    }
  });
});

describe("batch scoring", () => {
  const data = simulateBgNbd(BG, {
    customers: 5000,
    seed: 21,
    T: (random) => 27 + Math.floor(random() * 84) / 7,
  });
  const spend = Float64Array.from(data.x, (x, i) => 20 + (i % 7) + x);

  function agreesOneByOne<P>(model: TransactionModel<P>, params: P): void {
    const options = { horizon: 52, annualDiscountRate: 0.1 };
    const scores = predictAll(model, params, data.x, data.tx, data.T, 39);
    const clv = customerLifetimeValueAll(model, params, data.x, data.tx, data.T, spend, options);
    const value = predictCustomerValue(model, params, compressSummaries(data.x, data.tx, data.T), options);
    for (let i = 0; i < data.x.length; i += 101) {
      const [x, tx, T] = [data.x[i]!, data.tx[i]!, data.T[i]!];
      expect(scores.probabilityAlive[i]).toBeCloseTo(model.probabilityAlive(params, x, tx, T), 14);
      expect(scores.expectedPurchases[i]).toBeCloseTo(model.expectedPurchases(params, 39, x, tx, T), 12);
      const one = customerLifetimeValue(model, params, x, tx, T, spend[i]!, options);
      expect(clv[i]).toBeCloseTo(one, 9);
      expect(value.probabilityAlive[i]).toBeCloseTo(scores.probabilityAlive[i]!, 14);
      expect(value.expectedPurchases[i]).toBeCloseTo(model.expectedPurchases(params, 52, x, tx, T), 12);
      expect(value.discountedPurchases[i]! * spend[i]!).toBeCloseTo(one, 9);
    }
  }

  it("predictAll and customerLifetimeValueAll equal the one-customer functions, for both models", () => {
    agreesOneByOne(BgNbd, BG);
    agreesOneByOne(ParetoNbd, PARETO);
  });
});
