/**
 * Seeded simulators of the models' generative processes, for parameter-recovery tests, benchmarks
 * and demo data. Deterministic for a given seed on every platform (32-bit integer arithmetic only).
 */
import type { BgNbdParams } from "./bgnbd.ts";

/** A uniform generator on [0, 1): sfc32 seeded through splitmix32 (PractRand-clean, fast in JS). */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function standardNormal(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm away from 0.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
export function sampleGamma(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1, rate) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function sampleBeta(random: () => number, a: number, b: number): number {
  const g = sampleGamma(random, a, 1);
  return g / (g + sampleGamma(random, b, 1));
}

export interface SimulatedSummaries {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
}

export interface SimulationOptions {
  readonly customers: number;
  readonly seed: number;
  /** Each customer's observation length T; a number, or drawn per customer (default 39). */
  readonly T?: number | ((random: () => number) => number);
  /** Round purchase times down to this grid (e.g. 1/7 for whole days in weeks); 0 keeps them exact. */
  readonly timeResolution?: number;
}

function ageOf(options: SimulationOptions, random: () => number): number {
  const T = options.T ?? 39;
  return typeof T === "number" ? T : T(random);
}

function onGrid(t: number, resolution: number): number {
  return resolution > 0 ? Math.floor(t / resolution) * resolution : t;
}

/**
 * Customers from the BG/NBD process: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at Poisson(λ)
 * times after the first purchase at 0, and after each repeat purchase a drop-out with probability p.
 */
export function simulateBgNbd(params: BgNbdParams, options: SimulationOptions): SimulatedSummaries {
  const random = createRandom(options.seed);
  const n = options.customers;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const resolution = options.timeResolution ?? 0;
  for (let i = 0; i < n; i++) {
    const age = ageOf(options, random);
    const lambda = sampleGamma(random, params.r, params.alpha);
    const p = sampleBeta(random, params.a, params.b);
    let t = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > age) break;
      count++;
      last = t;
      if (random() < p) break;
    }
    T[i] = onGrid(age, resolution);
    tx[i] = count > 0 ? Math.min(onGrid(last, resolution), T[i]!) : 0;
    x[i] = count;
  }
  return { x, tx, T };
}

export interface ParetoNbdSimulationParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/** Customers from the Pareto/NBD process: λ ~ Gamma(r, α), μ ~ Gamma(s, β), lifetime ~ Exp(μ). */
export function simulateParetoNbd(
  params: ParetoNbdSimulationParams,
  options: SimulationOptions,
): SimulatedSummaries {
  const random = createRandom(options.seed);
  const n = options.customers;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const resolution = options.timeResolution ?? 0;
  for (let i = 0; i < n; i++) {
    const age = ageOf(options, random);
    const lambda = sampleGamma(random, params.r, params.alpha);
    const mu = sampleGamma(random, params.s, params.beta);
    const end = Math.min(age, -Math.log(1 - random()) / mu);
    let t = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > end) break;
      count++;
      last = t;
    }
    T[i] = onGrid(age, resolution);
    tx[i] = count > 0 ? Math.min(onGrid(last, resolution), T[i]!) : 0;
    x[i] = count;
  }
  return { x, tx, T };
}

/**
 * Mean spends from the Gamma-Gamma model: ν ~ Gamma(q, γ), each transaction ~ Gamma(p, ν); the
 * mean over `x[i]` transactions (NaN where x = 0).
 */
export function simulateGammaGammaSpend(
  params: { readonly p: number; readonly q: number; readonly v: number },
  x: ArrayLike<number>,
  seed: number,
): Float64Array {
  const random = createRandom(seed);
  const spend = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const count = x[i]!;
    if (count === 0) {
      spend[i] = Number.NaN;
      continue;
    }
    const nu = sampleGamma(random, params.q, params.v);
    // The sum of `count` Gamma(p, ν) draws is one Gamma(p·count, ν) draw.
    spend[i] = sampleGamma(random, params.p * count, nu) / count;
  }
  return spend;
}
