import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type CdnowSummary, loadCdnowSample } from "./cdnow.fixture.ts";
import { isModelError } from "./errors.ts";
import {
  expectedPurchases,
  expectedPurchasesNewCustomer,
  fit,
  logLikelihood,
  type ParetoNbdParams,
  probabilityAlive,
  totalLogLikelihood,
} from "./pareto-nbd.ts";
import { simulateParetoNbd } from "./simulate.ts";
import { compressSummaries } from "./summaries.ts";

const PUBLISHED: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

let cdnow: CdnowSummary;
beforeAll(() => {
  cdnow = loadCdnowSample();
});

function significant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

describe("Pareto/NBD on the CDNOW sample (Fader, Hardie & Lee 2005 note)", () => {
  it("reproduces the published parameters and log-likelihood", () => {
    const result = fit(cdnow);
    expect(result.converged).toBe(true);
    expect(result.identifiable).toBe(true);
    expect(significant(result.params.r, 3)).toBe(0.553);
    expect(significant(result.params.alpha, 5)).toBe(10.578);
    expect(significant(result.params.s, 3)).toBe(0.606);
    expect(significant(result.params.beta, 5)).toBe(11.669);
    expect(result.logLikelihood).toBeCloseTo(-9595.0, 1);
    for (const name of ["r", "alpha", "s", "beta"] as const) {
      expect(result.standardErrors[name]).toBeGreaterThan(0);
      expect(result.standardErrors[name]).toBeLessThan(result.params[name]);
    }
  });
});

describe("Pareto/NBD likelihood", () => {
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.01, max: 100, noNaN: true }),
    s: fc.double({ min: 0.05, max: 5, noNaN: true }),
    beta: fc.double({ min: 0.01, max: 100, noNaN: true }),
  });
  const customers = fc
    .array(
      fc.record({
        x: fc.integer({ min: 0, max: 300 }),
        T: fc.constantFrom(1e-9, 0.5, 7, 38.86, 500),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 20 },
    )
    .map((rows) => ({
      x: rows.map((c) => c.x),
      tx: rows.map((c) => (c.x === 0 ? 0 : c.T * c.share)),
      T: rows.map((c) => c.T),
    }));

  it("is the finite sum over customers, compressed or not, for α above or below β", () => {
    fc.assert(
      fc.property(params, customers, (p, data) => {
        let sum = 0;
        for (let i = 0; i < data.x.length; i++) sum += logLikelihood(p, data.x[i]!, data.tx[i]!, data.T[i]!);
        expect(Number.isFinite(sum)).toBe(true);
        const doubled = compressSummaries(
          [...data.x, ...data.x],
          [...data.tx, ...data.tx],
          [...data.T, ...data.T],
        );
        expect(Math.abs(totalLogLikelihood(p, doubled) - 2 * sum)).toBeLessThan(
          1e-9 * Math.max(1, Math.abs(sum)),
        );
      }),
    );
  });

  it("is continuous where α crosses β (the two forms of A₀ meet)", () => {
    for (const [x, tx, T] of [
      [0, 0, 30],
      [3, 10, 30],
      [120, 29.9, 30],
    ] as const) {
      const below = logLikelihood({ ...PUBLISHED, alpha: 11.669 * (1 - 1e-9) }, x, tx, T);
      const equal = logLikelihood({ ...PUBLISHED, alpha: 11.669 }, x, tx, T);
      const above = logLikelihood({ ...PUBLISHED, alpha: 11.669 * (1 + 1e-9) }, x, tx, T);
      expect(below).toBeCloseTo(equal, 7);
      expect(above).toBeCloseTo(equal, 7);
    }
  });

  it("integrates to the direct definition: A₀ = ∫ over the drop-out time between t_x and T", () => {
    // L = Γ(r+x)α^r β^s/Γ(r) [ (α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ]
    const { r, alpha, s, beta } = { r: 0.7, alpha: 2, s: 1.3, beta: 40 };
    for (const [x, tx, T] of [
      [2, 5, 30],
      [10, 1, 39],
      [0, 0, 20],
    ] as const) {
      // Simpson's rule, error O(h⁴).
      const steps = 20_000;
      const h = (T - tx) / steps;
      const f = (tau: number) => (alpha + tau) ** -(r + x) * (beta + tau) ** -(s + 1);
      let integral = f(tx) + f(T);
      for (let k = 1; k < steps; k++) integral += (k % 2 === 1 ? 4 : 2) * f(tx + k * h);
      integral *= h / 3;
      const head = Math.exp(
        logLikelihood({ r, alpha, s, beta }, x, tx, T) - (r * Math.log(alpha) + s * Math.log(beta)),
      );
      const bracket = (alpha + T) ** -(r + x) * (beta + T) ** -s + s * integral;
      let gammaRatio = 1;
      for (let k = 0; k < x; k++) gammaRatio *= r + k;
      expect(head / (gammaRatio * bracket)).toBeCloseTo(1, 10);
    }
  });
});

describe("Pareto/NBD predictions", () => {
  it("P(alive) is 1 for a purchase at T and falls with the time since the last purchase", () => {
    expect(probabilityAlive(PUBLISHED, 3, 30, 30)).toBe(1);
    let previous = 1;
    for (const tx of [29, 20, 10, 1]) {
      const alive = probabilityAlive(PUBLISHED, 3, tx, 30);
      expect(alive).toBeLessThan(previous);
      previous = alive;
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

  it("E[X(t)] is r β/(α(s−1)) [1 − (β/(β+t))^(s−1)], with the s = 1 limit", () => {
    const { r, alpha, s, beta } = PUBLISHED;
    expect(expectedPurchasesNewCustomer(PUBLISHED, 39)).toBeCloseTo(
      ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + 39)) ** (s - 1)),
      12,
    );
    const atOne = expectedPurchasesNewCustomer({ ...PUBLISHED, s: 1 }, 39);
    expect(atOne).toBeCloseTo(((r * beta) / alpha) * Math.log((beta + 39) / beta), 12);
  });

  it("stays finite and in range for extreme customers", () => {
    for (const p of [
      PUBLISHED,
      { r: 50, alpha: 0.001, s: 0.01, beta: 1e4 },
      { r: 0.01, alpha: 1e4, s: 20, beta: 0.001 },
    ]) {
      for (const [x, tx, T] of [
        [0, 0, 0],
        [500, 0.5, 0.5],
        [300, 0, 500],
        [1, 1e-9, 1e-9],
        [200, 100, 200],
      ] as const) {
        const alive = probabilityAlive(p, x, tx, T);
        expect(alive >= 0 && alive <= 1).toBe(true);
        expect(Number.isFinite(logLikelihood(p, x, tx, T))).toBe(true);
        expect(Number.isFinite(expectedPurchases(p, 52, x, tx, T))).toBe(true);
      }
    }
  });
});

describe("Pareto/NBD fit", () => {
  it("recovers simulated parameters within four standard errors", () => {
    const truth = { r: 0.55, alpha: 10.5, s: 0.6, beta: 12 };
    for (const [customers, seed] of [
      [2000, 3],
      [20_000, 4],
    ] as const) {
      const data = simulateParetoNbd(truth, {
        customers,
        seed,
        T: (random) => 39 - Math.floor(random() * 84) / 7,
        timeResolution: 0,
      });
      const result = fit(data);
      expect(result.converged).toBe(true);
      for (const name of ["r", "alpha", "s", "beta"] as const) {
        expect(Math.abs(result.params[name] - truth[name])).toBeLessThan(4 * result.standardErrors[name]);
      }
    }
  });

  it("refuses data without repeat buyers", () => {
    try {
      fit({ x: [0, 0, 1], tx: [0, 0, 2], T: [5, 5, 5] });
      expect.unreachable();
    } catch (error) {
      expect(isModelError(error, "MODEL_TOO_FEW_REPEAT_BUYERS")).toBe(true);
    }
  });
});
