/**
 * Unconstrained quasi-Newton minimization for the model fits. Positive parameters are fitted as
 * their logarithms, which turns the box θ > 0 into the whole space; four parameters at most, so the
 * dense inverse-Hessian BFGS update is the right tool (Nocedal & Wright, Numerical Optimization,
 * 2nd ed., Algorithm 6.1 with the strong-Wolfe line search of Algorithms 3.5 and 3.6).
 */

/** Writes the gradient at `theta` into `gradient` and returns the value; non-finite means "outside". */
export type Objective = (theta: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when the largest gradient component is below this (default 1e-9). */
  readonly gradientTolerance?: number;
  /** Stop when a step changes the value by less than this, relative (default 1e-14). */
  readonly valueTolerance?: number;
  readonly maxIterations?: number;
  /**
   * A starting inverse Hessian (n × n, positive definite), e.g. the last one of a minimization of
   * a close approximation of the objective; default the identity, scaled after the first step.
   */
  readonly inverseHessian?: readonly (readonly number[])[];
}

export interface MinimizeResult {
  readonly argmin: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  /** Largest absolute gradient component at `argmin`. */
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** The BFGS approximation of the inverse Hessian at `argmin`. */
  readonly inverseHessian: number[][];
}

const C1 = 1e-4;
/** Relative size of a change in f that rounding alone can make. */
const NOISE = 1e-14;
/** A possible decrease this small relative to f is not worth another line search. */
const FLAT = 1e-10;
const C2 = 0.9;

export function minimizeBfgs(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const gtol = options.gradientTolerance ?? 1e-9;
  const ftol = options.valueTolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 500;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (theta: Float64Array, gradient: Float64Array): number => {
    evaluations++;
    const value = objective(theta, gradient);
    return Number.isFinite(value) && gradient.every(Number.isFinite) ? value : Number.POSITIVE_INFINITY;
  };

  let x: Float64Array = Float64Array.from(start);
  let g: Float64Array = new Float64Array(n);
  let f = evaluate(x, g);
  if (!Number.isFinite(f)) throw new Error("minimizeBfgs: the objective is not finite at the start point");
  const H = options.inverseHessian ? options.inverseHessian.map((row) => [...row]) : identity(n);
  const p = new Float64Array(n);
  let iterations = 0;
  let converged = maxAbs(g) <= gtol;
  // A given inverse Hessian already has the scale that the first step would guess.
  let firstStep = options.inverseHessian === undefined;

  while (!converged && iterations < maxIterations) {
    iterations++;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i]![j]! * g[j]!;
      p[i] = s;
    }
    let slope = dot(p, g);
    if (!(slope < 0)) {
      // Lost positive definiteness (rounding): restart from steepest descent.
      resetIdentity(H);
      for (let i = 0; i < n; i++) p[i] = -g[i]!;
      slope = dot(p, g);
    }
    // A step along p can lower f by about −slope at most; once that is below the rounding noise of
    // f (a sum over up to millions of customers), line searches only chase noise: dozens of
    // evaluations on a 1M-customer fit for nothing.
    if (-slope <= NOISE * Math.max(1, Math.abs(f))) {
      converged = true;
      break;
    }
    const initial = firstStep ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-12)) : 1;
    const step = lineSearch(evaluate, x, f, g, p, slope, initial);
    if (!step && -slope <= FLAT * Math.max(1, Math.abs(f))) {
      // No step lowers f measurably and none could by more than a hair: the optimum, to the
      // precision f can be computed (the gradient of a million-term sum has a noise floor too).
      converged = true;
      break;
    }
    if (!step) {
      if (!firstStep) {
        // One retry along steepest descent before giving up.
        resetIdentity(H);
        firstStep = true;
        continue;
      }
      break;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = step.x[i]! - x[i]!;
      y[i] = step.g[i]! - g[i]!;
    }
    const change = f - step.f;
    x = step.x;
    g = step.g;
    f = step.f;
    if (maxAbs(g) <= gtol || change <= ftol * Math.max(1, Math.abs(f))) {
      converged = true;
      break;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) {
        // Shanno's scaling of the first inverse Hessian (Nocedal & Wright eq. 6.20).
        const scale = sy / dot(y, y);
        for (let i = 0; i < n; i++) H[i]![i] = scale;
      }
      updateInverseHessian(H, s, y, 1 / sy);
    }
    firstStep = false;
  }
  return {
    argmin: x,
    value: f,
    gradient: g,
    gradientNorm: maxAbs(g),
    iterations,
    evaluations,
    converged,
    inverseHessian: H,
  };
}

interface Point {
  readonly x: Float64Array;
  readonly f: number;
  readonly g: Float64Array;
  readonly slope: number;
}

/** A step length satisfying the strong Wolfe conditions (Nocedal & Wright Algorithm 3.5), or null. */
function lineSearch(
  evaluate: (theta: Float64Array, gradient: Float64Array) => number,
  x0: Float64Array,
  f0: number,
  g0: Float64Array,
  p: Float64Array,
  slope0: number,
  initial: number,
): Point | null {
  const n = x0.length;
  const at = (alpha: number): Point & { alpha: number } => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = x0[i]! + alpha * p[i]!;
    const g = new Float64Array(n);
    const f = evaluate(x, g);
    return { alpha, x, f, g, slope: Number.isFinite(f) ? dot(g, p) : Number.NaN };
  };
  const sufficient = (q: { alpha: number; f: number }) => q.f <= f0 + C1 * q.alpha * slope0;
  const curvature = (q: { slope: number }) => Math.abs(q.slope) <= -C2 * slope0;

  let previous = { alpha: 0, x: x0, f: f0, g: g0, slope: slope0 };
  let alpha = initial;
  for (let i = 0; i < 60; i++) {
    const current = at(alpha);
    if (!sufficient(current) || (i > 0 && current.f >= previous.f)) return zoom(previous, current);
    if (curvature(current)) return current;
    if (current.slope >= 0) return zoom(current, previous);
    previous = current;
    alpha *= 2;
  }
  return previous.alpha > 0 ? previous : null;

  function zoom(lo: ReturnType<typeof at>, hi: ReturnType<typeof at>): Point | null {
    let flat = 0;
    for (let j = 0; j < 60; j++) {
      const width = hi.alpha - lo.alpha;
      let trial = Number.isFinite(hi.f) ? cubicMinimizer(lo, hi) : Number.NaN;
      const low = Math.min(lo.alpha, hi.alpha) + 0.1 * Math.abs(width);
      const high = Math.max(lo.alpha, hi.alpha) - 0.1 * Math.abs(width);
      if (!(trial >= low && trial <= high)) trial = lo.alpha + 0.5 * width;
      const current = at(trial);
      // f no longer changes beyond rounding along this line: zooming further only samples noise.
      if (Math.abs(current.f - f0) <= NOISE * Math.max(1, Math.abs(f0)) && ++flat >= 2) break;
      if (!sufficient(current) || current.f >= lo.f) {
        hi = current;
      } else {
        if (curvature(current)) return current;
        if (current.slope * width >= 0) hi = lo;
        lo = current;
      }
      if (Math.abs(hi.alpha - lo.alpha) <= 1e-14 * Math.max(1, Math.abs(lo.alpha))) break;
    }
    // The interval collapsed without meeting the curvature condition: keep a step that decreased f.
    return lo.alpha > 0 && lo.f < f0 ? lo : null;
  }
}

// Minimizer of the cubic through two points with their slopes (Nocedal & Wright eq. 3.59).
function cubicMinimizer(
  a: { alpha: number; f: number; slope: number },
  b: { alpha: number; f: number; slope: number },
): number {
  const d1 = a.slope + b.slope - (3 * (a.f - b.f)) / (a.alpha - b.alpha);
  const disc = d1 * d1 - a.slope * b.slope;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = Math.sign(b.alpha - a.alpha) * Math.sqrt(disc);
  return b.alpha - (b.alpha - a.alpha) * ((b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2));
}

function updateInverseHessian(H: number[][], s: Float64Array, y: Float64Array, rho: number): void {
  const n = s.length;
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += H[i]![j]! * y[j]!;
    Hy[i] = v;
  }
  const yHy = dot(y, Hy);
  // (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i]![j] =
        H[i]![j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
    }
  }
}

/**
 * The Hessian by central differences of an analytic gradient, symmetrized. With a gradient accurate
 * to ε, a step h gives errors of order h² + ε/h; h = 1e-5 suits parameters of order 1 (log scale).
 */
export function numericHessian(
  gradientAt: (theta: Float64Array, gradient: Float64Array) => void,
  at: ArrayLike<number>,
  step = 1e-5,
): number[][] {
  const n = at.length;
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = step * Math.max(1, Math.abs(at[j]!));
    const theta = Float64Array.from(at);
    theta[j] = at[j]! + h;
    gradientAt(theta, plus);
    theta[j] = at[j]! - h;
    gradientAt(theta, minus);
    for (let i = 0; i < n; i++) H[i]![j] = (plus[i]! - minus[i]!) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (H[i]![j]! + H[j]![i]!);
      H[i]![j] = mean;
      H[j]![i] = mean;
    }
  }
  return H;
}

/** The inverse of a symmetric positive definite matrix by Cholesky, or null when it is not one. */
export function invertPositiveDefinite(A: readonly (readonly number[])[]): number[][] | null {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i]![j]!;
      for (let k = 0; k < j; k++) sum -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i]![i] = Math.sqrt(sum);
      } else {
        L[i]![j] = sum / L[j]![j]!;
      }
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inverse = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= L[i]![k]! * y[k]!;
      y[i] = sum / L[i]![i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let k = i + 1; k < n; k++) sum -= L[k]![i]! * inverse[k]![c]!;
      inverse[i]![c] = sum / L[i]![i]!;
    }
  }
  return inverse;
}

/**
 * Standard errors of positive parameters fitted on the log scale: with θ = ln p and H the Hessian of
 * the negative log-likelihood in θ, Var(θ̂) ≈ H⁻¹ and by the delta method SE(p̂) = p̂ · √(H⁻¹)ᵢᵢ.
 * NaN when H is not positive definite (the optimum is flat or not a minimum).
 */
export function logScaleStandardErrors(
  theta: ArrayLike<number>,
  hessian: readonly (readonly number[])[],
): number[] {
  const inverse = invertPositiveDefinite(hessian);
  return Array.from({ length: theta.length }, (_, i) =>
    inverse ? Math.exp(theta[i]!) * Math.sqrt(inverse[i]![i]!) : Number.NaN,
  );
}

/**
 * Eigenvalues of a small symmetric matrix, ascending, by the cyclic Jacobi method (Golub & Van Loan,
 * Matrix Computations, 4th ed., Algorithm 8.5.3): rotations zero the off-diagonal entries one by
 * one until they are negligible. Exact to rounding for the 3 × 3 and 4 × 4 Hessians of the fits,
 * and it never fails on a matrix that is not positive definite (where Cholesky only says "no").
 * NaN everywhere when the matrix has a non-finite entry.
 */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  if (!matrix.every((row) => row.every(Number.isFinite))) return new Array<number>(n).fill(Number.NaN);
  const A = matrix.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += A[i]![i]! * A[i]![i]!;
      for (let j = i + 1; j < n; j++) off += A[i]![j]! * A[i]![j]!;
    }
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        // The rotation (c, s) that zeroes A[p][q] (Golub & Van Loan Algorithm 8.5.2).
        const tau = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => A[i]![i]!).sort((a, b) => a - b);
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function resetIdentity(H: number[][]): void {
  for (let i = 0; i < H.length; i++) for (let j = 0; j < H.length; j++) H[i]![j] = i === j ? 1 : 0;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
