/**
 * RFM: how recently, how often and for how much each customer buys, as scores and as named
 * segments. Two naming schemes are offered because both are in use: the 11 English-language
 * segments (Champions … Lost) and the Chinese 8-class convention (重要价值客户 … 一般挽留客户).
 */
import type { Rfm8Class, RfmSegment } from "./codes.ts";
import { customerCount, invalidOption } from "./errors.ts";
import {
  type Bins,
  binCount,
  binScores,
  checkBins,
  indicesOf,
  meanOf,
  medianOf,
  QUINTILES,
} from "./ranking.ts";
import type { Column, RfmInput } from "./types.ts";

export interface RfmScoreOptions {
  /** Bins for recency; the most recent bin scores highest. Default: quintiles. */
  readonly recencyBins?: Bins;
  /** Bins for frequency. Default: quintiles. */
  readonly frequencyBins?: Bins;
  /** Bins for monetary value. Default: quintiles. */
  readonly monetaryBins?: Bins;
}

/** Scores per customer, 1 (worst) .. number of bins (best); 0 for customers without a purchase. */
export interface RfmScores {
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  /** 1 for customers who bought (frequency > 0 and recency and monetary known), 0 otherwise. */
  readonly buyer: Uint8Array;
  /** Number of bins of each score (5 for quintiles). */
  readonly levels: { readonly r: number; readonly f: number; readonly m: number };
}

/**
 * Scores every buyer's recency, frequency and monetary value against the other buyers.
 *
 * With the default quintiles a customer scores 5 on frequency when they are in the top fifth of
 * buyers, and 5 on recency when they bought more recently than four fifths of them. Customers
 * with the same value always get the same score (the mid-rank percentile decides), so heavy ties
 * (many one-time buyers) make some scores rarer instead of splitting equal customers. Customers
 * who have not bought get 0 on every score and are left out of the percentiles.
 *
 * A customer with a single purchase (frequency ≤ 1) scores 1 on F, whatever the ties and bins:
 * with mostly one-time buyers their tie group's mid-rank would put them in a middle F score (with
 * 60 % one-time buyers, F = 2; with 90 %, F = 3), and a one-time buyer is not a frequent one. Their
 * percentile still counts in the other buyers' ranks, so repeat buyers rank above them.
 */
export function rfmScores(input: RfmInput, options: RfmScoreOptions = {}): RfmScores {
  const n = customerCount({ ...input });
  const recencyBins = options.recencyBins ?? QUINTILES;
  const frequencyBins = options.frequencyBins ?? QUINTILES;
  const monetaryBins = options.monetaryBins ?? QUINTILES;
  checkBins("recencyBins", recencyBins);
  checkBins("frequencyBins", frequencyBins);
  checkBins("monetaryBins", monetaryBins);
  const buyer = buyers(input, n);
  const f = binScores(input.frequency, frequencyBins, true, buyer);
  for (let i = 0; i < n; i++) if (buyer[i] && input.frequency[i]! <= 1) f[i] = 1;
  return {
    r: binScores(input.recencyDays, recencyBins, false, buyer),
    f,
    m: binScores(input.monetary, monetaryBins, true, buyer),
    buyer,
    levels: { r: binCount(recencyBins), f: binCount(frequencyBins), m: binCount(monetaryBins) },
  };
}

function buyers(input: RfmInput, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const { recencyDays, frequency, monetary } = input;
  for (let i = 0; i < n; i++) {
    out[i] = frequency[i]! > 0 && !Number.isNaN(recencyDays[i]!) && !Number.isNaN(monetary[i]!) ? 1 : 0;
  }
  return out;
}

/**
 * The R × FM grid of the 11 segments, rows FM = 5 down to 1, columns R = 1 .. 5, where
 * FM = ⌊(F + M) / 2⌋ (a half point does not lift a customer into a better segment):
 *
 * | FM \ R | 1           | 2           | 3              | 4                  | 5                  |
 * |--------|-------------|-------------|----------------|--------------------|--------------------|
 * | 5      | can't lose  | can't lose  | loyal          | loyal              | champions          |
 * | 4      | at risk     | at risk     | loyal          | loyal              | champions          |
 * | 3      | at risk     | at risk     | need attention | potential loyalist | potential loyalist |
 * | 2      | hibernating | hibernating | about to sleep | potential loyalist | potential loyalist |
 * | 1      | lost        | hibernating | about to sleep | promising          | new customers      |
 *
 * This is the widely used R-vs-F grid of the RFM literature (Champions = R 5, F 4–5; Loyal =
 * R 3–4, F 4–5; Can't lose = R 1–2, F 5; …) read on FM, with the R 1–2 / FM 1–2 corner
 * ("hibernating") split so that customers lowest on both are "lost".
 *
 * A single-order customer is never champions, loyal or can't lose: `rfmScores` gives them F = 1,
 * so FM = ⌊(1 + M) / 2⌋ ≤ 3, below the FM 4–5 rows those segments need.
 */
export const RFM_SEGMENT_GRID: readonly (readonly RfmSegment[])[] = [
  // FM 1 .. 5 (index FM - 1), each R 1 .. 5 (index R - 1)
  ["lost", "hibernating", "about_to_sleep", "promising", "new_customers"],
  ["hibernating", "hibernating", "about_to_sleep", "potential_loyalist", "potential_loyalist"],
  ["at_risk", "at_risk", "need_attention", "potential_loyalist", "potential_loyalist"],
  ["at_risk", "at_risk", "loyal", "loyal", "champions"],
  ["cant_lose", "cant_lose", "loyal", "loyal", "champions"],
];

export interface RfmSegmentOptions {
  /** A replacement grid, same layout as `RFM_SEGMENT_GRID` (5 rows of FM 1..5, 5 columns of R 1..5). */
  readonly grid?: readonly (readonly RfmSegment[])[];
}

/** The segment of one customer from 1..5 scores (0 scores mean no purchase). */
export function rfmSegmentOf(r: number, f: number, m: number, grid = RFM_SEGMENT_GRID): RfmSegment {
  if (r < 1 || f < 1 || m < 1) return "no_purchase";
  return grid[((f + m) >> 1) - 1]![r - 1]!;
}

/**
 * The 11 named segments (see `RFM_SEGMENT_GRID`). Scores on another scale than 1..5 are first
 * mapped onto it (score s of q levels → ⌈5·s/q⌉), so the grid keeps its meaning; the lowest score
 * stays the lowest (1 → 1), so that a single-order customer's F = 1 cannot become F = 3 on a
 * 2-level scale and lift them into loyal or champions.
 */
export function rfmSegments(scores: RfmScores, options: RfmSegmentOptions = {}): RfmSegment[] {
  const grid = options.grid ?? RFM_SEGMENT_GRID;
  checkGrid(grid);
  const { r, f, m, levels } = scores;
  const n = r.length;
  const rs = toFive(r, levels.r);
  const fs = toFive(f, levels.f);
  const ms = toFive(m, levels.m);
  // Flattened once so the loop is one typed-array read per customer.
  const cells: RfmSegment[] = [];
  for (let fm = 1; fm <= 5; fm++) for (let rr = 1; rr <= 5; rr++) cells.push(grid[fm - 1]![rr - 1]!);
  const out = new Array<RfmSegment>(n);
  for (let i = 0; i < n; i++) {
    const ri = rs[i]!;
    const fi = fs[i]!;
    const mi = ms[i]!;
    out[i] = ri && fi && mi ? cells[(((fi + mi) >> 1) - 1) * 5 + ri - 1]! : "no_purchase";
  }
  return out;
}

function toFive(scores: Uint8Array, levels: number): Uint8Array {
  if (levels === 5) return scores;
  return scores.map((s) => (s > 1 ? Math.ceil((5 * s) / levels) : s));
}

function checkGrid(grid: readonly (readonly RfmSegment[])[]): void {
  if (grid.length !== 5 || grid.some((row) => row.length !== 5)) {
    throw invalidOption("grid", `${grid.length} rows`, "5 rows of 5 segments");
  }
}

export interface Rfm8Options {
  /** The reference each of R, F, M is compared with. Default "mean" (the textbook convention). */
  readonly center?: "mean" | "median";
  /**
   * Compare the raw values (days, orders, revenue) or the 1..5 scores. Default "values". Scores
   * are less sensitive to a few very large customers pulling the mean of revenue up.
   */
  readonly basis?: "values" | "scores";
  /** Needed with `basis: "scores"`; computed with default quintiles when absent. */
  readonly scores?: RfmScores;
}

/** The 8 classes by (R high, F high, M high); index = R·4 + F·2 + M with 1 = high. */
const RFM8_BY_BITS: readonly Rfm8Class[] = [
  "general_retain", // R low,  F low,  M low
  "important_retain", // R low,  F low,  M high
  "general_maintain", // R low,  F high, M low
  "important_maintain", // R low,  F high, M high
  "general_develop", // R high, F low,  M low
  "important_develop", // R high, F low,  M high
  "general_value", // R high, F high, M low
  "important_value", // R high, F high, M high
];

/**
 * The Chinese 8-class convention: each of R, F and M is "high" or "low" against the buyers'
 * mean (or median), and the three answers name the class.
 *
 * | R    | F    | M    | class                     |
 * |------|------|------|---------------------------|
 * | high | high | high | 重要价值客户 important value  |
 * | high | low  | high | 重要发展客户 important develop |
 * | low  | high | high | 重要保持客户 important maintain |
 * | low  | low  | high | 重要挽留客户 important retain  |
 * | high | high | low  | 一般价值客户 general value     |
 * | high | low  | low  | 一般发展客户 general develop   |
 * | low  | high | low  | 一般保持客户 general maintain  |
 * | low  | low  | low  | 一般挽留客户 general retain    |
 *
 * "High" is strictly better than the center: R high = fewer days since the last purchase than
 * the center, F and M high = more than the center. A value equal to the center is "low", so with
 * the median on a column where half the buyers share one value the classes stay stable.
 * Customers without a purchase are "no_purchase" and are left out of the centers.
 *
 * A single-order customer is never F high, so never 重要价值 / 重要保持 (important value /
 * maintain) nor 一般价值 / 一般保持: every buyer has at least one order (F score at least 1), so the
 * center is at least theirs and "strictly more than the center" cannot hold.
 */
export function rfm8Classes(input: RfmInput, options: Rfm8Options = {}): Rfm8Class[] {
  const n = customerCount({ ...input });
  const center = options.center ?? "mean";
  const basis = options.basis ?? "values";
  if (center !== "mean" && center !== "median") throw invalidOption("center", center, "mean | median");
  if (basis !== "values" && basis !== "scores") throw invalidOption("basis", basis, "values | scores");
  let r: Column = input.recencyDays;
  let f: Column = input.frequency;
  let m: Column = input.monetary;
  let buyer: Uint8Array;
  let recencyHighIsLow = true;
  if (basis === "scores") {
    const scores = options.scores ?? rfmScores(input);
    customerCount({ recencyDays: input.recencyDays, scores: scores.r });
    ({ r, f, m, buyer } = scores);
    recencyHighIsLow = false;
  } else {
    buyer = buyers(input, n);
  }
  const chosen = indicesOf(buyer);
  const centerOf = (values: Column): number =>
    center === "mean" ? meanOf(values, chosen) : medianOf(values, chosen);
  const cr = centerOf(r);
  const cf = centerOf(f);
  const cm = centerOf(m);
  const out = new Array<Rfm8Class>(n);
  for (let i = 0; i < n; i++) {
    if (!buyer[i]) {
      out[i] = "no_purchase";
      continue;
    }
    const rHigh = recencyHighIsLow ? r[i]! < cr : r[i]! > cr;
    out[i] = RFM8_BY_BITS[(rHigh ? 4 : 0) + (f[i]! > cf ? 2 : 0) + (m[i]! > cm ? 1 : 0)]!;
  }
  return out;
}

export type RfmScheme = "segments11" | "classes8";

export interface RfmClassifyOptions extends RfmScoreOptions, RfmSegmentOptions {
  /** Which naming scheme to use. Default "segments11". */
  readonly scheme?: RfmScheme;
  /** For "classes8": see `Rfm8Options`. */
  readonly center?: Rfm8Options["center"];
  readonly basis?: Rfm8Options["basis"];
}

/** Scores and names every customer with the chosen scheme, in one call. */
export function rfmClassify(
  input: RfmInput,
  options: RfmClassifyOptions = {},
): { scores: RfmScores; codes: (RfmSegment | Rfm8Class)[] } {
  const scheme = options.scheme ?? "segments11";
  const scores = rfmScores(input, options);
  if (scheme === "segments11") return { scores, codes: rfmSegments(scores, options) };
  if (scheme === "classes8") {
    return { scores, codes: rfm8Classes(input, { center: options.center, basis: options.basis, scores }) };
  }
  throw invalidOption("scheme", scheme, "segments11 | classes8");
}
