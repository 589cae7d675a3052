/**
 * Satisfaction and loyalty: Net Promoter Score, the customer satisfaction index (CSI) and a
 * per-customer loyalty index.
 */

import type { NpsCategory } from "./codes.ts";
import { checkRange, customerCount, invalidOption } from "./errors.ts";
import { positiveOrZero } from "./ranking.ts";
import type { Column, LoyaltyInput, SatisfactionAnswers } from "./types.ts";

/**
 * Satisfaction scores (CSAT, 1..5) of this much or less are low: 1 "very dissatisfied" and
 * 2 "dissatisfied" on the usual five-point scale, the CSAT counterpart of an NPS detractor. A
 * low score is a churn factor and calls for the same follow-up as a detractor.
 */
export const LOW_SATISFACTION_MAX = 2;

/** Whether a satisfaction score (1..5) is low; unknown (`NaN`) and out-of-scale scores are not. */
export function isLowSatisfaction(score: number): boolean {
  return score >= 1 && score <= LOW_SATISFACTION_MAX;
}

/**
 * The NPS category of one 0..10 answer: 9–10 promoter, 7–8 passive, 0–6 detractor (Reichheld's
 * bands). Anything that is not a number from 0 to 10 is no NPS answer: `csat_only` when the same
 * survey has a satisfaction score (1..5), else `unanswered`.
 */
export function npsCategoryOf(answer: number, satisfaction = Number.NaN): NpsCategory {
  if (!(answer >= 0 && answer <= 10))
    return satisfaction >= 1 && satisfaction <= 5 ? "csat_only" : "unanswered";
  return answer >= 9 ? "promoter" : answer >= 7 ? "passive" : "detractor";
}

/**
 * The category of every customer's latest answer; with `latestSatisfaction` (the same survey's
 * 1..5 score), customers who gave a score but no NPS answer are `csat_only`, not `unanswered`.
 */
export function npsCategories(latestAnswers: Column, latestSatisfaction?: Column): NpsCategory[] {
  const n = latestAnswers.length;
  if (latestSatisfaction) customerCount({ latestAnswers, latestSatisfaction });
  const out = new Array<NpsCategory>(n);
  for (let i = 0; i < n; i++) {
    out[i] = npsCategoryOf(latestAnswers[i]!, latestSatisfaction ? latestSatisfaction[i]! : Number.NaN);
  }
  return out;
}

export interface NpsSummary {
  /** Valid answers counted. */
  readonly responses: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** % promoters − % detractors, −100..100; `NaN` without answers. */
  readonly nps: number;
}

/** NPS over all answers (each entry one answer; invalid entries are skipped). */
export function npsSummary(answers: Column): NpsSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i]!;
    if (!(a >= 0 && a <= 10)) continue;
    if (a >= 9) promoters++;
    else if (a >= 7) passives++;
    else detractors++;
  }
  return summarize(promoters, passives, detractors);
}

function summarize(promoters: number, passives: number, detractors: number): NpsSummary {
  const responses = promoters + passives + detractors;
  return {
    responses,
    promoters,
    passives,
    detractors,
    nps: responses ? (100 * (promoters - detractors)) / responses : Number.NaN,
  };
}

/**
 * NPS per segment: `groups[i]` is the segment of answer i (an RFM segment code, a region, an
 * owner id …). Segments are reported in order of first appearance.
 */
export function npsByGroup<K>(answers: Column, groups: ArrayLike<K>): Map<K, NpsSummary> {
  customerCount({ answers, groups: { length: groups.length } });
  const counts = new Map<K, [number, number, number]>();
  for (let i = 0; i < answers.length; i++) {
    const key = groups[i] as K;
    let c = counts.get(key);
    if (!c) {
      c = [0, 0, 0];
      counts.set(key, c);
    }
    const a = answers[i]!;
    if (!(a >= 0 && a <= 10)) continue;
    c[a >= 9 ? 0 : a >= 7 ? 1 : 2]++;
  }
  const out = new Map<K, NpsSummary>();
  for (const [key, [p, q, d]] of counts) out.set(key, summarize(p, q, d));
  return out;
}

export interface CsiOptions {
  /** Number of items; default: one more than the largest item index seen. */
  readonly itemCount?: number;
  /** Importance of each item; default equal. Only the proportions matter. */
  readonly weights?: readonly number[];
}

export interface CsiItem {
  readonly item: number;
  readonly responses: number;
  /** Mean answer, 1..5; `NaN` without answers. */
  readonly mean: number;
  /** (mean − 1) / 4 × 100: 0 when everyone answers 1, 100 when everyone answers 5. */
  readonly index: number;
}

export interface CsiResult {
  /** Importance-weighted mean of the item indices, over the items that have answers; 0..100. */
  readonly overall: number;
  readonly items: CsiItem[];
}

/**
 * Customer satisfaction index. Each item's mean answer on the 1..5 scale is mapped linearly to
 * 0..100, and the overall index is the importance-weighted mean of the item indices. Items no
 * one answered are left out of the overall index (their weight is shared by the others), and
 * answers outside 1..5 are skipped.
 */
export function csi(answers: SatisfactionAnswers, options: CsiOptions = {}): CsiResult {
  const m = customerCount({ item: answers.item, score: answers.score });
  let itemCount = options.itemCount ?? 0;
  if (options.itemCount === undefined) {
    for (let k = 0; k < m; k++) if (answers.item[k]! + 1 > itemCount) itemCount = answers.item[k]! + 1;
  }
  if (!Number.isInteger(itemCount) || itemCount < 0)
    throw invalidOption("itemCount", itemCount, "a whole number ≥ 0");
  const weights = options.weights ?? new Array<number>(itemCount).fill(1);
  if (weights.length !== itemCount) throw invalidOption("weights", weights.length, `${itemCount} weights`);
  for (const [k, w] of weights.entries()) checkRange(`weights[${k}]`, w, 0, Infinity);
  const sums = new Float64Array(itemCount);
  const counts = new Float64Array(itemCount);
  for (let k = 0; k < m; k++) {
    const item = answers.item[k]!;
    const s = answers.score[k]!;
    if (!(s >= 1 && s <= 5) || !(item >= 0 && item < itemCount)) continue;
    sums[item]! += s;
    counts[item]!++;
  }
  const items: CsiItem[] = [];
  let weighted = 0;
  let weightSum = 0;
  for (let item = 0; item < itemCount; item++) {
    const responses = counts[item]!;
    const mean = responses ? sums[item]! / responses : Number.NaN;
    const index = ((mean - 1) / 4) * 100;
    items.push({ item, responses, mean, index });
    if (responses) {
      weighted += weights[item]! * index;
      weightSum += weights[item]!;
    }
  }
  return { overall: weightSum > 0 ? weighted / weightSum : Number.NaN, items };
}

export interface LoyaltyOptions {
  /** Repeat purchases (purchases after the first) that count as fully loyal. Default 5. */
  readonly repeatTarget?: number;
  /** Tenure in days that counts as fully loyal. Default 1095 (three years). */
  readonly tenureTargetDays?: number;
  /** Weights of repeat, tenure, NPS and P(alive). Default 0.3 / 0.2 / 0.25 / 0.25. */
  readonly weights?: {
    readonly repeat: number;
    readonly tenure: number;
    readonly nps: number;
    readonly pAlive: number;
  };
}

/**
 * Loyalty index 0..100 per customer, a weighted mean of four parts, each 0..1:
 *
 * - repeat: repeat purchases (frequency − 1) ÷ 5, capped at 1 — whether they come back;
 * - tenure: days since the first purchase ÷ 1095, capped at 1 — how long they have stayed;
 * - NPS: the latest answer ÷ 10 — whether they would recommend us;
 * - P(alive): whether they are still buying at all.
 *
 * Weights 0.3 / 0.2 / 0.25 / 0.25. A part that is unknown for a customer (never answered, no
 * model) is left out and the others are reweighted, so silence is neither punished nor
 * rewarded. Customers who never bought score 0.
 */
export function loyaltyIndex(input: LoyaltyInput, options: LoyaltyOptions = {}): Float64Array {
  const n = customerCount({ ...input });
  const repeatTarget = options.repeatTarget ?? 5;
  const tenureTarget = options.tenureTargetDays ?? 1095;
  const w = options.weights ?? { repeat: 0.3, tenure: 0.2, nps: 0.25, pAlive: 0.25 };
  checkRange("repeatTarget", repeatTarget, Number.MIN_VALUE, Infinity);
  checkRange("tenureTargetDays", tenureTarget, Number.MIN_VALUE, Infinity);
  for (const [name, weight] of Object.entries(w)) checkRange(`weights.${name}`, weight, 0, Infinity);
  const { frequency, tenureDays, latestNps, pAlive } = input;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = frequency[i]!;
    if (!(f > 0)) continue;
    const tenure = positiveOrZero(tenureDays[i]!);
    let sum = w.repeat * Math.min((f - 1) / repeatTarget, 1) + w.tenure * Math.min(tenure / tenureTarget, 1);
    let weightSum = w.repeat + w.tenure;
    const nps = latestNps === undefined ? Number.NaN : latestNps[i]!;
    if (nps >= 0 && nps <= 10) {
      sum += (w.nps * nps) / 10;
      weightSum += w.nps;
    }
    const alive = pAlive === undefined ? Number.NaN : pAlive[i]!;
    if (alive >= 0 && alive <= 1) {
      sum += w.pAlive * alive;
      weightSum += w.pAlive;
    }
    out[i] = weightSum > 0 ? (100 * sum) / weightSum : 0;
  }
  return out;
}
