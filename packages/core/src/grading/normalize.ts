/**
 * Turns one input column into 0–100 dimension scores, one whole column at a time so that a
 * million customers cost a sort at most (`rank`) and no per-customer objects. Unknown values
 * (`NaN`, `null`) come out as `NaN`; the missing-value policy is the caller's.
 *
 * Each column also says whether it told the customers apart at all (`uninformative`): a
 * dimension without a single known value, or one whose known values are all equal to rounding
 * under a normalisation that is relative to the column (`rank`, `minmax` without both bounds
 * fixed). The caller leaves such a dimension out of the score and warns about it.
 */
import { sortColumn } from "../segments/ranking.ts";
import type { Normalization } from "./scheme.ts";

type NumericNormalization = Exclude<Normalization, { method: "map" }>;

/**
 * Why a dimension carried no information: no customer had a value (`no_values`), or every known
 * value was the same to rounding (`constant`).
 */
export type UninformativeReason = "no_values" | "constant";

/** A dimension's 0–100 scores, and why it told nobody apart when it did not. */
export interface NormalizedColumn {
  readonly scores: Float64Array;
  readonly uninformative?: UninformativeReason;
}

/**
 * Two values are equal when they differ by at most this share of the larger magnitude
 * (|a − b| ≤ 1e-6 · max(|a|, |b|)): they agree to six significant digits. Model outputs that
 * are "the same for everyone" differ in the last digits by floating-point noise (a CLV of
 * 120.000000001 beside 119.999999998), and money is shown to the cent, so differences below a
 * millionth are not differences between customers; ranking them would let noise decide grades.
 * Only 0 equals 0 under a relative tolerance, which is right for counts and money alike.
 */
export const EQUAL_RELATIVE_TOLERANCE = 1e-6;

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(b - a) <= EQUAL_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** Scores of a numeric column; `lowerIsBetter` turns `rank` and `minmax` round. */
export function normalizeNumeric(
  values: ArrayLike<number>,
  normalization: NumericNormalization,
  lowerIsBetter: boolean,
): NormalizedColumn {
  switch (normalization.method) {
    case "rank":
      return rankScores(values, lowerIsBetter);
    case "minmax":
      return minMaxScores(values, normalization.min, normalization.max, lowerIsBetter);
    case "bands":
      return withoutValues(bandScores(values, normalization.bands));
  }
}

/**
 * Mid-rank percentile × 100 among the known values, where values equal to rounding
 * (EQUAL_RELATIVE_TOLERANCE) are one tie and share one score. A tie group is measured from its
 * smallest value, so a long run of values each a little above the one before does not chain into
 * one group.
 */
function rankScores(values: ArrayLike<number>, lowerIsBetter: boolean): NormalizedColumn {
  const sorted = sortColumn(values);
  const m = sorted.values.length;
  const out = new Float64Array(values.length).fill(Number.NaN);
  let groups = 0;
  let start = 0;
  while (start < m) {
    const first = sorted.values[start]!;
    let end = start + 1;
    while (end < m && nearlyEqual(first, sorted.values[end]!)) end++;
    const p = ((start + (end - start) / 2) / m) * 100;
    const score = lowerIsBetter ? 100 - p : p;
    for (let k = start; k < end; k++) out[sorted.order[k]!] = score;
    groups++;
    start = end;
  }
  if (groups === 0) return { scores: out, uninformative: "no_values" };
  return groups === 1 ? { scores: out, uninformative: "constant" } : { scores: out };
}

/** A column scored on a fixed scale says something even when constant; only no value at all says nothing. */
function withoutValues(scores: Float64Array): NormalizedColumn {
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i]!)) return { scores };
  return { scores, uninformative: "no_values" };
}

/**
 * (v − min) / (max − min) × 100. Without fixed bounds they are the smallest and largest known
 * values; with them, values outside are clipped. A column where every known value is the same
 * (to rounding, when a bound comes from the data) tells nothing apart and scores 50 throughout;
 * with both bounds fixed the scale means the same whatever the others have, so a constant column
 * is still information.
 */
function minMaxScores(
  values: ArrayLike<number>,
  fixedMin: number | undefined,
  fixedMax: number | undefined,
  lowerIsBetter: boolean,
): NormalizedColumn {
  const n = values.length;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const known = low <= high;
  const constant = known && nearlyEqual(low, high);
  const relative = fixedMin === undefined || fixedMax === undefined;
  if (fixedMin !== undefined) low = fixedMin;
  if (fixedMax !== undefined) high = fixedMax;
  const range = relative && constant ? 0 : high - low;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      out[i] = Number.NaN;
      continue;
    }
    let s = range > 0 ? ((v - low) / range) * 100 : 50;
    if (s < 0) s = 0;
    else if (s > 100) s = 100;
    out[i] = lowerIsBetter ? 100 - s : s;
  }
  if (!known) return { scores: out, uninformative: "no_values" };
  return relative && constant ? { scores: out, uninformative: "constant" } : { scores: out };
}

/** The score of the highest band whose min ≤ v; below the first band, the first band's score. */
function bandScores(
  values: ArrayLike<number>,
  bands: readonly { min: number; score: number }[],
): Float64Array {
  const n = values.length;
  const mins = Float64Array.from(bands, (band) => band.min);
  const scores = Float64Array.from(bands, (band) => band.score);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      out[i] = Number.NaN;
      continue;
    }
    let b = 0;
    while (b + 1 < mins.length && mins[b + 1]! <= v) b++;
    out[i] = scores[b]!;
  }
  return out;
}

/**
 * Scores of a categorical column from a value → score map; unlisted values score `other`. Like
 * bands, the map is a fixed scale: only a column where no value has a score is uninformative.
 */
export function normalizeCategorical(
  values: readonly (string | null)[],
  normalization: Extract<Normalization, { method: "map" }>,
): NormalizedColumn {
  const scores = new Map(Object.entries(normalization.scores));
  const other = normalization.other ?? Number.NaN;
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? Number.NaN : (scores.get(v) ?? other);
  }
  return withoutValues(out);
}
