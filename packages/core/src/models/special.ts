/**
 * Special functions for the buy-till-you-die models: log-gamma, digamma, log-beta and the Gauss
 * hypergeometric function 2F1 on the real interval the models need. All take plain numbers and
 * are written for accuracy close to double precision on x > 0 and 0 <= z < 1.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

// Godfrey's Lanczos coefficients (g = 607/128, 15 terms), as in Numerical Recipes 3rd ed. §6.1;
// relative error below 1e-15 on [0.5, 10], where Stirling's series would need many terms.
const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202,
  3.399464998481189e-5, 4.652362892704858e-5, -9.837447530487956e-5, 0.0001580887032249125,
  -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639, 8.441822398385275e-5,
  -2.6190838401581408e-5, 3.6899182659531625e-6,
];

/** ln Γ(x) for x > 0 (NaN otherwise); relative error about 1e-15 away from the zeros at 1 and 2. */
export function lgamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  // Γ(x) = Γ(x+1)/x keeps the Lanczos sum away from its pole at 0 without losing digits of ln x.
  if (x < 0.5) return lgammaLanczos(x + 1) - Math.log(x);
  if (x < 10) return lgammaLanczos(x);
  return lgammaStirling(x);
}

function lgammaLanczos(x: number): number {
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

// Stirling's series with Bernoulli terms up to x^-13; for x >= 10 the first omitted term is < 1e-17.
function lgammaStirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
}

/** ψ(x) = d ln Γ(x)/dx for x > 0: recurrence up to x >= 10, then the asymptotic series. */
export function digamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - (691 * inv2) / 32760)))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b) for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(e^u + e^v) without overflow; −∞ terms are allowed. */
export function logAddExp(u: number, v: number): number {
  if (u === Number.NEGATIVE_INFINITY) return v;
  if (v === Number.NEGATIVE_INFINITY) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

const EPS = 1e-16;
const MAX_TERMS = 1_000_000;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and −∞ < z < 1.
 *
 * - z < 0 is mapped to (0, 1) by Pfaff's transformation (Abramowitz & Stegun 15.3.4).
 * - c = a + 1 or c = b + 1 (the Pareto/NBD family) goes through Euler's transformation to
 *   2F1(1, ·; c; z), summed as a continued fraction near z = 1 ({@link hyp2f1One}).
 * - otherwise the power series, after Euler's transformation (A&S 15.3.3) when a + b > c so that the
 *   terms decay like n^(c−a−b−1) instead of growing; the sum stops on a bound of the remaining tail.
 *
 * The series needs about 40/(1−z) terms near z = 1; the models call it with z well below 1, except
 * for the c = a + 1 family, which is fast up to z = 1 − 1e-12.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1) || Number.isNaN(a + b + c)) return Number.NaN;
  if (c <= 0 && Number.isInteger(c)) return Number.NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) {
    // 2F1(a,b;c;z) = (1−z)^−a 2F1(a, c−b; c; z/(z−1)); pick the parameter that gives the cheaper series.
    const w = z / (z - 1);
    return Math.abs(a * (c - b)) <= Math.abs(b * (c - a))
      ? (1 - z) ** -a * hyp2f1(a, c - b, c, w)
      : (1 - z) ** -b * hyp2f1(b, c - a, c, w);
  }
  if (c === a + 1 && a > 0 && b <= c) return (1 - z) ** (1 - b) * hyp2f1One(c - b, c, z);
  if (c === b + 1 && b > 0 && a <= c) return (1 - z) ** (1 - a) * hyp2f1One(c - a, c, z);
  if (a + b > c && !isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
    return (1 - z) ** (c - a - b) * hyp2f1Series(c - a, c - b, c, z);
  }
  return hyp2f1Series(a, b, c, z);
}

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

/** Direct summation of Σ (a)_n (b)_n / ((c)_n n!) z^n for 0 <= z < 1; NaN if it does not settle. */
export function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    // Beyond n ≈ |a|+|b|+|c| the ratio moves monotonically toward z, so the tail is a geometric sum.
    const rho = Math.max(Math.abs(ratio), z);
    if (rho < 1 && n > 2 && Math.abs(term) * rho <= EPS * (1 - rho) * Math.abs(sum)) {
      if (n > Math.abs(a) + Math.abs(b) + Math.abs(c) || Math.abs(ratio) <= z) return sum;
    }
  }
  return Number.NaN;
}

/**
 * 2F1(1, b; c; z) for c > 1, b > 0 and 0 <= z < 1. Below z = 0.5 the series has positive terms
 * falling at least as fast as z^n. Above, it is evaluated as the continued fraction of the incomplete
 * beta function (DLMF 8.17.22; 2F1(1, b; c; z) = 2F1(p+q, 1; p+1; z) with p = c−1, q = b−c+1), which
 * converges in about √(1/(1−z)) steps instead of 1/(1−z); for 1 − z < 1e-3 the 1−z transformation.
 */
export function hyp2f1One(b: number, c: number, z: number, oneMinusZ = 1 - z): number {
  if (z <= 0.5) return hyp2f1Series(1, b, c, z);
  // Callers that know 1 − z as a ratio pass it: recomputing it from z loses its leading digits.
  const w = oneMinusZ;
  if (w < 1e-3 && b * w < 0.25) return hyp2f1OneNearOne(b, c, w);
  return betaContinuedFraction(c - 1, b - c + 1, z);
}

/**
 * 2F1(1, b; c; 1−w) for small w by the 1−z transformation (A&S 15.3.6), which for a = 1 reduces to
 *   (c−1)/m · 2F1(1, b; 1−m; w) − π w^m (1−w)^(1−c) Γ(c) / (sin(πm) Γ(1+m) Γ(b)),  m = c − 1 − b.
 * The continued fraction needs ~1/√w steps and loses digits as w → 0; this needs a few terms.
 * At a positive integer m both parts have poles that cancel; their poles carry a factor w^m, so the
 * mean of m ± 1e-7 is accurate to ~1e-12. At m = 0 the limit is summed (A&S 15.3.10); close to 0,
 * where the poles are not damped by w^m, the continued fraction is used.
 */
function hyp2f1OneNearOne(b: number, c: number, w: number): number {
  const m = c - 1 - b;
  if (m === 0) return hyp2f1OneLogarithmic(c, w);
  if (Math.abs(m) < 1e-3) return betaContinuedFraction(c - 1, b - c + 1, 1 - w);
  const offset = m - Math.round(m);
  const delta = 1e-7;
  if (Math.abs(offset) >= delta) return transformedNearOne(b, c, w);
  const centre = b + offset;
  return 0.5 * (transformedNearOne(centre - delta, c, w) + transformedNearOne(centre + delta, c, w));
}

// 2F1(1, c−1; c; 1−w) = (c−1) Σ_k (c−1)_k/k! [ψ(k+1) − ψ(c−1+k) − ln w] w^k.
function hyp2f1OneLogarithmic(c: number, w: number): number {
  const logW = Math.log(w);
  let psiK = digamma(1);
  let psiC = digamma(c - 1);
  let coefficient = 1;
  let sum = 0;
  for (let k = 0; k < MAX_TERMS; k++) {
    const term = coefficient * (psiK - psiC - logW);
    sum += term;
    if (k > 0 && Math.abs(term) <= EPS * Math.abs(sum)) break;
    coefficient *= ((c - 1 + k) / (k + 1)) * w;
    psiK += 1 / (k + 1);
    psiC += 1 / (c - 1 + k);
  }
  return (c - 1) * sum;
}

function transformedNearOne(b: number, c: number, w: number): number {
  const m = c - 1 - b;
  const regular = ((c - 1) / m) * hyp2f1Series(1, b, 1 - m, w);
  // sin(πm) from the distance to the nearest integer: near a pole the rounding of π·m would swamp it.
  const k = Math.round(m);
  const sine = Math.sin(Math.PI * (m - k)) * (k % 2 === 0 ? 1 : -1);
  const logSingular = m * Math.log(w) + (1 - c) * Math.log1p(-w) + lgamma(c) - lgamma(1 + m) - lgamma(b);
  const singular = -Math.sign(sine) * Math.exp(logSingular + Math.log(Math.PI / Math.abs(sine)));
  return regular + singular;
}

const TINY = 1e-300;

// Modified Lentz evaluation of the continued fraction, as in Numerical Recipes' betacf.
function betaContinuedFraction(p: number, q: number, z: number): number {
  const pq = p + q;
  let c = 1;
  let d = 1 - (pq * z) / (p + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (q - m) * z) / ((p + m2 - 1) * (p + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(p + m) * (pq + m) * z) / ((p + m2) * (p + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) return h;
  }
  return Number.NaN;
}

/**
 * ln NB(n; r, α, t) = ln[Γ(r+n) / (Γ(r) n!) · (α/(α+t))^r · (t/(α+t))^n]: the probability of n
 * events in (0, t] of a Poisson process whose rate is Gamma(r, α) (shape r, rate α) distributed.
 * At t = 0 every event count but 0 is impossible (−∞).
 */
export function logNegativeBinomial(r: number, alpha: number, t: number, n: number): number {
  const logP = Math.log(alpha) - Math.log(alpha + t);
  if (n === 0) return r * logP;
  if (t === 0) return Number.NEGATIVE_INFINITY;
  const logQ = Math.log(t) - Math.log(alpha + t);
  return lgamma(r + n) - lgamma(r) - lgamma(n + 1) + r * logP + n * logQ;
}

/**
 * The nodes and weights of n-point Gauss–Legendre quadrature on [−1, 1], exact for polynomials of
 * degree 2n − 1: each node is a root of the Legendre polynomial P_n, found by Newton's method from
 * Tricomi's approximation cos(π(k − ¼)/(n + ½)) (Numerical Recipes 3rd ed. §4.6, `gauleg`).
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let k = 0; k < Math.ceil(n / 2); k++) {
    let z = Math.cos((Math.PI * (k + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let step = 0; step < 100; step++) {
      // P_n(z) by the three-term recurrence, and P_n'(z) from P_n and P_{n−1}.
      let p = 1;
      let previous = 0;
      for (let j = 1; j <= n; j++) {
        const before = previous;
        previous = p;
        p = ((2 * j - 1) * z * previous - (j - 1) * before) / j;
      }
      derivative = (n * (z * p - previous)) / (z * z - 1);
      const next = z - p / derivative;
      const settled = Math.abs(next - z) < 1e-15;
      z = next;
      if (settled) break;
    }
    nodes[k] = -z;
    nodes[n - 1 - k] = z;
    weights[k] = 2 / ((1 - z * z) * derivative * derivative);
    weights[n - 1 - k] = weights[k]!;
  }
  return { nodes, weights };
}
