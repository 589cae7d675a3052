/**
 * Turns one input column into 0–100 dimension scores, one whole column at a time so that a
 * million customers cost a sort at most (`rank`) and no per-customer objects. Unknown values
 * (`NaN`, `null`) come out as `NaN`; the missing-value policy is the caller's.
 */
import { percentRanks } from "../segments/ranking.ts";
import type { Normalization } from "./scheme.ts";

type NumericNormalization = Exclude<Normalization, { method: "map" }>;

/** Scores of a numeric column; `lowerIsBetter` turns `rank` and `minmax` round. */
export function normalizeNumeric(
  values: ArrayLike<number>,
  normalization: NumericNormalization,
  lowerIsBetter: boolean,
): Float64Array {
  switch (normalization.method) {
    case "rank":
      return rankScores(values, lowerIsBetter);
    case "minmax":
      return minMaxScores(values, normalization.min, normalization.max, lowerIsBetter);
    case "bands":
      return bandScores(values, normalization.bands);
  }
}

/** Mid-rank percentile × 100 among the known values: equal values score the same. */
function rankScores(values: ArrayLike<number>, lowerIsBetter: boolean): Float64Array {
  const out = percentRanks(values);
  for (let i = 0; i < out.length; i++) {
    const p = out[i]! * 100;
    out[i] = lowerIsBetter ? 100 - p : p;
  }
  return out;
}

/**
 * (v − min) / (max − min) × 100. Without fixed bounds they are the smallest and largest known
 * values; with them, values outside are clipped. A column where every known value is the same
 * tells nothing apart and scores 50 throughout.
 */
function minMaxScores(
  values: ArrayLike<number>,
  fixedMin: number | undefined,
  fixedMax: number | undefined,
  lowerIsBetter: boolean,
): Float64Array {
  const n = values.length;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (fixedMin !== undefined) low = fixedMin;
  if (fixedMax !== undefined) high = fixedMax;
  const range = high - low;
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
  return out;
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

/** Scores of a categorical column from a value → score map; unlisted values score `other`. */
export function normalizeCategorical(
  values: readonly (string | null)[],
  normalization: Extract<Normalization, { method: "map" }>,
): Float64Array {
  const scores = new Map(Object.entries(normalization.scores));
  const other = normalization.other ?? Number.NaN;
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? Number.NaN : (scores.get(v) ?? other);
  }
  return out;
}
