/**
 * Pareto (ABC) classes and revenue concentration: how much of the business rests on how few
 * customers. One sort of the revenues serves the classes, the Lorenz curve and every index.
 */
import type { AbcClass } from "./codes.ts";
import { checkRange, customerCount, invalidOption } from "./errors.ts";
import { positiveOrZero, sortColumn, sortOrder } from "./ranking.ts";
import type { Column, RevenueInput } from "./types.ts";

export interface AbcOptions {
  /** Share of total revenue the A class reaches. Default 0.7. */
  readonly aShare?: number;
  /** Share of total revenue the B class adds on top of A (A + B reach 0.9 by default). Default 0.2. */
  readonly bShare?: number;
}

export interface ConcentrationOptions {
  /** The "top" fraction of customers whose revenue share is reported. Default 0.2 (top 20 %). */
  readonly topFraction?: number;
  /** Most points of the Lorenz curve, including both ends; at least 2. Default 101 (every percent). */
  readonly lorenzPoints?: number;
}

/** How revenue is spread over customers. Indices are `NaN` when no customer has revenue. */
export interface Concentration {
  readonly customers: number;
  readonly totalRevenue: number;
  /**
   * Gini coefficient, 0 when all customers bring the same revenue, (n − 1) / n when one brings
   * all of it: the area between the Lorenz curve and the diagonal, doubled.
   */
  readonly gini: number;
  readonly topFraction: number;
  /** Revenue share of the top `topFraction` of customers (interpolated when it is not a whole number of customers). */
  readonly topShare: number;
  /**
   * Herfindahl-Hirschman index on revenue shares, Σ sᵢ² with sᵢ = revenueᵢ / total: 1 / n when
   * revenue is spread evenly over n customers, 1 when one customer has all of it.
   */
  readonly hhi: number;
  /**
   * The same on the antitrust scale, shares in percent (Σ (100·sᵢ)², 0..10000): above 2500 is
   * "highly concentrated" in the US merger guidelines' reading.
   */
  readonly hhi10000: number;
  /** 1 / HHI: the number of equal customers that would be as concentrated. */
  readonly equivalentCustomers: number;
  /**
   * The Lorenz curve, customers from smallest to largest: `population[k]` of the customers hold
   * `revenue[k]` of the revenue. Exact break points when there are few customers, otherwise
   * evenly spaced population shares (interpolated linearly, which is exact for the curve).
   */
  readonly lorenz: { readonly population: number[]; readonly revenue: number[] };
}

export interface AbcClassSummary {
  readonly customers: number;
  readonly revenue: number;
  readonly customerShare: number;
  readonly revenueShare: number;
}

export interface AbcResult {
  readonly classes: AbcClass[];
  readonly summary: Readonly<Record<AbcClass, AbcClassSummary>>;
  readonly concentration: Concentration;
}

/**
 * ABC classes by cumulative revenue share. Customers are ranked by revenue, largest first (equal
 * revenues by ascending id); A is the smallest group of top customers whose revenue reaches
 * `aShare` of the total (so A holds at least 70 % by default: the customer who crosses the line is
 * in A), B the next group that brings the running total to `aShare + bShare`, C the rest.
 *
 * With revenues 40, 30, 20, 10 the classes are A, A, B, C: A reaches exactly 70 %, B exactly
 * 90 %. Negative and unknown revenue count as 0; customers without revenue are always C, and if
 * nobody has revenue everybody is C.
 */
export function abcAnalysis(input: RevenueInput, options: AbcOptions & ConcentrationOptions = {}): AbcResult {
  const aShare = options.aShare ?? 0.7;
  const bShare = options.bShare ?? 0.2;
  checkRange("aShare", aShare, 0, 1);
  checkRange("bShare", bShare, 0, 1 - aShare);
  const { order, descending, total } = rankRevenue(input);
  const n = order.length;
  // Relative slack so that a running total that lands on the line up to rounding counts as reaching it.
  const slack = total * 1e-12;
  const aLine = aShare * total - slack;
  const bLine = (aShare + bShare) * total - slack;
  // Classes are contiguous in rank order: find where A and B end, then label and sum by range.
  let aEnd = 0;
  let bEnd = 0;
  let before = 0;
  for (let k = 0; k < n; k++) {
    const y = descending[k]!;
    if (!(y > 0)) break;
    if (before < aLine) aEnd = k + 1;
    if (before < bLine) bEnd = k + 1;
    else break;
    before += y;
  }
  const classes = new Array<AbcClass>(n);
  for (let k = 0; k < n; k++) classes[order[k]!] = k < aEnd ? "A" : k < bEnd ? "B" : "C";
  const ranges: Record<AbcClass, [number, number]> = { A: [0, aEnd], B: [aEnd, bEnd], C: [bEnd, n] };
  const summary = {} as Record<AbcClass, AbcClassSummary>;
  for (const cls of ["A", "B", "C"] as const) {
    const [from, to] = ranges[cls];
    let revenue = 0;
    for (let k = from; k < to; k++) revenue += descending[k]!;
    summary[cls] = {
      customers: to - from,
      revenue,
      customerShare: n ? (to - from) / n : Number.NaN,
      revenueShare: total > 0 ? revenue / total : Number.NaN,
    };
  }
  return { classes, summary, concentration: concentrationOf(descending, total, options) };
}

/** ABC class of every customer; see `abcAnalysis`. */
export function abcClasses(input: RevenueInput, options: AbcOptions = {}): AbcClass[] {
  return abcAnalysis(input, options).classes;
}

/** Gini, top share, HHI and the Lorenz curve of the revenues; see `Concentration`. */
export function concentration(input: RevenueInput, options: ConcentrationOptions = {}): Concentration {
  const { descending, total } = rankRevenue(input);
  return concentrationOf(descending, total, options);
}

interface RankedRevenue {
  /** Customers, largest revenue first, equal revenues by ascending id. */
  readonly order: Uint32Array;
  /** Their revenues (clamped to ≥ 0) in that order. */
  readonly descending: Float64Array;
  readonly total: number;
}

function rankRevenue(input: RevenueInput): RankedRevenue {
  const n = customerCount({ revenue: input.revenue, ids: input.ids });
  const negated = new Float64Array(n);
  for (let i = 0; i < n; i++) negated[i] = -positiveOrZero(input.revenue[i]!);
  let initial: Uint32Array | undefined;
  if (input.ids) {
    initial = sortOrder(input.ids);
    if (initial.length !== n) throw invalidOption("ids", "NaN", "a number for every customer");
  }
  const sorted = sortColumn(negated, initial);
  const descending = sorted.values;
  let total = 0;
  for (let k = 0; k < n; k++) {
    descending[k] = -descending[k]! + 0;
    total += descending[k]!;
  }
  return { order: sorted.order, descending, total };
}

function concentrationOf(
  descending: Float64Array,
  total: number,
  options: ConcentrationOptions,
): Concentration {
  const topFraction = options.topFraction ?? 0.2;
  const lorenzPoints = options.lorenzPoints ?? 101;
  checkRange("topFraction", topFraction, 0, 1);
  if (!Number.isInteger(lorenzPoints) || lorenzPoints < 2)
    throw invalidOption("lorenzPoints", lorenzPoints, "≥ 2");
  const n = descending.length;
  if (n === 0 || !(total > 0)) {
    return {
      customers: n,
      totalRevenue: total,
      gini: Number.NaN,
      topFraction,
      topShare: Number.NaN,
      hhi: Number.NaN,
      hhi10000: Number.NaN,
      equivalentCustomers: Number.NaN,
      lorenz: { population: [], revenue: [] },
    };
  }
  // Ascending position j (1-based) of the customer at descending position k is n − k.
  // Σ (2j − n − 1)·y / (n·Y) is the Gini without the cancellation of the textbook form.
  let weighted = 0;
  let squares = 0;
  for (let k = 0; k < n; k++) {
    const y = descending[k]!;
    weighted += (n - 2 * k - 1) * y;
    const s = y / total;
    squares += s * s;
  }
  const gini = Math.max(0, weighted / (n * total));
  return {
    customers: n,
    totalRevenue: total,
    gini,
    topFraction,
    topShare: Math.min(1, topRevenue(descending, topFraction * n) / total),
    hhi: squares,
    hhi10000: squares * 10_000,
    equivalentCustomers: 1 / squares,
    lorenz: lorenzCurve(descending, total, lorenzPoints),
  };
}

/** Revenue of the first `count` customers in descending order, a fractional last one pro rata. */
function topRevenue(descending: Float64Array, count: number): number {
  const whole = Math.floor(count);
  let sum = 0;
  for (let k = 0; k < whole; k++) sum += descending[k]!;
  if (whole < descending.length) sum += (count - whole) * descending[whole]!;
  return sum;
}

function lorenzCurve(descending: Float64Array, total: number, maxPoints: number): Concentration["lorenz"] {
  const n = descending.length;
  const segments = Math.min(n, maxPoints - 1);
  const population: number[] = [];
  const share: number[] = [];
  const ascending = (j: number) => descending[n - 1 - j]!;
  let cum = 0;
  let j = 0;
  for (let k = 0; k <= segments; k++) {
    const position = (k * n) / segments;
    const whole = Math.floor(position);
    while (j < whole) cum += ascending(j++);
    const partial = whole < n ? (position - whole) * ascending(whole) : 0;
    population.push(k / segments);
    share.push(k === segments ? 1 : (cum + partial) / total);
  }
  return { population, revenue: share };
}

/** Revenue shares of each customer (0 when nobody has revenue), e.g. for a per-customer HHI contribution. */
export function revenueShares(revenue: Column): Float64Array {
  const n = revenue.length;
  const out = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) if (revenue[i]! > 0) total += revenue[i]!;
  if (total > 0) for (let i = 0; i < n; i++) out[i] = revenue[i]! > 0 ? revenue[i]! / total : 0;
  return out;
}
