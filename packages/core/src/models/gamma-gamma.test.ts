import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import { loadCdnowSample } from "./cdnow.fixture.ts";
import type { ModelError } from "./errors.ts";
import { isModelError } from "./errors.ts";
import { expectedAverageSpend, fit, logLikelihood, logLikelihoodWithGradient } from "./gamma-gamma.ts";
import { simulateBgNbd, simulateGammaGammaSpend } from "./simulate.ts";
import { lgamma } from "./special.ts";

describe("Gamma-Gamma on the CDNOW sample (Fader & Hardie 2013)", () => {
  it("reproduces p 6.25, q 3.74, v 15.44 on the 946 customers with x > 0", () => {
    const cdnow = loadCdnowSample();
    const result = fit({ x: cdnow.x, spend: cdnow.spend });
    expect(result.converged).toBe(true);
    expect(result.identifiable).toBe(true);
    expect(result.customers).toBe(946);
    expect(result.params.p).toBeCloseTo(6.25, 2);
    expect(result.params.q).toBeCloseTo(3.74, 2);
    expect(result.params.v).toBeCloseTo(15.44, 2);
    // The zero-value purchases of the calibration period are all first purchases.
    expect(cdnow.spend.filter((m) => m <= 0)).toHaveLength(0);
  });
});

describe("Gamma-Gamma model", () => {
  const params = fc.record({
    p: fc.double({ min: 0.1, max: 20, noNaN: true }),
    q: fc.double({ min: 0.1, max: 20, noNaN: true }),
    v: fc.double({ min: 0.1, max: 200, noNaN: true }),
  });
  const customers = fc.array(
    fc.record({
      x: fc.integer({ min: 1, max: 300 }),
      spend: fc.double({ min: 0.01, max: 5000, noNaN: true }),
    }),
    { minLength: 1, maxLength: 30 },
  );

  it("has a total equal to the sum over customers and an analytic gradient equal to central differences", () => {
    fc.assert(
      fc.property(params, customers, (p, rows) => {
        const x = Float64Array.from(rows, (c) => c.x);
        const spend = Float64Array.from(rows, (c) => c.spend);
        const theta = [Math.log(p.p), Math.log(p.q), Math.log(p.v)];
        const gradient = new Float64Array(3);
        const total = logLikelihoodWithGradient(x, spend, theta, gradient);
        const sum = rows.reduce((s, c) => s + logLikelihood(p, c.x, c.spend), 0);
        const termSize = rows.reduce((s, c) => s + Math.abs(lgamma(p.p * c.x + p.q)), 0);
        expect(Math.abs(total - sum)).toBeLessThan(1e-9 * Math.max(1, Math.abs(sum)));
        for (let j = 0; j < 3; j++) {
          const h = 1e-6;
          const up = [...theta];
          const down = [...theta];
          up[j]! += h;
          down[j]! -= h;
          const numeric =
            (logLikelihoodWithGradient(x, spend, up) - logLikelihoodWithGradient(x, spend, down)) / (2 * h);
          // Central differences lose digits in proportion to the size of the terms that cancel
          // (ln Γ(px+q) − ln Γ(px) is small next to each of them when px is in the thousands).
          expect(Math.abs(gradient[j]! - numeric)).toBeLessThan(
            1e-5 * Math.max(1, Math.abs(total), termSize),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it("expected spend moves from the population mean toward the customer's mean as x grows", () => {
    const p = { p: 6.25, q: 3.74, v: 15.44 };
    const population = (p.p * p.v) / (p.q - 1);
    expect(expectedAverageSpend(p, 0, Number.NaN)).toBeCloseTo(population, 12);
    let previous = population;
    for (const x of [1, 5, 50, 500]) {
      const e = expectedAverageSpend(p, x, 100);
      expect(e).toBeGreaterThan(previous);
      expect(e).toBeLessThan(100);
      previous = e;
    }
    expect(expectedAverageSpend({ ...p, q: 0.5 }, 0, 1)).toBeNaN();
  });

  it("recovers simulated parameters within four standard errors", () => {
    const truth = { p: 6, q: 4, v: 15 };
    const { x } = simulateBgNbd({ r: 0.5, alpha: 4, a: 0.8, b: 2.4 }, { customers: 20_000, seed: 9 });
    const spend = simulateGammaGammaSpend(truth, x, 10);
    const result = fit({ x, spend });
    expect(result.converged).toBe(true);
    for (const name of ["p", "q", "v"] as const) {
      expect(Math.abs(result.params[name] - truth[name])).toBeLessThan(4 * result.standardErrors[name]);
    }
  });

  it("refuses non-positive spends unless told to leave them out, and too few spenders", () => {
    const data = { x: [1, 2, 0], spend: [10, 0, Number.NaN] };
    try {
      fit(data);
      expect.unreachable();
    } catch (error) {
      expect(isModelError(error, "MODEL_NON_POSITIVE_SPEND")).toBe(true);
      expect(errorText(error as ModelError, "zh-CN")).toContain("第 2 个客户");
    }
    try {
      fit(data, { excludeNonPositiveSpend: true });
      expect.unreachable();
    } catch (error) {
      expect(isModelError(error, "MODEL_TOO_FEW_REPEAT_BUYERS")).toBe(true);
    }
    const { x } = simulateBgNbd({ r: 0.5, alpha: 4, a: 0.8, b: 2.4 }, { customers: 500, seed: 2 });
    const spend = simulateGammaGammaSpend({ p: 6, q: 4, v: 15 }, x, 3);
    const firstSpender = x.findIndex((v) => v > 0);
    spend[firstSpender] = 0;
    expect(fit({ x, spend }, { excludeNonPositiveSpend: true }).excluded).toBe(1);
  });
});
