import { ModelError } from "./errors.ts";
import { logScaleStandardErrors, minimizeBfgs, numericHessian } from "./optimize.ts";
import type { FitOptions, FitResult } from "./transaction-model.ts";

/** Total log-likelihood at θ = ln(params), writing its gradient with respect to θ into `gradient`. */
export type LogScaleLikelihood = (theta: Float64Array, gradient: Float64Array) => number;

/**
 * Maximizes a log-likelihood over positive parameters on the log scale. The optimizer sees the mean
 * negative log-likelihood per customer, so its tolerances mean the same for 100 or 10⁶ customers;
 * standard errors come from the Hessian of the total at the optimum.
 */
export function maximizeLogLikelihood<K extends string>(
  names: readonly K[],
  logLikelihood: LogScaleLikelihood,
  start: Readonly<Record<K, number>>,
  counts: { customers: number; rows: number },
  options: FitOptions<Record<K, number>>,
): FitResult<Record<K, number>> {
  const penalizer = options.penalizer ?? 0;
  if (!(penalizer >= 0 && penalizer < Number.POSITIVE_INFINITY)) {
    throw new ModelError("MODEL_INVALID_OPTION", {
      name: "penalizer",
      value: String(penalizer),
      reason: "≥ 0",
    });
  }
  const initial = names.map((name) => {
    const value = options.initialParams?.[name] ?? start[name];
    if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
      throw new ModelError("MODEL_INVALID_OPTION", {
        name: `initialParams.${name}`,
        value: String(value),
        reason: "> 0",
      });
    }
    return Math.log(value);
  });
  const scale = 1 / counts.customers;
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    const ll = logLikelihood(theta, gradient);
    let penalty = 0;
    for (let i = 0; i < theta.length; i++) {
      const p = Math.exp(theta[i]!);
      penalty += penalizer * p * p;
      gradient[i] = -gradient[i]! * scale + 2 * penalizer * p * p;
    }
    return -ll * scale + penalty;
  };
  const result = minimizeBfgs(objective, initial, {
    maxIterations: options.maxIterations,
    gradientTolerance: options.gradientTolerance,
  });
  const theta = result.argmin;
  const hessian = numericHessian((at, gradient) => {
    logLikelihood(at, gradient);
    for (let i = 0; i < gradient.length; i++) gradient[i] = -gradient[i]!;
  }, theta);
  const errors = logScaleStandardErrors(theta, hessian);
  const params = {} as Record<K, number>;
  const standardErrors = {} as Record<K, number>;
  names.forEach((name, i) => {
    params[name] = Math.exp(theta[i]!);
    standardErrors[name] = errors[i]!;
  });
  return {
    params,
    standardErrors,
    logLikelihood: logLikelihood(theta, new Float64Array(names.length)),
    converged: result.converged,
    iterations: result.iterations,
    evaluations: result.evaluations + 2 * names.length + 1,
    customers: counts.customers,
    rows: counts.rows,
  };
}

/** Throws unless every parameter is a finite positive number. */
export function checkParams(model: string, params: object): void {
  for (const [name, value] of Object.entries(params) as [string, number][]) {
    if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
      throw new ModelError("MODEL_INVALID_PARAMS", { model, name, value: String(value) });
    }
  }
}
