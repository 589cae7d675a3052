/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
 * Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275–284).
 *
 * While active, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each repeat
 * purchase the customer drops out with probability p ~ Beta(a, b). Time is in the data's unit.
 */
import { ModelError } from "./errors.ts";
import { shapeBound, timeScaleBound } from "./identifiability.ts";
import { checkParams, maximizeLogLikelihood, type WarmStart } from "./maximum-likelihood.ts";
import { digamma, hyp2f1Series, lgamma, logBeta, logNegativeBinomial } from "./special.ts";
import {
  type CompressedSummaries,
  type CustomerSummaries,
  distinctValues,
  thinRows,
  toCompressed,
  WARM_START_EVERY,
  WARM_START_ROWS,
} from "./summaries.ts";
import type { FitOptions, FitResult, TransactionModel } from "./transaction-model.ts";

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export type BgNbdOptions = FitOptions<BgNbdParams>;
export type BgNbdFit = FitResult<BgNbdParams>;

const NAMES = ["r", "alpha", "a", "b"] as const;
const MODEL = "BG/NBD" as const;

/**
 * ln L(r, α, a, b | x, t_x, T) of one customer, eq. (6) of the paper in log space:
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / Γ(r) · [ (α+T)^−(r+x) + δ_{x>0} a/(b+x−1) · (α+t_x)^−(r+x) ],
 * the bracket summed with log-sum-exp so that neither power underflows for large x.
 */
export function logLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const head = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + logBeta(a, b + x) - logBeta(a, b);
  const survived = -(r + x) * Math.log(alpha + T);
  if (x === 0) return head + survived;
  const droppedOut = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return head + logSumExp2(survived, droppedOut);
}

function logSumExp2(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * The precomputed layout of compressed data. Customers without repeat purchases contribute
 * −(r+0)·ln(α+T) only, so they are summed per distinct T; the rows with repeat purchases keep the
 * index of their x, T and t_x among the distinct values, so that log-gamma, digamma and logarithms
 * are computed once per distinct value rather than once per row.
 */
export interface BgNbdPrepared {
  readonly data: CompressedSummaries;
  readonly xValues: Float64Array;
  readonly weightOfX: Float64Array;
  readonly TValues: Float64Array;
  /** Weight of the x = 0 customers per distinct T. */
  readonly zeroWeightOfT: Float64Array;
  readonly txValues: Float64Array;
  /** The rows with x > 0: weight, x, and indices of x, T and t_x. */
  readonly repeat: {
    readonly weight: Float64Array;
    readonly x: Float64Array;
    readonly xIndex: Int32Array;
    readonly TIndex: Int32Array;
    readonly txIndex: Int32Array;
  };
}

export function prepare(data: CustomerSummaries | CompressedSummaries): BgNbdPrepared {
  const rows = toCompressed(data);
  const xs = distinctValues(rows.x);
  const Ts = distinctValues(rows.T);
  const weightOfX = new Float64Array(xs.values.length);
  const zeroWeightOfT = new Float64Array(Ts.values.length);
  let repeatRows = 0;
  for (let i = 0; i < rows.rows; i++) {
    weightOfX[xs.index[i]!]! += rows.weight[i]!;
    if (rows.x[i] === 0) zeroWeightOfT[Ts.index[i]!]! += rows.weight[i]!;
    else repeatRows++;
  }
  const weight = new Float64Array(repeatRows);
  const x = new Float64Array(repeatRows);
  const xIndex = new Int32Array(repeatRows);
  const TIndex = new Int32Array(repeatRows);
  const tx = new Float64Array(repeatRows);
  let k = 0;
  for (let i = 0; i < rows.rows; i++) {
    if (rows.x[i] === 0) continue;
    weight[k] = rows.weight[i]!;
    x[k] = rows.x[i]!;
    xIndex[k] = xs.index[i]!;
    TIndex[k] = Ts.index[i]!;
    tx[k] = rows.tx[i]!;
    k++;
  }
  const txs = distinctValues(tx);
  return {
    data: rows,
    xValues: xs.values,
    weightOfX,
    TValues: Ts.values,
    zeroWeightOfT,
    txValues: txs.values,
    repeat: { weight, x, xIndex, TIndex, txIndex: txs.index },
  };
}

/**
 * Total log-likelihood of prepared data at θ = (ln r, ln α, ln a, ln b), with its gradient in θ.
 * Derivatives of the per-customer terms (ψ the digamma function, w₁ and w₂ = 1 − w₁ the shares of
 * the two bracket terms of eq. 6):
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − w₁ ln(α+T) − w₂ ln(α+t_x)
 *   ∂/∂α = r/α − (r+x) [w₁/(α+T) + w₂/(α+t_x)]
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w₂/a
 *   ∂/∂b = ψ(a+b) − ψ(a+b+x) + ψ(b+x) − ψ(b) − w₂/(b+x−1)
 * and ∂/∂ln θ = θ ∂/∂θ.
 */
export function logLikelihoodWithGradient(
  prepared: BgNbdPrepared,
  theta: ArrayLike<number>,
  gradient?: Float64Array,
): number {
  const r = Math.exp(theta[0]!);
  const alpha = Math.exp(theta[1]!);
  const a = Math.exp(theta[2]!);
  const b = Math.exp(theta[3]!);
  const { data, xValues, weightOfX, TValues, zeroWeightOfT, txValues, repeat } = prepared;
  const nx = xValues.length;

  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  const logAlphaT = new Float64Array(TValues.length);
  const invAlphaT = new Float64Array(TValues.length);
  for (let j = 0; j < TValues.length; j++) {
    const L = Math.log(alpha + TValues[j]!);
    const inv = 1 / (alpha + TValues[j]!);
    logAlphaT[j] = L;
    invAlphaT[j] = inv;
    const w0 = zeroWeightOfT[j]!;
    ll -= w0 * r * L;
    gr -= w0 * L;
    gAlpha -= w0 * r * inv;
  }
  const logAlphaTx = new Float64Array(txValues.length);
  const invAlphaTx = new Float64Array(txValues.length);
  for (let j = 0; j < txValues.length; j++) {
    logAlphaTx[j] = Math.log(alpha + txValues[j]!);
    invAlphaTx[j] = 1 / (alpha + txValues[j]!);
  }
  const logDropRatio = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    const x = xValues[k]!;
    logDropRatio[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
  }

  const { weight, x, xIndex, TIndex, txIndex } = repeat;
  const dropWeightOfX = new Float64Array(nx);
  const rows = weight.length;
  for (let i = 0; i < rows; i++) {
    const w = weight[i]!;
    const rx = r + x[i]!;
    const jT = TIndex[i]!;
    const jx = txIndex[i]!;
    const k = xIndex[i]!;
    const LT = logAlphaT[jT]!;
    const Ltx = logAlphaTx[jx]!;
    const survived = -rx * LT;
    const droppedOut = logDropRatio[k]! - rx * Ltx;
    const d = droppedOut - survived;
    let lse: number;
    let share: number; // w₂, the share of the dropped-out term
    // ln(1 + e) rather than log1p: the lost digits are below e·ε, far under one row's rounding.
    if (d > 0) {
      const e = Math.exp(-d);
      const sum = 1 + e;
      lse = droppedOut + Math.log(sum);
      share = 1 / sum;
    } else {
      const e = Math.exp(d);
      const sum = 1 + e;
      lse = survived + Math.log(sum);
      share = e / sum;
    }
    ll += w * lse;
    gr -= w * (LT + share * (Ltx - LT));
    gAlpha -= w * rx * (invAlphaT[jT]! + share * (invAlphaTx[jx]! - invAlphaT[jT]!));
    dropWeightOfX[k]! += w * share;
  }

  const customers = data.customers;
  const logAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  ll += customers * (r * logAlpha - lgR + lgAB - lgB);
  gr += customers * (logAlpha - psiR);
  gAlpha += (customers * r) / alpha;
  let ga = customers * psiAB;
  let gb = customers * (psiAB - psiB);
  for (let k = 0; k < nx; k++) {
    const xk = xValues[k]!;
    const W = weightOfX[k]!;
    ll += W * (lgamma(r + xk) + lgamma(b + xk) - lgamma(a + b + xk));
    const psiABX = digamma(a + b + xk);
    gr += W * digamma(r + xk);
    ga += -W * psiABX + dropWeightOfX[k]! / a;
    gb += W * (digamma(b + xk) - psiABX) - (xk > 0 ? dropWeightOfX[k]! / (b + xk - 1) : 0);
  }
  if (gradient) {
    gradient[0] = r * gr;
    gradient[1] = alpha * gAlpha;
    gradient[2] = a * ga;
    gradient[3] = b * gb;
  }
  return ll;
}

/** Σ over customers of {@link logLikelihood}, evaluated on compressed rows. */
export function totalLogLikelihood(
  params: BgNbdParams,
  data: CustomerSummaries | CompressedSummaries,
): number {
  checkParams(MODEL, params);
  const theta = NAMES.map((name) => Math.log(params[name]));
  return logLikelihoodWithGradient(prepare(data), theta);
}

/**
 * Maximum-likelihood fit. Needs at least two customers with repeat purchases: without them the
 * dropout process (a, b) is not identified and the optimizer would run off to the boundary. With
 * fewer than MINIMUM_REPEAT_BUYERS, or a degenerate optimum, the fit is returned with
 * `identifiable: false` and its problems (see identifiability.ts).
 */
export function fit(data: CustomerSummaries | CompressedSummaries, options: BgNbdOptions = {}): BgNbdFit {
  const prepared = prepare(data);
  const rows = prepared.data;
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
  // r = 1 and α = mean T / mean x start λ at the observed purchase rate, whatever the time unit.
  const alpha0 = Math.max(sumT, 1e-6) / Math.max(sumX, 1e-6);
  return maximizeLogLikelihood(
    NAMES,
    (theta, gradient) => logLikelihoodWithGradient(prepared, theta, gradient),
    { r: 1, alpha: alpha0, a: 1, b: 1 },
    { customers: rows.customers, rows: rows.rows },
    {
      model: MODEL,
      repeatBuyers,
      bounds: [shapeBound("r"), timeScaleBound("alpha", longestT), shapeBound("a"), shapeBound("b")],
    },
    options,
    options.warmStart === false ? undefined : warmStartOf(rows),
  );
}

function warmStartOf(rows: CompressedSummaries): WarmStart | undefined {
  if (rows.rows < WARM_START_ROWS) return undefined;
  const sample = prepare(thinRows(rows, WARM_START_EVERY));
  return {
    logLikelihood: (theta, gradient) => logLikelihoodWithGradient(sample, theta, gradient),
    customers: sample.data.customers,
  };
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) (Fader, Hardie & Lee
 * 2008 note "Computing P(alive) Using the BG/NBD Model", eq. 1; the denominator of eq. 10).
 */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T], eq. (10):
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive).
 * The ₂F₁ is taken through Euler's transformation, ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z),
 * which turns the bracket into 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z): the original series
 * grows like (1−z)^−x and overflows for customers with hundreds of purchases; this one shrinks.
 */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  return expectedPurchasesIfAlive(params, t, x, T) * probabilityAlive(params, x, tx, T);
}

/** The part of eq. (10) that does not depend on t_x. */
function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  const { a } = params;
  // At a = 1 the formula is 0/0; its limit is the mean of the two sides.
  if (Math.abs(a - 1) < 1e-7) {
    return (
      0.5 *
      (expectedPurchasesIfAlive({ ...params, a: 1 - 1e-6 }, t, x, T) +
        expectedPurchasesIfAlive({ ...params, a: 1 + 1e-6 }, t, x, T))
    );
  }
  const { r, alpha, b } = params;
  const z = t / (alpha + T + t);
  const logRest = Math.log(alpha + T) - Math.log(alpha + T + t); // ln(1 − z), exact near z = 1
  const f = hyp2f1Series(a + b - 1 - r, a - 1, a + b + x - 1, z);
  // 1 − e^u with u near 0 for short horizons: expm1 keeps the digits.
  const bracket = -Math.expm1((a - 1) * logRest + Math.log(f));
  return ((a + b + x - 1) / (a - 1)) * bracket;
}

/** E[X(t)], expected purchases of a new customer in (0, t], eq. (9). */
export function expectedPurchasesNewCustomer(params: BgNbdParams, t: number): number {
  if (t === 0) return 0;
  return expectedPurchasesIfAlive(params, t, 0, 0);
}

/**
 * P(X(t) = n), the probability that a new customer makes n purchases in (0, t], eq. (8):
 *   B(a, b+n)/B(a, b) · NB(n) + δ_{n>0} B(a+1, b+n−1)/B(a, b) · [1 − Σ_{j<n} NB(j)],
 * with NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j the negative binomial probabilities.
 */
export function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = params;
  const logNb = (j: number) => logNegativeBinomial(r, alpha, t, j);
  const stillActive = Math.exp(logBeta(a, b + n) - logBeta(a, b) + logNb(n));
  if (n === 0) return stillActive;
  let cumulative = 0;
  for (let j = 0; j < n; j++) cumulative += Math.exp(logNb(j));
  const droppedOut = Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * Math.max(0, 1 - cumulative);
  return stillActive + droppedOut;
}

/**
 * P(Y(t) = n | x, t_x, T), the probability that a customer with history (x, t_x, T) makes n
 * purchases in the next t time units. A customer alive at T is, from T on, a new customer whose
 * rate and dropout probability have their posteriors given alive: λ ~ Gamma(r+x, α+T) (x purchases
 * in T) and p ~ Beta(a, b+x) (x purchases survived), independent; both processes forget the past.
 * So Y(t) given alive follows eq. (8) with (r+x, α+T, a, b+x), and a customer who has dropped out
 * buys nothing:
 *   P(Y(t) = n) = δ_{n=0} (1 − P(alive)) + P(alive) · P(X(t) = n | r+x, α+T, a, b+x).
 * Its mean is eq. (10) (the test checks it), which is eq. (9) with the same substitution.
 */
export function conditionalProbabilityOfPurchases(
  params: BgNbdParams,
  t: number,
  n: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { r, alpha, a, b } = params;
  const alive = probabilityAlive(params, x, tx, T);
  const active = probabilityOfPurchases({ r: r + x, alpha: alpha + T, a, b: b + x }, t, n);
  return (n === 0 ? 1 - alive : 0) + alive * active;
}

/** {@link expectedPurchases} for every row; the ₂F₁ part is computed once per distinct (x, T). */
export function expectedPurchasesRows(
  params: BgNbdParams,
  t: number,
  rows: CompressedSummaries,
): Float64Array {
  checkParams(MODEL, params);
  const out = new Float64Array(rows.rows);
  if (t === 0) return out;
  const cache = new Map<number, Map<number, number>>();
  for (let i = 0; i < rows.rows; i++) {
    const x = rows.x[i]!;
    const T = rows.T[i]!;
    let byT = cache.get(x);
    if (!byT) {
      byT = new Map();
      cache.set(x, byT);
    }
    let ifAlive = byT.get(T);
    if (ifAlive === undefined) {
      ifAlive = expectedPurchasesIfAlive(params, t, x, T);
      byT.set(T, ifAlive);
    }
    out[i] = ifAlive * probabilityAlive(params, x, rows.tx[i]!, T);
  }
  return out;
}

export function probabilityAliveRows(params: BgNbdParams, rows: CompressedSummaries): Float64Array {
  checkParams(MODEL, params);
  const out = new Float64Array(rows.rows);
  for (let i = 0; i < rows.rows; i++) out[i] = probabilityAlive(params, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
  return out;
}

/** The BG/NBD as a {@link TransactionModel}, for CLV and batch scoring. */
export const BgNbd: TransactionModel<BgNbdParams> = {
  name: MODEL,
  expectedPurchases,
  conditionalProbabilityOfPurchases,
  probabilityAlive,
  expectedPurchasesRows,
  probabilityAliveRows,
};
