import { beforeAll, describe, expect, it } from "vitest";
import { t } from "../i18n/i18n.ts";
import * as bgNbd from "./bgnbd.ts";
import { type CdnowSummary, loadCdnowSample } from "./cdnow.fixture.ts";
import * as gammaGamma from "./gamma-gamma.ts";
import {
  assessIdentifiability,
  type FitProblem,
  MINIMUM_REPEAT_BUYERS,
  NOT_IDENTIFIABLE_REASONS,
  secondOrderConditions,
  timeScaleBound,
} from "./identifiability.ts";
import { symmetricEigenvalues } from "./optimize.ts";
import * as paretoNbd from "./pareto-nbd.ts";
import { simulateGammaGammaSpend } from "./simulate.ts";

let cdnow: CdnowSummary;
beforeAll(() => {
  cdnow = loadCdnowSample();
});

/** 3000 one-time buyers (T spread over a year in weeks) and two repeat buyers. */
function twoRepeatBuyers() {
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  for (let i = 0; i < 3000; i++) {
    x.push(0);
    tx.push(0);
    T.push(1 + (i % 52));
  }
  x.push(3, 1);
  tx.push(40, 10);
  T.push(50, 45);
  return { x, tx, T };
}

function reasons(problems: readonly FitProblem[]): unknown[] {
  return problems.map((problem) => problem.params.reason ?? problem.code);
}

describe("second-order conditions on known good fits (CDNOW)", () => {
  it("BG/NBD, Pareto/NBD and Gamma-Gamma satisfy KKT1 and KKT2 and are identifiable", () => {
    const fits = [bgNbd.fit(cdnow), paretoNbd.fit(cdnow), gammaGamma.fit({ x: cdnow.x, spend: cdnow.spend })];
    for (const fit of fits) {
      expect(fit.secondOrder.kkt1).toBe(true);
      expect(fit.secondOrder.kkt2).toBe(true);
      // The optimum is a strict minimum of −ℓ: every curvature positive, none nearly flat.
      expect(fit.secondOrder.eigenvalues.every((value) => value > 1)).toBe(true);
      expect(fit.secondOrder.maxGradient).toBeLessThan(1e-2);
      expect(fit.identifiable).toBe(true);
      expect(fit.problems).toEqual([]);
    }
  });
});

describe("fits the data cannot identify", () => {
  it("two repeat buyers among 3000: BG/NBD says converged but is not identifiable, and why", () => {
    const fit = bgNbd.fit(twoRepeatBuyers());
    expect(fit.converged).toBe(true);
    expect(fit.identifiable).toBe(false);
    expect(fit.problems[0]).toEqual({
      code: "model.tooFewRepeatBuyers",
      params: { model: "BG/NBD", repeatBuyers: 2, minimum: MINIMUM_REPEAT_BUYERS["BG/NBD"] },
    });
    expect(fit.secondOrder.kkt2).toBe(false);
    expect(reasons(fit.problems)).toEqual(
      expect.arrayContaining(["hessianNotPositiveDefinite", "standardErrorsMissing", "parameterAtBoundary"]),
    );
    // a → 0: nobody ever drops out.
    const boundary = fit.problems.find((problem) => problem.params.reason === "parameterAtBoundary")!;
    expect(boundary.params).toMatchObject({ name: "a", bound: "≤ 0.001" });
    expect(fit.params.a).toBeLessThan(0.001);
  });

  it("two repeat buyers among 3000: Pareto/NBD runs s to 0", () => {
    const fit = paretoNbd.fit(twoRepeatBuyers());
    expect(fit.identifiable).toBe(false);
    expect(
      fit.problems.find((problem) => problem.params.reason === "parameterAtBoundary")?.params,
    ).toMatchObject({ model: "Pareto/NBD", name: "s" });
  });

  it("Gamma-Gamma on spend without heterogeneity: KKT holds, but q ran to the boundary", () => {
    // Every customer's purchase values have the same scale (q huge, ν = q/v = 0.25 for all): the
    // MLE of q is infinite, and on this sample the optimizer stops at q ≈ 2·10⁷ with a Hessian
    // that still looks fine. Only the boundary rule catches it.
    const x = Float64Array.from({ length: 200 }, (_, i) => 1 + (i % 5));
    const spend = simulateGammaGammaSpend({ p: 5, q: 1e6, v: 4e6 }, x, 4);
    const fit = gammaGamma.fit({ x, spend });
    expect(fit.converged).toBe(true);
    expect(fit.secondOrder.kkt1 && fit.secondOrder.kkt2).toBe(true);
    expect(fit.identifiable).toBe(false);
    expect(fit.problems).toHaveLength(1);
    expect(fit.problems[0]!.params).toMatchObject({
      model: "Gamma-Gamma",
      reason: "parameterAtBoundary",
      name: "q",
      bound: "> 1000",
    });
  });

  it("flags a time scale far beyond the data's span, and q ≤ 1", () => {
    const fit = {
      params: { r: 50, alpha: 2e5, q: 0.8 },
      standardErrors: { r: 1, alpha: 1, q: 1 },
      converged: true,
      iterations: 10,
      secondOrder: secondOrderConditions(
        [0, 0],
        [
          [2, 0],
          [0, 1],
        ],
        100,
      ),
    };
    const result = assessIdentifiability(
      { model: "BG/NBD", repeatBuyers: 100, bounds: [timeScaleBound("alpha", 52), { name: "q", min: 1 }] },
      fit,
    );
    expect(result.identifiable).toBe(false);
    expect(result.problems.map((problem) => [problem.params.name, problem.params.bound])).toEqual([
      ["alpha", "> 52000"],
      ["q", "≤ 1"],
    ]);
  });

  it("has a text in both languages for every problem", () => {
    const model = "BG/NBD";
    for (const reason of NOT_IDENTIFIABLE_REASONS) {
      for (const locale of ["zh-CN", "en"] as const) {
        const params = {
          iterations: 500,
          maxGradient: 3.2,
          smallestEigenvalue: -1e-9,
          eigenvalueRatio: -3e-10,
          names: "a, b",
          name: "a",
          value: 0.0005,
          bound: "≤ 0.001",
        };
        const reasonText = t(`model.notIdentifiable.${reason}`, params, locale);
        const text = t("model.notIdentifiable", { model, reasonText }, locale);
        expect(text).toContain(reasonText);
        expect(text).not.toContain("{");
      }
    }
    expect(t("model.tooFewRepeatBuyers", { model, repeatBuyers: 2, minimum: 40 }, "en")).toContain("2");
  });
});

describe("KKT checks", () => {
  it("KKT1 fails when the gradient is not zero relative to the log-likelihood", () => {
    const identity = [
      [1, 0],
      [0, 1],
    ];
    expect(secondOrderConditions([0.5, 0], identity, 1000).kkt1).toBe(true);
    expect(secondOrderConditions([2, 0], identity, 1000).kkt1).toBe(false);
  });

  it("KKT2 fails on an indefinite or nearly singular Hessian", () => {
    expect(
      secondOrderConditions(
        [0, 0],
        [
          [2, 1],
          [1, 2],
        ],
        10,
      ).kkt2,
    ).toBe(true);
    expect(
      secondOrderConditions(
        [0, 0],
        [
          [1, 2],
          [2, 1],
        ],
        10,
      ).kkt2,
    ).toBe(false);
    expect(
      secondOrderConditions(
        [0, 0],
        [
          [1, 0],
          [0, 1e-8],
        ],
        10,
      ).kkt2,
    ).toBe(false);
    expect(
      secondOrderConditions(
        [0, 0],
        [
          [1, Number.NaN],
          [Number.NaN, 1],
        ],
        10,
      ).kkt2,
    ).toBe(false);
  });

  it("symmetric eigenvalues match known ones", () => {
    expect(
      symmetricEigenvalues([
        [2, 1],
        [1, 2],
      ]).map((v) => Number(v.toFixed(12))),
    ).toEqual([1, 3]);
    // Eigenvalues 2 − √2, 2, 2 + √2 of the second-difference matrix.
    const values = symmetricEigenvalues([
      [2, -1, 0],
      [-1, 2, -1],
      [0, -1, 2],
    ]);
    expect(values[0]).toBeCloseTo(2 - Math.SQRT2, 12);
    expect(values[1]).toBeCloseTo(2, 12);
    expect(values[2]).toBeCloseTo(2 + Math.SQRT2, 12);
  });
});
