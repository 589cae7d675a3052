import { describe, expect, it } from "vitest";
import { BgNbd, type BgNbdParams } from "./bgnbd.ts";
import { EmpiricalRate } from "./empirical.ts";
import { ParetoNbd, type ParetoNbdParams } from "./pareto-nbd.ts";
import { purchaseInterval } from "./purchase-interval.ts";
import { createRandom, sampleBeta, sampleGamma } from "./simulate.ts";
import { gaussLegendre, logNegativeBinomial } from "./special.ts";
import type { TransactionModel } from "./transaction-model.ts";

// The published CDNOW fits (Fader, Hardie & Lee 2005; lifetimes' ParetoNBDFitter on the same data).
const BGNBD: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PARETO: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

/** Histories (x, t_x, T) from a first-time buyer to a heavy one, in weeks. */
const HISTORIES = [
  [0, 0, 38],
  [2, 30.43, 38.86],
  [1, 2, 70],
  [12, 35, 39],
  [60, 77, 78],
] as const;

/** Σ P(n) and Σ n P(n) over n, as far as the terms still count (far past the mean). */
function moments<P>(model: TransactionModel<P>, params: P, t: number, x: number, tx: number, T: number) {
  const past = 50 + 10 * model.expectedPurchases(params, t, x, tx, T);
  let total = 0;
  let mean = 0;
  for (let n = 0; n < 5000; n++) {
    const p = model.conditionalProbabilityOfPurchases(params, t, n, x, tx, T);
    total += p;
    mean += n * p;
    if (n > past && p < 1e-16) break;
  }
  return { total, mean };
}

describe("the distribution of a customer's next purchases", () => {
  const models = [
    ["BG/NBD", BgNbd, BGNBD],
    ["Pareto/NBD", ParetoNbd, PARETO],
    ["the empirical repeat rate", EmpiricalRate, { rate: 0.05 }],
  ] as const;

  for (const [name, model, params] of models) {
    it(`${name}: sums to 1 and its mean is the model's expected purchases`, () => {
      for (const t of [1, 39, 104]) {
        for (const [x, tx, T] of HISTORIES) {
          const m = model as TransactionModel<typeof params>;
          const { total, mean } = moments(m, params, t, x, tx, T);
          expect(total, `${x} ${tx} ${T} over ${t}`).toBeCloseTo(1, 9);
          const expected = m.expectedPurchases(params, t, x, tx, T);
          expect(Math.abs(mean - expected), `${x} ${tx} ${T} over ${t}`).toBeLessThan(1e-7 * (1 + expected));
        }
      }
    });
  }

  /**
   * Customers simulated from the BG/NBD's own process over T + t, kept where they made x repeat
   * purchases in (0, T]: their purchases in (T, T + t] must follow the conditional distribution,
   * averaged over the kept customers' own t_x. An independent check of the posterior argument.
   */
  it("BG/NBD: matches customers simulated from the model, conditioned on their history", () => {
    const random = createRandom(11);
    const [T, t, keptX] = [39, 39, 2];
    const counts = new Map<number, number>();
    const predicted = new Float64Array(6);
    let kept = 0;
    for (let i = 0; i < 300_000; i++) {
      const lambda = sampleGamma(random, BGNBD.r, BGNBD.alpha);
      const p = sampleBeta(random, BGNBD.a, BGNBD.b);
      let at = 0;
      let x = 0;
      let tx = 0;
      let y = 0;
      for (;;) {
        at += -Math.log(1 - random()) / lambda;
        if (at > T + t) break;
        if (at <= T) {
          x++;
          tx = at;
        } else y++;
        if (random() < p) break;
      }
      if (x !== keptX) continue;
      kept++;
      counts.set(y, (counts.get(y) ?? 0) + 1);
      for (let n = 0; n < predicted.length; n++)
        predicted[n]! += BgNbd.conditionalProbabilityOfPurchases(BGNBD, t, n, x, tx, T);
    }
    expect(kept).toBeGreaterThan(5000);
    for (let n = 0; n < predicted.length; n++) {
      const expected = predicted[n]! / kept;
      const observed = (counts.get(n) ?? 0) / kept;
      const standardError = Math.sqrt((expected * (1 - expected)) / kept);
      expect(Math.abs(observed - expected), `P(Y = ${n})`).toBeLessThan(4 * standardError + 1e-9);
    }
  });

  it("Pareto/NBD: matches customers simulated from the model, conditioned on their history", () => {
    const random = createRandom(12);
    const [T, t, keptX] = [39, 52, 1];
    const counts = new Map<number, number>();
    const predicted = new Float64Array(6);
    let kept = 0;
    for (let i = 0; i < 60_000; i++) {
      const lambda = sampleGamma(random, PARETO.r, PARETO.alpha);
      const mu = sampleGamma(random, PARETO.s, PARETO.beta);
      const end = Math.min(T + t, -Math.log(1 - random()) / mu);
      let at = 0;
      let x = 0;
      let tx = 0;
      let y = 0;
      for (;;) {
        at += -Math.log(1 - random()) / lambda;
        if (at > end) break;
        if (at <= T) {
          x++;
          tx = at;
        } else y++;
      }
      if (x !== keptX) continue;
      kept++;
      counts.set(y, (counts.get(y) ?? 0) + 1);
      for (let n = 0; n < predicted.length; n++)
        predicted[n]! += ParetoNbd.conditionalProbabilityOfPurchases(PARETO, t, n, x, tx, T);
    }
    expect(kept).toBeGreaterThan(3000);
    for (let n = 0; n < predicted.length; n++) {
      const expected = predicted[n]! / kept;
      const observed = (counts.get(n) ?? 0) / kept;
      const standardError = Math.sqrt((expected * (1 - expected)) / kept);
      expect(Math.abs(observed - expected), `P(Y = ${n})`).toBeLessThan(4 * standardError + 1e-9);
    }
  });

  it("gives the central 80 % interval and the chance of no purchase", () => {
    // CDNOW customer 00004 (x = 2, t_x = 30.43, T = 38.86) over 39 weeks: 1.226 purchases expected.
    const history = { t: 39, x: 2, tx: 30.43, T: 38.86 };
    const interval = purchaseInterval(BgNbd, BGNBD, history)!;
    const cdf = (n: number) => {
      let sum = 0;
      for (let k = 0; k <= n; k++)
        sum += BgNbd.conditionalProbabilityOfPurchases(BGNBD, 39, k, 2, 30.43, 38.86);
      return sum;
    };
    expect(interval.level).toBe(0.8);
    expect(interval.probabilityNone).toBeCloseTo(cdf(0), 12);
    // low and high are the first counts whose cumulative probability reaches 10 % and 90 %.
    expect(cdf(interval.low)).toBeGreaterThanOrEqual(0.1);
    if (interval.low > 0) expect(cdf(interval.low - 1)).toBeLessThan(0.1);
    expect(cdf(interval.high)).toBeGreaterThanOrEqual(0.9);
    expect(cdf(interval.high - 1)).toBeLessThan(0.9);
    expect(interval.low).toBeLessThanOrEqual(1);
    expect(interval.high).toBeGreaterThan(1);
    // Nobody ever bought again: no purchase, surely.
    expect(purchaseInterval(EmpiricalRate, { rate: 0 }, { t: 52, x: 0, tx: 0, T: 10 })).toEqual({
      level: 0.8,
      low: 0,
      high: 0,
      probabilityNone: 1,
    });
    // A wider level gives a wider interval.
    const wide = purchaseInterval(BgNbd, BGNBD, history, 0.95)!;
    expect(wide.high).toBeGreaterThanOrEqual(interval.high);
  });
});

describe("the numerical building blocks", () => {
  it("Gauss–Legendre integrates polynomials up to degree 2n − 1 exactly", () => {
    const { nodes, weights } = gaussLegendre(2);
    expect(nodes[0]).toBeCloseTo(-1 / Math.sqrt(3), 15);
    expect(weights[1]).toBeCloseTo(1, 15);
    const rule = gaussLegendre(64);
    const integral = (f: (z: number) => number) =>
      rule.nodes.reduce((sum, z, k) => sum + rule.weights[k]! * f(z), 0);
    expect(integral(() => 1)).toBeCloseTo(2, 13);
    expect(integral((z) => z ** 126)).toBeCloseTo(2 / 127, 13);
    expect(integral((z) => Math.exp(z))).toBeCloseTo(Math.E - 1 / Math.E, 13);
  });

  it("the negative binomial is the Gamma mixture of Poissons", () => {
    // r = 1: geometric, P(n) = (α/(α+t)) (t/(α+t))^n.
    expect(Math.exp(logNegativeBinomial(1, 3, 2, 4))).toBeCloseTo((3 / 5) * (2 / 5) ** 4, 14);
    expect(Math.exp(logNegativeBinomial(2.5, 1, 0, 0))).toBe(1);
    expect(logNegativeBinomial(2.5, 1, 0, 3)).toBe(Number.NEGATIVE_INFINITY);
  });
});
