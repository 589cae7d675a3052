/**
 * Ranking primitives shared by the rules: a stable sort order of a column, mid-rank percentiles
 * and score bins. Built for a million customers: no comparator sorts and no per-customer
 * objects, because `Array.prototype.sort` with a comparator takes about a second on 1M rows.
 */
import { invalidOption } from "./errors.ts";
import type { Column } from "./types.ts";

/** A column in ascending order: `order[k]` is the customer whose value is `values[k]`. */
export interface SortedColumn {
  readonly order: Uint32Array;
  readonly values: Float64Array;
}

/**
 * Indices of the known (non-NaN) values of `values`, in ascending order of value. Equal values
 * keep the order of `initial` (by default ascending index), so the result is deterministic and a
 * second sort on another key can break ties.
 */
export function sortOrder(values: Column, initial?: Uint32Array): Uint32Array {
  return sortColumn(values, initial).order;
}

/** `sortOrder` together with the sorted values, which later passes can read sequentially. */
export function sortColumn(values: Column, initial?: Uint32Array): SortedColumn {
  let source = initial ?? knownIndices(values);
  if (initial?.some((i) => Number.isNaN(values[i]!))) source = dropUnknown(values, initial);
  const m = source.length;
  const keys = new Float64Array(m);
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let k = 0; k < m; k++) {
    const v = values[source[k]!]! + 0; // + 0 turns -0 into 0 so that they tie
    keys[k] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  if (m < 2) return { order: source.slice(), values: keys };
  // Day counts and order counts are small integers: one counting pass instead of four radix passes.
  if (integers && max - min <= Math.max(1 << 16, m)) return countingSort(keys, source, min, max - min + 1);
  return radixSort(keys, source);
}

function knownIndices(values: Column): Uint32Array {
  const n = values.length;
  let known = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) known++;
  const out = new Uint32Array(known);
  for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(values[i]!)) out[k++] = i;
  return out;
}

function dropUnknown(values: Column, order: Uint32Array): Uint32Array {
  return order.filter((i) => !Number.isNaN(values[i]!));
}

function countingSort(keys: Float64Array, source: Uint32Array, min: number, range: number): SortedColumn {
  const counts = new Uint32Array(range + 1);
  const m = source.length;
  for (let k = 0; k < m; k++) counts[keys[k]! - min + 1]!++;
  for (let b = 1; b <= range; b++) counts[b]! += counts[b - 1]!;
  const order = new Uint32Array(m);
  const sorted = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const v = keys[k]!;
    const at = counts[v - min]!++;
    order[at] = source[k]!;
    sorted[at] = v;
  }
  return { order, values: sorted };
}

/**
 * LSD radix sort on the IEEE bits: six passes of 11, 11 and 10 bits per 32-bit half, whose
 * histograms (2048 counters each) stay in the L1 cache; all histograms come from one read, and a
 * pass where every key shares the digit is skipped. The key halves move with the indices so
 * that every pass reads sequentially.
 */
function radixSort(keys: Float64Array, source: Uint32Array): SortedColumn {
  const m = source.length;
  const words = new Uint32Array(keys.buffer);
  let lo = new Uint32Array(m);
  let hi = new Uint32Array(m);
  const counts = new Uint32Array(6 * 2048);
  // Flipping makes unsigned order = numeric order: all bits of negatives, the sign bit of the rest.
  for (let k = 0; k < m; k++) {
    const h = words[2 * k + 1]!;
    let a: number;
    let b: number;
    if (h & 0x80000000) {
      b = ~h >>> 0;
      a = ~words[2 * k]! >>> 0;
    } else {
      b = (h | 0x80000000) >>> 0;
      a = words[2 * k]!;
    }
    lo[k] = a;
    hi[k] = b;
    counts[a & 0x7ff]!++;
    counts[2048 + ((a >>> 11) & 0x7ff)]!++;
    counts[4096 + (a >>> 22)]!++;
    counts[6144 + (b & 0x7ff)]!++;
    counts[8192 + ((b >>> 11) & 0x7ff)]!++;
    counts[10240 + (b >>> 22)]!++;
  }
  let order = source.slice();
  let lo2 = new Uint32Array(m);
  let hi2 = new Uint32Array(m);
  let order2 = new Uint32Array(m);
  const offsets = new Uint32Array(2048);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * 2048;
    const shift = (pass % 3) * 11;
    const digits = pass < 3 ? lo : hi;
    const mask = pass % 3 === 2 ? 0x3ff : 0x7ff;
    if (counts[base + ((digits[0]! >>> shift) & mask)] === m) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      offsets[d] = sum;
      sum += counts[base + d]!;
    }
    for (let k = 0; k < m; k++) {
      const at = offsets[(digits[k]! >>> shift) & mask]!++;
      lo2[at] = lo[k]!;
      hi2[at] = hi[k]!;
      order2[at] = order[k]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [order, order2] = [order2, order];
  }
  for (let k = 0; k < m; k++) {
    const h = hi[k]!;
    if (h & 0x80000000) {
      words[2 * k + 1] = (h & 0x7fffffff) >>> 0;
      words[2 * k] = lo[k]!;
    } else {
      words[2 * k + 1] = ~h >>> 0;
      words[2 * k] = ~lo[k]! >>> 0;
    }
  }
  return { order, values: keys };
}

/**
 * The mid-rank percentile of every customer among the known values: (number of smaller values +
 * half the number of equal values) / number of known values, so it lies strictly inside (0, 1),
 * equal values get the same percentile, and a value's percentile does not depend on the order of
 * the customers. `NaN` stays `NaN`.
 */
export function percentRanks(values: Column, sorted: SortedColumn = sortColumn(values)): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  forEachTieGroup(sorted, (start, end, p) => {
    for (let k = start; k < end; k++) out[sorted.order[k]!] = p;
  });
  return out;
}

/** Calls `visit` for each run of equal values in a sorted column, with the run's mid-rank percentile. */
export function forEachTieGroup(
  sorted: SortedColumn,
  visit: (start: number, end: number, p: number) => void,
): void {
  const { values } = sorted;
  const m = values.length;
  let start = 0;
  while (start < m) {
    const v = values[start]!;
    let end = start + 1;
    while (end < m && values[end] === v) end++;
    visit(start, end, (start + (end - start) / 2) / m);
    start = end;
  }
}

/**
 * How a column is cut into scores. `quantiles: q` gives scores 1..q by mid-rank percentile
 * (equal values always share a score; heavy ties make some scores rarer). `cuts: [c1, …]`
 * (ascending) are the inclusive upper bounds of the bins: value ≤ c1 is the first bin,
 * c1 < value ≤ c2 the second, …, value > the last cut the last of `cuts.length + 1` bins.
 */
export type Bins = { readonly quantiles: number } | { readonly cuts: readonly number[] };

export const QUINTILES: Bins = { quantiles: 5 };

export function binCount(bins: Bins): number {
  return "quantiles" in bins ? bins.quantiles : bins.cuts.length + 1;
}

export function checkBins(option: string, bins: Bins): void {
  if ("quantiles" in bins) {
    if (!Number.isInteger(bins.quantiles) || bins.quantiles < 2 || bins.quantiles > 100) {
      throw invalidOption(option, bins.quantiles, "2 … 100");
    }
    return;
  }
  const cuts = bins.cuts;
  if (cuts.length < 1 || cuts.length > 99) throw invalidOption(option, cuts.join(","), "1 … 99 cut points");
  for (let k = 0; k < cuts.length; k++) {
    if (!Number.isFinite(cuts[k]!) || (k > 0 && !(cuts[k]! > cuts[k - 1]!))) {
      throw invalidOption(option, cuts.join(","), "finite and strictly ascending");
    }
  }
}

/**
 * Scores 1..bins for the customers where `include[i]` is set (0 elsewhere and for unknown
 * values). `higherIsBetter = false` turns the scale round, so the smallest value scores highest.
 */
export function binScores(
  values: Column,
  bins: Bins,
  higherIsBetter: boolean,
  include?: Uint8Array,
): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n);
  const q = binCount(bins);
  if ("cuts" in bins) {
    const cuts = bins.cuts;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if ((include && !include[i]) || Number.isNaN(v)) continue;
      let b = 0;
      while (b < cuts.length && v > cuts[b]!) b++;
      out[i] = higherIsBetter ? b + 1 : q - b;
    }
    return out;
  }
  const sorted = include ? sortColumn(values, indicesOf(include)) : sortColumn(values);
  forEachTieGroup(sorted, (start, end, p) => {
    const b = Math.min(q - 1, Math.floor(p * q));
    const score = higherIsBetter ? b + 1 : q - b;
    for (let k = start; k < end; k++) out[sorted.order[k]!] = score;
  });
  return out;
}

export function indicesOf(flags: Uint8Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]) count++;
  const out = new Uint32Array(count);
  for (let i = 0, k = 0; i < flags.length; i++) if (flags[i]) out[k++] = i;
  return out;
}

/** Mean of the values at the given indices. */
export function meanOf(values: Column, order: Uint32Array): number {
  let sum = 0;
  for (let k = 0; k < order.length; k++) sum += values[order[k]!]!;
  return order.length ? sum / order.length : Number.NaN;
}

/** Median of the values at the given indices (mean of the middle two for an even count). */
export function medianOf(values: Column, indices: Uint32Array): number {
  const m = indices.length;
  if (m === 0) return Number.NaN;
  const a = new Float64Array(m);
  for (let k = 0; k < m; k++) a[k] = values[indices[k]!]!;
  const mid = m >> 1;
  const upper = select(a, mid);
  if (m % 2) return upper;
  // After selection everything left of `mid` is ≤ a[mid]: the lower middle is their maximum.
  let lower = -Infinity;
  for (let k = 0; k < mid; k++) if (a[k]! > lower) lower = a[k]!;
  return (lower + upper) / 2;
}

/** Hoare's quickselect: the k-th smallest value, leaving smaller ones to its left. O(m) expected. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three keeps sorted and reverse-sorted input linear.
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** `x` when positive, else 0; unlike `Math.max(x, 0)` an unknown (`NaN`) value also becomes 0. */
export function positiveOrZero(x: number): number {
  // Not Math.max(x, 0): it would keep NaN.
  return x > 0 ? x : 0;
}
