/**
 * Does the data identify a fitted model? A maximum-likelihood fit always ends somewhere, and the
 * optimizer says "converged" on a flat ridge as readily as at a true optimum. On data with a
 * handful of repeat buyers the BG/NBD ends with a → 0 and b → ∞ (nobody ever drops out), the
 * Pareto/NBD with s → 0, the Gamma-Gamma with q and v → ∞ together: parameters that fit noise,
 * whose predictions (P(alive) 1.000 for every one-time buyer, ~0 for the only repeaters) then
 * decide grades. These checks say when not to trust a fit, each as a problem with a code and params.
 */
import { symmetricEigenvalues } from "./optimize.ts";

export type FitProblemCode = "model.notIdentifiable" | "model.tooFewRepeatBuyers";

export const NOT_IDENTIFIABLE_REASONS = [
  "notConverged",
  "gradientNotZero",
  "hessianNotPositiveDefinite",
  "standardErrorsMissing",
  "parameterAtBoundary",
] as const;
export type NotIdentifiableReason = (typeof NOT_IDENTIFIABLE_REASONS)[number];

/**
 * One reason not to trust a fit. `model.notIdentifiable` carries `{ model, reason, … }` with the
 * reason's numbers; `model.tooFewRepeatBuyers` carries `{ model, repeatBuyers, minimum }`.
 */
export interface FitProblem {
  readonly code: FitProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * The second-order conditions at the optimum, as CLVTools reports them (its fits go through
 * optimx, whose `kktchk` computes them), on the negative log-likelihood f in θ = ln(params):
 * - KKT1: the gradient vanishes, max |∂f/∂θᵢ| ≤ 1e-3 · (1 + |f|) (optimx's kkttol);
 * - KKT2: the Hessian is positive definite, no eigenvalue ≤ −1e-6 · (1 + |f|) and the ratio of the
 *   smallest to the largest eigenvalue above 1e-6 (optimx's kkt2tol): a ratio below that is a
 *   direction in which the likelihood is flat to rounding, i.e. a ridge of equally good parameters.
 */
export interface SecondOrderConditions {
  readonly kkt1: boolean;
  readonly kkt2: boolean;
  /** Largest absolute component of the gradient of −ℓ in θ at the optimum. */
  readonly maxGradient: number;
  /** Eigenvalues of the Hessian of −ℓ in θ at the optimum, ascending. */
  readonly eigenvalues: readonly number[];
}

export const KKT1_TOLERANCE = 1e-3;
export const KKT2_TOLERANCE = 1e-6;

export function secondOrderConditions(
  gradient: ArrayLike<number>,
  hessian: readonly (readonly number[])[],
  negativeLogLikelihood: number,
): SecondOrderConditions {
  const scale = 1 + Math.abs(negativeLogLikelihood);
  let maxGradient = 0;
  for (let i = 0; i < gradient.length; i++) maxGradient = Math.max(maxGradient, Math.abs(gradient[i]!));
  if (!Number.isFinite(negativeLogLikelihood)) maxGradient = Number.NaN;
  const eigenvalues = symmetricEigenvalues(hessian);
  const smallest = eigenvalues[0]!;
  const largest = eigenvalues[eigenvalues.length - 1]!;
  return {
    kkt1: maxGradient <= KKT1_TOLERANCE * scale,
    kkt2: smallest > -KKT2_TOLERANCE * scale && largest > 0 && smallest / largest > KKT2_TOLERANCE,
    maxGradient,
    eigenvalues,
  };
}

/**
 * Repeat buyers a fit needs before it is trusted: ten per parameter (BG/NBD and Pareto/NBD have 4,
 * Gamma-Gamma 3). The dropout part of the transaction models and all of the spend model are
 * learnt from repeat buyers alone (a one-time buyer's likelihood does not involve a and b, nor
 * any spend), so they are the sample size that matters. Ten observations per estimated parameter
 * is the usual floor below which maximum-likelihood estimates are biased and their standard
 * errors unreliable (Peduzzi et al. 1996, "A simulation study of the number of events per variable
 * in logistic regression analysis", J. Clin. Epidemiol. 49(12); the "10 events per variable" rule).
 * CDNOW has 946; a marketplace where almost everybody bought once may have two.
 */
export const MINIMUM_REPEAT_BUYERS = { "BG/NBD": 40, "Pareto/NBD": 40, "Gamma-Gamma": 30 } as const;
export type IdentifiedModel = keyof typeof MINIMUM_REPEAT_BUYERS;

/**
 * Where a parameter has run to a boundary of its space, so that the model has degenerated to a
 * simpler special case and the parameters along the way fit equally well.
 * - A gamma or beta shape (r, a, b, s, p, q) above 1000 has a coefficient of variation under 3 %:
 *   the mixing distribution is a point, heterogeneity is gone (b → ∞ with a → 0 is "nobody drops
 *   out", r → ∞ is "everybody buys at the same rate"). Below 0.001 almost all of the mass sits at
 *   0 (a → 0: nobody drops out; s → 0: nobody's lifetime ends). The published fits are orders of
 *   magnitude inside (CDNOW: r 0.243, a 0.793, b 2.43, s 0.606, p 6.25, q 3.74).
 * - A time scale (α, β) more than 1000 times the longest customer history T: the rates it scales
 *   are then far too slow to have shown in the data, so the data cannot tell them apart.
 * - Gamma-Gamma q ≤ 1: the population mean spend p·v/(q−1) does not exist, so customers without
 *   repeat purchases get no expected spend.
 */
export const SHAPE_MIN = 1e-3;
export const SHAPE_MAX = 1e3;
export const SCALE_SPAN_MAX = 1e3;

export interface ParameterBound {
  readonly name: string;
  /** The parameter must be above this (exclusive). */
  readonly min?: number;
  /** The parameter must be at most this. */
  readonly max?: number;
}

export function shapeBound(name: string): ParameterBound {
  return { name, min: SHAPE_MIN, max: SHAPE_MAX };
}

/** A time scale's bound relative to the data: at most SCALE_SPAN_MAX × the longest T. */
export function timeScaleBound(name: string, longestT: number): ParameterBound {
  return { name, max: SCALE_SPAN_MAX * Math.max(longestT, 1e-9) };
}

/** What a model knows about its own identification, passed to the fit. */
export interface IdentificationChecks {
  readonly model: IdentifiedModel;
  readonly repeatBuyers: number;
  readonly bounds: readonly ParameterBound[];
}

/** Whether a fit can be trusted, and every reason it cannot. */
export interface Identifiability {
  readonly identifiable: boolean;
  readonly problems: readonly FitProblem[];
}

/** Four significant digits: enough to read a problem, not a page of decimals. */
function short(value: number): number | string {
  return Number.isFinite(value) ? Number(value.toPrecision(4)) : String(value);
}

export function assessIdentifiability(
  checks: IdentificationChecks,
  fit: {
    readonly params: Readonly<Record<string, number>>;
    readonly standardErrors: Readonly<Record<string, number>>;
    readonly converged: boolean;
    readonly iterations: number;
    readonly secondOrder: SecondOrderConditions;
  },
): Identifiability {
  const { model } = checks;
  const problems: FitProblem[] = [];
  const notIdentifiable = (reason: NotIdentifiableReason, params: Record<string, string | number>) =>
    problems.push({ code: "model.notIdentifiable", params: { model, reason, ...params } });
  const minimum = MINIMUM_REPEAT_BUYERS[model];
  if (checks.repeatBuyers < minimum) {
    problems.push({
      code: "model.tooFewRepeatBuyers",
      params: { model, repeatBuyers: checks.repeatBuyers, minimum },
    });
  }
  if (!fit.converged) notIdentifiable("notConverged", { iterations: fit.iterations });
  const { secondOrder } = fit;
  if (!secondOrder.kkt1) {
    notIdentifiable("gradientNotZero", { maxGradient: short(secondOrder.maxGradient) });
  }
  if (!secondOrder.kkt2) {
    const smallest = secondOrder.eigenvalues[0]!;
    const largest = secondOrder.eigenvalues[secondOrder.eigenvalues.length - 1]!;
    notIdentifiable("hessianNotPositiveDefinite", {
      smallestEigenvalue: short(smallest),
      eigenvalueRatio: short(smallest / largest),
    });
  }
  const missing = Object.entries(fit.standardErrors)
    .filter(([, se]) => !Number.isFinite(se))
    .map(([name]) => name);
  if (missing.length > 0) notIdentifiable("standardErrorsMissing", { names: missing.join(", ") });
  for (const bound of checks.bounds) {
    const value = fit.params[bound.name]!;
    if (bound.min !== undefined && !(value > bound.min)) {
      notIdentifiable("parameterAtBoundary", {
        name: bound.name,
        value: short(value),
        bound: `≤ ${short(bound.min)}`,
      });
    } else if (bound.max !== undefined && !(value <= bound.max)) {
      notIdentifiable("parameterAtBoundary", {
        name: bound.name,
        value: short(value),
        bound: `> ${short(bound.max)}`,
      });
    }
  }
  return { identifiable: problems.length === 0, problems };
}
