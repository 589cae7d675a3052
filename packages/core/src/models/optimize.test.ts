import { describe, expect, it } from "vitest";
import { invertPositiveDefinite, logScaleStandardErrors, minimizeBfgs, numericHessian } from "./optimize.ts";

describe("minimizeBfgs", () => {
  it("finds the Rosenbrock minimum from the classic start", () => {
    const result = minimizeBfgs(
      (v, g) => {
        const [x, y] = [v[0]!, v[1]!];
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
      },
      [-1.2, 1],
    );
    expect(result.converged).toBe(true);
    expect(result.argmin[0]).toBeCloseTo(1, 6);
    expect(result.argmin[1]).toBeCloseTo(1, 6);
    expect(result.iterations).toBeLessThan(60);
  });

  it("takes one Newton step on a quadratic when given its inverse Hessian", () => {
    // f = ½ vᵀAv − bᵀv with A = [[4, 1], [1, 3]]: minimum at A⁻¹b; A⁻¹ = [[3, −1], [−1, 4]] / 11.
    const quadratic = (v: Float64Array, g: Float64Array) => {
      const [x, y] = [v[0]!, v[1]!];
      g[0] = 4 * x + y - 1;
      g[1] = x + 3 * y - 2;
      return 0.5 * (4 * x * x + 2 * x * y + 3 * y * y) - x - 2 * y;
    };
    const inverse = [
      [3 / 11, -1 / 11],
      [-1 / 11, 4 / 11],
    ];
    const guided = minimizeBfgs(quadratic, [5, -7], { inverseHessian: inverse });
    const blind = minimizeBfgs(quadratic, [5, -7]);
    expect(guided.argmin[0]).toBeCloseTo(1 / 11, 10);
    expect(guided.argmin[1]).toBeCloseTo(7 / 11, 10);
    expect(guided.iterations).toBe(1);
    expect(blind.iterations).toBeGreaterThan(1);
    expect(blind.argmin[1]).toBeCloseTo(7 / 11, 8);
  });

  it("backs off from points where the objective is not finite", () => {
    // ln-barrier at x = 0: steps past it return NaN and must be shortened.
    const result = minimizeBfgs(
      (v, g) => {
        const x = v[0]!;
        g[0] = 1 - 1 / x;
        return x - Math.log(x);
      },
      [10],
    );
    expect(result.converged).toBe(true);
    expect(result.argmin[0]).toBeCloseTo(1, 8);
  });
});

describe("standard errors", () => {
  it("match the Poisson rate's √(λ/n) through the log scale", () => {
    // n Poisson counts with total S: −LL(θ = ln λ) = n e^θ − S θ, so λ̂ = S/n and SE(λ̂) = √(λ̂/n).
    const [n, total] = [400, 1000];
    const gradient = (theta: Float64Array, g: Float64Array) => {
      g[0] = n * Math.exp(theta[0]!) - total;
    };
    const fit = minimizeBfgs(
      (theta, g) => {
        gradient(theta, g);
        return n * Math.exp(theta[0]!) - total * theta[0]!;
      },
      [0],
    );
    expect(Math.exp(fit.argmin[0]!)).toBeCloseTo(2.5, 8);
    const [se] = logScaleStandardErrors(fit.argmin, numericHessian(gradient, fit.argmin));
    expect(se).toBeCloseTo(Math.sqrt(2.5 / n), 8);
  });

  it("inverts positive definite matrices and refuses others", () => {
    const inverse = invertPositiveDefinite([
      [4, 2],
      [2, 3],
    ])!;
    expect(inverse[0]![0]).toBeCloseTo(3 / 8, 14);
    expect(inverse[0]![1]).toBeCloseTo(-2 / 8, 14);
    expect(inverse[1]![1]).toBeCloseTo(4 / 8, 14);
    expect(
      invertPositiveDefinite([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNull();
  });
});
