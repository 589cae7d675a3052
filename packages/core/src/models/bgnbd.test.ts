import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import {
  type BgNbdParams,
  expectedPurchases,
  expectedPurchasesNewCustomer,
  expectedPurchasesRows,
  fit,
  logLikelihood,
  logLikelihoodWithGradient,
  prepare,
  probabilityAlive,
  probabilityOfPurchases,
  totalLogLikelihood,
} from "./bgnbd.ts";
import { type CdnowSummary, loadCdnowSample } from "./cdnow.fixture.ts";
import { isModelError } from "./errors.ts";
import { simulateBgNbd } from "./simulate.ts";
import { compressSummaries } from "./summaries.ts";

const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

let cdnow: CdnowSummary;
beforeAll(() => {
  cdnow = loadCdnowSample();
});

function significant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

describe("BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005)", () => {
  it("reproduces the published parameters and log-likelihood", () => {
    const result = fit(cdnow);
    expect(result.converged).toBe(true);
    expect(result.identifiable).toBe(true);
    expect(result.customers).toBe(2357);
    expect(significant(result.params.r, 3)).toBe(0.243);
    expect(significant(result.params.alpha, 4)).toBe(4.414);
    expect(significant(result.params.a, 3)).toBe(0.793);
    expect(significant(result.params.b, 4)).toBe(2.426);
    expect(result.logLikelihood).toBeCloseTo(-9582.4, 1);
    // lifetimes' BetaGeoFitter summary on the same data: se 0.0126, 0.378, 0.186, 0.705.
    expect(result.standardErrors.r).toBeCloseTo(0.0126, 3);
    expect(result.standardErrors.alpha).toBeCloseTo(0.378, 2);
    expect(result.standardErrors.a).toBeCloseTo(0.186, 2);
    expect(result.standardErrors.b).toBeCloseTo(0.705, 2);
  });

  it("predicts 1.226 purchases in 39 weeks and P(alive) 0.727 for customer 00004", () => {
    const i = cdnow.ids.indexOf("00004");
    expect([cdnow.x[i], significant(cdnow.tx[i]!, 4), significant(cdnow.T[i]!, 4)]).toEqual([
      2, 30.43, 38.86,
    ]);
    const { params } = fit(cdnow);
    expect(expectedPurchases(params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(probabilityAlive(params, 2, 30.43, 38.86)).toBeCloseTo(0.727, 3);
  });
});

describe("BG/NBD likelihood", () => {
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    a: fc.double({ min: 0.05, max: 5, noNaN: true }),
    b: fc.double({ min: 0.05, max: 10, noNaN: true }),
  });
  const customers = fc
    .array(
      fc.record({
        x: fc.integer({ min: 0, max: 400 }),
        T: fc.constantFrom(0, 1e-9, 0.5, 7, 38.86, 52, 500),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((rows) => ({
      x: rows.map((c) => c.x),
      tx: rows.map((c) => (c.x === 0 ? 0 : c.T * c.share)),
      T: rows.map((c) => c.T),
    }));

  it("is the sum over customers, compressed or not", () => {
    fc.assert(
      fc.property(params, customers, (p, data) => {
        let sum = 0;
        for (let i = 0; i < data.x.length; i++) sum += logLikelihood(p, data.x[i]!, data.tx[i]!, data.T[i]!);
        // Duplicates make compression do something.
        const doubled = {
          x: [...data.x, ...data.x],
          tx: [...data.tx, ...data.tx],
          T: [...data.T, ...data.T],
        };
        const compressed = compressSummaries(doubled.x, doubled.tx, doubled.T);
        expect(compressed.rows).toBeLessThanOrEqual(data.x.length);
        const total = totalLogLikelihood(p, compressed);
        expect(Number.isFinite(total)).toBe(true);
        expect(Math.abs(total - 2 * sum)).toBeLessThan(1e-9 * Math.max(1, Math.abs(sum)));
      }),
    );
  });

  it("has an analytic gradient equal to central differences", () => {
    fc.assert(
      fc.property(params, customers, (p, data) => {
        const prepared = prepare(data);
        const theta = [Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b)];
        const gradient = new Float64Array(4);
        const ll = logLikelihoodWithGradient(prepared, theta, gradient);
        for (let j = 0; j < 4; j++) {
          const h = 1e-6;
          const up = [...theta];
          const down = [...theta];
          up[j]! += h;
          down[j]! -= h;
          const numeric =
            (logLikelihoodWithGradient(prepared, up) - logLikelihoodWithGradient(prepared, down)) / (2 * h);
          expect(Math.abs(gradient[j]! - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ll)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("stays finite for extreme customers", () => {
    const extreme = {
      x: [0, 0, 500, 300, 5, 1, 200, 3],
      tx: [0, 0, 0.5, 0.5, 0, 1e-9, 200, 52],
      T: [0, 1e-9, 0.5, 500, 10, 1e-9, 200, 52],
    };
    for (const p of [
      PUBLISHED,
      { r: 50, alpha: 0.01, a: 0.01, b: 100 },
      { r: 0.01, alpha: 1000, a: 20, b: 0.01 },
    ]) {
      const prepared = prepare(extreme);
      const gradient = new Float64Array(4);
      const theta = [p.r, p.alpha, p.a, p.b].map(Math.log);
      expect(Number.isFinite(logLikelihoodWithGradient(prepared, theta, gradient))).toBe(true);
      expect(gradient.every(Number.isFinite)).toBe(true);
      for (let i = 0; i < extreme.x.length; i++) {
        const [x, tx, T] = [extreme.x[i]!, extreme.tx[i]!, extreme.T[i]!];
        const alive = probabilityAlive(p, x, tx, T);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        for (const t of [1, 39, 520]) {
          const expected = expectedPurchases(p, t, x, tx, T);
          expect(Number.isFinite(expected) && expected >= 0).toBe(true);
        }
      }
    }
  });
});

describe("BG/NBD predictions", () => {
  it("P(X(t) = n) sums to 1 and has mean E[X(t)] (eqs. 8 and 9)", () => {
    for (const t of [1, 39, 78]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 2000; n++) {
        const p = probabilityOfPurchases(PUBLISHED, t, n);
        total += p;
        mean += n * p;
      }
      expect(total).toBeCloseTo(1, 10);
      expect(mean).toBeCloseTo(expectedPurchasesNewCustomer(PUBLISHED, t), 6);
    }
  });

  it("starts at the posterior rate of an active customer, (r+x)/(α+T) · P(alive)", () => {
    const t = 1e-6;
    for (const [x, tx, T] of [
      [0, 0, 10],
      [2, 30.43, 38.86],
      [150, 20, 30],
    ] as const) {
      const rate = ((PUBLISHED.r + x) / (PUBLISHED.alpha + T)) * probabilityAlive(PUBLISHED, x, tx, T);
      expect(expectedPurchases(PUBLISHED, t, x, tx, T) / t).toBeCloseTo(rate, 5);
    }
  });

  it("agrees with eq. (10) summed directly with the original ₂F₁ series", () => {
    const { r, alpha, a, b } = PUBLISHED;
    for (const [t, x, tx, T] of [
      [39, 2, 30.43, 38.86],
      [10, 7, 20, 35],
      [52, 0, 0, 20],
    ] as const) {
      const z = t / (alpha + T + t);
      let term = 1;
      let f = 1;
      for (let n = 0; n < 5000; n++) {
        term *= (((r + x + n) * (b + x + n)) / ((a + b + x - 1 + n) * (n + 1))) * z;
        f += term;
      }
      const numerator = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f);
      const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0);
      expect(expectedPurchases(PUBLISHED, t, x, tx, T)).toBeCloseTo(numerator / denominator, 12);
    }
  });

  it("handles a = 1, where eq. (10) is 0/0, continuously", () => {
    const at = expectedPurchases({ ...PUBLISHED, a: 1 }, 39, 2, 30.43, 38.86);
    const below = expectedPurchases({ ...PUBLISHED, a: 1 - 1e-4 }, 39, 2, 30.43, 38.86);
    const above = expectedPurchases({ ...PUBLISHED, a: 1 + 1e-4 }, 39, 2, 30.43, 38.86);
    expect(Number.isFinite(at)).toBe(true);
    expect(at).toBeCloseTo((below + above) / 2, 7);
  });

  it("gives the same numbers per row as one by one", () => {
    const data = simulateBgNbd(PUBLISHED, { customers: 3000, seed: 7, T: (random) => 30 + random() * 9 });
    const rows = compressSummaries(data.x, data.tx, data.T);
    const batch = expectedPurchasesRows(PUBLISHED, 39, rows);
    for (let i = 0; i < rows.rows; i += 97) {
      expect(batch[i]).toBe(expectedPurchases(PUBLISHED, 39, rows.x[i]!, rows.tx[i]!, rows.T[i]!));
    }
  });
});

describe("BG/NBD fit", () => {
  const truth = PUBLISHED;
  const simulate = (customers: number, seed: number) =>
    simulateBgNbd(truth, { customers, seed, T: (random) => 27 + random() * 12 });

  it("recovers simulated parameters within a tolerance that shrinks like 1/√N", () => {
    const small = fit(simulate(2000, 11));
    const large = fit(simulate(50_000, 12));
    for (const name of ["r", "alpha", "a", "b"] as const) {
      for (const result of [small, large]) {
        expect(result.converged).toBe(true);
        // 4 standard errors: the fits are seeded, so this is a fixed check, not a flaky one.
        expect(Math.abs(result.params[name] - truth[name])).toBeLessThan(4 * result.standardErrors[name]);
      }
      // SEs scale like 1/√N, √(50000/2000) = 5, up to small-sample curvature (b: 8 at N = 2000).
      const ratio = small.standardErrors[name] / large.standardErrors[name];
      expect(ratio).toBeGreaterThan(3.5);
      expect(ratio).toBeLessThan(10);
      expect(large.standardErrors[name] / truth[name]).toBeLessThan(0.1);
    }
  });

  it("gives the same fit from raw columns, typed arrays and compressed rows", () => {
    const data = simulate(3000, 5);
    const fromTyped = fit(data);
    const fromArrays = fit({ x: [...data.x], tx: [...data.tx], T: [...data.T] });
    const fromRows = fit(compressSummaries(data.x, data.tx, data.T));
    expect(fromArrays.params).toEqual(fromTyped.params);
    expect(fromRows.params).toEqual(fromTyped.params);
    expect(fromRows.logLikelihood).toBeCloseTo(fromTyped.logLikelihood, 9);
  });

  it("on many rows starts from a sample and still ends at the full data's optimum", () => {
    // T on a 1/7-week grid (whole days) and 300k customers: well over the 100k rows from which the
    // fit warms up on every 8th row.
    const data = simulateBgNbd(truth, {
      customers: 300_000,
      seed: 3,
      T: (random) => 27 + Math.floor(random() * 365) / 7,
      timeResolution: 1 / 7,
    });
    const rows = compressSummaries(data.x, data.tx, data.T);
    expect(rows.rows).toBeGreaterThan(100_000);
    const warm = fit(rows);
    expect(warm.converged).toBe(true);
    // At the optimum of the full data every gradient component per customer vanishes.
    const gradient = new Float64Array(4);
    const theta = (["r", "alpha", "a", "b"] as const).map((name) => Math.log(warm.params[name]));
    logLikelihoodWithGradient(prepare(rows), theta, gradient);
    for (const g of gradient) expect(Math.abs(g) / rows.customers).toBeLessThan(1e-6);
    // The same optimum as a fit without the sample.
    const cold = fit(rows, { warmStart: false });
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(warm.params[name]).toBeCloseTo(cold.params[name], 4);
    }
    expect(warm.logLikelihood).toBeCloseTo(cold.logLikelihood, 3);
    // The sample carried the work: the full likelihood was evaluated far fewer times.
    expect(warm.evaluations).toBeLessThan(cold.evaluations);
  });

  it("refuses data that cannot support a fit, with a localized message", () => {
    const attempt = (x: number[], tx: number[], T: number[]) => {
      try {
        fit({ x, tx, T });
      } catch (error) {
        if (isModelError(error)) return error;
        throw error;
      }
      throw new Error("fit accepted the data");
    };
    expect(attempt([], [], []).code).toBe("MODEL_EMPTY_INPUT");
    expect(attempt([0, 3, 0], [0, 5, 0], [10, 10, 10]).code).toBe("MODEL_TOO_FEW_REPEAT_BUYERS");
    expect(attempt([1, 2], [5, -1], [10, 10]).code).toBe("MODEL_INVALID_VALUE");
    expect(attempt([1, 2], [5, Number.NaN], [10, 10]).code).toBe("MODEL_INVALID_VALUE");
    expect(attempt([1, 2], [5, 6], [10, Number.POSITIVE_INFINITY]).code).toBe("MODEL_INVALID_VALUE");
    expect(attempt([1, 2.5], [5, 6], [10, 10]).code).toBe("MODEL_FREQUENCY_NOT_INTEGER");
    expect(attempt([1, 0], [5, 6], [10, 10]).code).toBe("MODEL_RECENCY_WITHOUT_REPEAT");
    expect(attempt([1, 2], [5, 6], [10]).code).toBe("MODEL_LENGTH_MISMATCH");
    const late = attempt([1, 2], [5, 12], [10, 10]);
    expect(late.code).toBe("MODEL_RECENCY_AFTER_AGE");
    expect(errorText(late, "zh-CN")).toContain("第 2 个客户");
    expect(attempt([1, 2], [5, 12], [10, 10]).message).toBe(
      "Customer #2 has recency t_x = 12 greater than age T = 10: the last purchase cannot fall after the end of the observation period.",
    );
    expect(attempt([0, 1], [0, 1], [5, 5]).message).toContain("the BG/NBD model needs at least 2");
  });
});
