/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers: Who Are They
 * and What Will They Do Next?", Management Science 33(1)); likelihood, P(alive) and conditional
 * expectation as written in Fader, Hardie & Lee (2005), "A Note on Deriving the Pareto/NBD Model and
 * Related Expressions" (the expressions below are the note's, in log space).
 *
 * While active, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); the lifetime is
 * exponential with rate μ ~ Gamma(s, β). Time is in the data's unit.
 */
import { ModelError } from "./errors.ts";
import { shapeBound, timeScaleBound } from "./identifiability.ts";
import { checkParams, maximizeLogLikelihood } from "./maximum-likelihood.ts";
import { gaussLegendre, hyp2f1One, lgamma, logAddExp, logNegativeBinomial } from "./special.ts";
import { type CompressedSummaries, type CustomerSummaries, toCompressed } from "./summaries.ts";
import type { FitOptions, FitResult, TransactionModel } from "./transaction-model.ts";

export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

export type ParetoNbdOptions = FitOptions<ParetoNbdParams>;
export type ParetoNbdFit = FitResult<ParetoNbdParams>;

const NAMES = ["r", "alpha", "s", "beta"] as const;
const MODEL = "Pareto/NBD" as const;

/**
 * ln of F(t) = ₂F₁(r+s+x, b; r+s+x+1; z(t)) / (max(α,β)+t)^(r+s+x), whose difference F(t_x) − F(T)
 * is the note's A₀: b = s+1 and z = (α−β)/(α+t) when α ≥ β, b = r+x and z = (β−α)/(β+t) otherwise.
 * By Euler's transformation ₂F₁(a, b; a+1; z) = (1−z)^(1−b) ₂F₁(1, a+1−b; a+1; z), where the last
 * factor lies in [1, a/(b−1)] and cannot overflow; the powers are summed as logarithms.
 */
function logF(r: number, alpha: number, s: number, beta: number, x: number, t: number): number {
  const c = r + s + x + 1;
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + t);
    const g = hyp2f1One(r + x, c, z, (beta + t) / (alpha + t));
    return -s * Math.log(beta + t) - (r + x) * Math.log(alpha + t) + Math.log(g);
  }
  const z = (beta - alpha) / (beta + t);
  const g = hyp2f1One(s + 1, c, z, (alpha + t) / (beta + t));
  return (1 - r - x) * Math.log(alpha + t) - (s + 1) * Math.log(beta + t) + Math.log(g);
}

/** ln[(s/(r+s+x)) · A₀], the weight of "dropped out between t_x and T"; −∞ when t_x = T. */
function logDroppedOut(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  if (tx >= T) return Number.NEGATIVE_INFINITY;
  const upper = logF(r, alpha, s, beta, x, tx);
  const lower = logF(r, alpha, s, beta, x, T);
  // A₀ = F(t_x) − F(T) > 0; expm1 keeps the digits when t_x is close to T.
  const logA0 = upper + Math.log(-Math.expm1(Math.min(lower - upper, 0)));
  return Math.log(s) - Math.log(r + s + x) + logA0;
}

/** ln of the "still alive at T" term, 1/((α+T)^(r+x) (β+T)^s). */
function logSurvived(params: ParetoNbdParams, x: number, T: number): number {
  return -(params.r + x) * Math.log(params.alpha + T) - params.s * Math.log(params.beta + T);
}

/**
 * ln L(r, α, s, β | x, t_x, T) of one customer:
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ].
 */
export function logLikelihood(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const head = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  return head + logAddExp(logSurvived(params, x, T), logDroppedOut(params, x, tx, T));
}

function paramsOf(theta: ArrayLike<number>): ParetoNbdParams {
  return {
    r: Math.exp(theta[0]!),
    alpha: Math.exp(theta[1]!),
    s: Math.exp(theta[2]!),
    beta: Math.exp(theta[3]!),
  };
}

function totalOnRows(params: ParetoNbdParams, rows: CompressedSummaries): number {
  let ll = 0;
  for (let i = 0; i < rows.rows; i++) {
    ll += rows.weight[i]! * logLikelihood(params, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
  }
  return ll;
}

/** Σ over customers of {@link logLikelihood}, evaluated on compressed rows. */
export function totalLogLikelihood(
  params: ParetoNbdParams,
  data: CustomerSummaries | CompressedSummaries,
): number {
  checkParams(MODEL, params);
  return totalOnRows(params, toCompressed(data));
}

/**
 * The gradient of the total log-likelihood in θ = ln(params) by the five-point central difference
 * (error O(h⁴)): the derivatives of ₂F₁ in its parameters have no closed form worth the risk.
 */
export function logLikelihoodGradient(
  rows: CompressedSummaries,
  theta: ArrayLike<number>,
  gradient: Float64Array,
  step = 1e-3,
): number {
  const at = Float64Array.from(theta);
  const value = totalOnRows(paramsOf(at), rows);
  for (let j = 0; j < 4; j++) {
    const shifted = (k: number) => {
      at[j] = theta[j]! + k * step;
      return totalOnRows(paramsOf(at), rows);
    };
    gradient[j] = (8 * (shifted(1) - shifted(-1)) - (shifted(2) - shifted(-2))) / (12 * step);
    at[j] = theta[j]!;
  }
  return value;
}

/**
 * Maximum-likelihood fit (numeric gradient, see {@link logLikelihoodGradient}). Needs at least two
 * customers with repeat purchases; whether the data identifies the model is in `identifiable`.
 */
export function fit(
  data: CustomerSummaries | CompressedSummaries,
  options: ParetoNbdOptions = {},
): ParetoNbdFit {
  const rows = toCompressed(data);
  if (rows.customers === 0) throw new ModelError("MODEL_EMPTY_INPUT", { model: MODEL });
  let repeatBuyers = 0;
  let sumX = 0;
  let sumT = 0;
  let longestT = 0;
  for (let i = 0; i < rows.rows; i++) {
    if (rows.x[i]! > 0) repeatBuyers += rows.weight[i]!;
    sumX += rows.weight[i]! * rows.x[i]!;
    sumT += rows.weight[i]! * rows.T[i]!;
    longestT = Math.max(longestT, rows.T[i]!);
  }
  if (repeatBuyers < 2) {
    throw new ModelError("MODEL_TOO_FEW_REPEAT_BUYERS", { model: MODEL, count: repeatBuyers, required: 2 });
  }
  const scale = Math.max(sumT, 1e-6) / Math.max(sumX, 1e-6);
  const meanT = Math.max(sumT / rows.customers, 1e-6);
  return maximizeLogLikelihood(
    NAMES,
    (theta, gradient) => logLikelihoodGradient(rows, theta, gradient),
    { r: 1, alpha: scale, s: 1, beta: meanT },
    { customers: rows.customers, rows: rows.rows },
    {
      model: MODEL,
      repeatBuyers,
      bounds: [
        shapeBound("r"),
        timeScaleBound("alpha", longestT),
        shapeBound("s"),
        timeScaleBound("beta", longestT),
      ],
    },
    // A numeric gradient is good to ~1e-12 per customer; asking for 1e-9 would only spin.
    { gradientTolerance: 1e-8, ...options },
  );
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀).
 */
export function probabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const logOdds = logDroppedOut(params, x, tx, T) - logSurvived(params, x, T);
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive),
 * as in the note; at s = 1 the bracket over (s−1) is its limit ln((β+T+t)/(β+T)).
 */
export function expectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  const logRatio = Math.log(beta + T) - Math.log(beta + T + t);
  const growth = Math.abs(s - 1) < 1e-12 ? -logRatio : -Math.expm1((s - 1) * logRatio) / (s - 1);
  return (((r + x) * (beta + T)) / (alpha + T)) * growth * probabilityAlive(params, x, tx, T);
}

/** Quadrature nodes for the lifetime integral of {@link conditionalProbabilityOfPurchases}. */
const LIFETIME_QUADRATURE = gaussLegendre(64);

/**
 * P(Y(t) = n | x, t_x, T), the probability that a customer with history (x, t_x, T) makes n
 * purchases in the next t time units. Given alive at T, the rate and the dropout rate have the
 * posteriors λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T), independent, and both processes forget the
 * past; the remaining lifetime τ is then Pareto (Lomax) with P(τ > u) = ((β+T)/(β+T+u))^s, and
 * given τ the purchases are NB(r+x, α+T) over min(τ, t). So
 *   P(Y(t) = n) = δ_{n=0} (1 − P(alive))
 *     + P(alive) · [ P(τ > t) NB(n; t) + ∫₀ᵗ NB(n; u) dF_τ(u) ].
 * The integral is taken over w = F_τ(u) ∈ [0, F_τ(t)], u = (β+T)((1−w)^(−1/s) − 1), where the
 * integrand NB(n; u(w)) is smooth whatever the lifetime's shape; 64-point Gauss–Legendre is exact to
 * ~1e-12 there (the test checks the mean against the closed-form expectation).
 */
export function conditionalProbabilityOfPurchases(
  params: ParetoNbdParams,
  t: number,
  n: number,
  x: number,
  tx: number,
  T: number,
): number {
  const alive = probabilityAlive(params, x, tx, T);
  const r = params.r + x;
  const alpha = params.alpha + T;
  const beta = params.beta + T;
  const { s } = params;
  const logSurvives = s * (Math.log(beta) - Math.log(beta + t));
  const died = -Math.expm1(logSurvives);
  const { nodes, weights } = LIFETIME_QUADRATURE;
  let integral = 0;
  for (let k = 0; k < nodes.length; k++) {
    const w = (died * (nodes[k]! + 1)) / 2;
    const u = beta * Math.expm1(-Math.log1p(-w) / s);
    // A lifetime too long for a double (a tiny s) buys nothing in a finite window's terms: NB → 0.
    if (!Number.isFinite(u)) continue;
    integral += weights[k]! * Math.exp(logNegativeBinomial(r, alpha, u, n));
  }
  const active = Math.exp(logSurvives + logNegativeBinomial(r, alpha, t, n)) + (integral * died) / 2;
  return (n === 0 ? 1 - alive : 0) + alive * active;
}

/** E[X(t)] for a new customer: r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function expectedPurchasesNewCustomer(params: ParetoNbdParams, t: number): number {
  return expectedPurchases(params, t, 0, 0, 0);
}

export function expectedPurchasesRows(
  params: ParetoNbdParams,
  t: number,
  rows: CompressedSummaries,
): Float64Array {
  checkParams(MODEL, params);
  const out = new Float64Array(rows.rows);
  for (let i = 0; i < rows.rows; i++)
    out[i] = expectedPurchases(params, t, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
  return out;
}

export function probabilityAliveRows(params: ParetoNbdParams, rows: CompressedSummaries): Float64Array {
  checkParams(MODEL, params);
  const out = new Float64Array(rows.rows);
  for (let i = 0; i < rows.rows; i++) out[i] = probabilityAlive(params, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
  return out;
}

/** The Pareto/NBD as a {@link TransactionModel}, for CLV and batch scoring. */
export const ParetoNbd: TransactionModel<ParetoNbdParams> = {
  name: MODEL,
  expectedPurchases,
  conditionalProbabilityOfPurchases,
  probabilityAlive,
  expectedPurchasesRows,
  probabilityAliveRows,
};
