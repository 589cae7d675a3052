import { ModelError } from "./errors.ts";
import {
  assessIdentifiability,
  type IdentificationChecks,
  secondOrderConditions,
} from "./identifiability.ts";
import { logScaleStandardErrors, minimizeBfgs, numericHessian } from "./optimize.ts";
import type { FitOptions, FitResult } from "./transaction-model.ts";

/** Total log-likelihood at θ = ln(params), writing its gradient with respect to θ into `gradient`. */
export type LogScaleLikelihood = (theta: Float64Array, gradient: Float64Array) => number;

/**
 * The log-likelihood of a random part of the data (see thinRows), to find the neighbourhood of
 * the optimum cheaply before the full data is used.
 */
export interface WarmStart {
  readonly logLikelihood: LogScaleLikelihood;
  readonly customers: number;
}

/**
 * Maximizes a log-likelihood over positive parameters on the log scale. The optimizer sees the mean
 * negative log-likelihood per customer, so its tolerances mean the same for 100 or 10⁶ customers;
 * standard errors come from the Hessian of the total at the optimum.
 *
 * With a warm start, the optimizer first maximizes the sample's likelihood, then the full one from
 * there, with the sample's inverse Hessian (the mean per customer has about the same curvature in
 * a large random part as in the whole): on a million customers the full likelihood is then
 * evaluated a handful of times instead of thirty. The optimum is the full data's either way.
 *
 * The result says whether the data identifies the model (`checks`, see identifiability.ts), from
 * the gradient and Hessian at the optimum that the standard errors need anyway.
 */
export function maximizeLogLikelihood<K extends string>(
  names: readonly K[],
  logLikelihood: LogScaleLikelihood,
  start: Readonly<Record<K, number>>,
  counts: { customers: number; rows: number },
  checks: IdentificationChecks,
  options: FitOptions<Record<K, number>>,
  warmStart?: WarmStart,
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
  const penaltyAt = (theta: ArrayLike<number>) => {
    let penalty = 0;
    for (let i = 0; i < theta.length; i++) penalty += penalizer * Math.exp(2 * theta[i]!);
    return penalty;
  };
  const objectiveOf =
    (likelihood: LogScaleLikelihood, customers: number) =>
    (theta: Float64Array, gradient: Float64Array): number => {
      const ll = likelihood(theta, gradient);
      for (let i = 0; i < theta.length; i++) {
        gradient[i] = -gradient[i]! / customers + 2 * penalizer * Math.exp(2 * theta[i]!);
      }
      return -ll / customers + penaltyAt(theta);
    };
  const settings = { maxIterations: options.maxIterations, gradientTolerance: options.gradientTolerance };
  const near = warmStart
    ? minimizeBfgs(objectiveOf(warmStart.logLikelihood, warmStart.customers), initial, settings)
    : undefined;
  const result = minimizeBfgs(
    objectiveOf(logLikelihood, counts.customers),
    near?.converged ? near.argmin : initial,
    near?.converged ? { ...settings, inverseHessian: near.inverseHessian } : settings,
  );
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
  // The optimizer's last value and gradient are of −ℓ/customers + penalty at θ: no extra pass
  // over the data for the log-likelihood nor for the KKT1 gradient of −ℓ.
  const maximized = -(result.value - penaltyAt(theta)) * counts.customers;
  const gradient = Array.from(
    theta,
    (t, i) => (result.gradient[i]! - 2 * penalizer * Math.exp(2 * t)) * counts.customers,
  );
  const secondOrder = secondOrderConditions(gradient, hessian, -maximized);
  const fit = {
    params,
    standardErrors,
    logLikelihood: maximized,
    converged: result.converged,
    iterations: result.iterations,
    evaluations: result.evaluations + 2 * names.length,
    customers: counts.customers,
    rows: counts.rows,
    secondOrder,
  };
  return { ...fit, ...assessIdentifiability(checks, fit) };
}

/** Throws unless every parameter is a finite positive number. */
export function checkParams(model: string, params: object): void {
  for (const [name, value] of Object.entries(params) as [string, number][]) {
    if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
      throw new ModelError("MODEL_INVALID_PARAMS", { model, name, value: String(value) });
    }
  }
}
