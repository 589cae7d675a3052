/**
 * Churn: who is slipping away (risk and warning levels), how many leave per period, how cohorts
 * keep buying, and what sets the leavers apart from the others.
 */
import { type BehaviourStatus, CHURN_REASONS, type ChurnReason, type WarningLevel } from "./codes.ts";
import { checkRange, customerCount, invalidOption } from "./errors.ts";
import { isLowSatisfaction } from "./satisfaction.ts";
import type { ChurnFactorInput, ChurnPeriodInput, ChurnRiskInput, CohortInput, Column } from "./types.ts";

export interface ChurnRiskOptions {
  /** Weight of 1 − P(alive) against the rhythm part when P(alive) is known. Default 0.6. */
  readonly pAliveWeight?: number;
  /** Purchase cycles that may pass without any risk. Default 1 (on rhythm). */
  readonly graceCycles?: number;
  /** Purchase cycles after which the rhythm part is certain churn. Default 4. */
  readonly lostCycles?: number;
  /** The cycle assumed for customers without a rhythm (fewer than two purchases). Default 90 days. */
  readonly defaultCycleDays?: number;
}

/**
 * Churn risk 0..1 per customer.
 *
 * The rhythm part measures lateness against the customer's own habit: the cycles overdue are
 * days since the last purchase ÷ mean days between purchases (÷ `defaultCycleDays`, 90, for a
 * customer with one purchase). Up to `graceCycles` (1) there is no risk, at `lostCycles` (4) the
 * part is 1, linear between: a customer who buys every 30 days is at 0 after 30 days, 0.33 after
 * 60, 1 after 120; one who buys yearly is still at 0 after 300 days.
 *
 * risk = 0.6 × (1 − P(alive)) + 0.4 × rhythm part, or the rhythm part alone when P(alive) is
 * unknown. For a fixed P(alive) and rhythm the risk never decreases as days pass. Customers who
 * never bought have no risk to speak of: `NaN`.
 */
export function churnRisk(input: ChurnRiskInput, options: ChurnRiskOptions = {}): Float64Array {
  const n = customerCount({ ...input });
  const weight = options.pAliveWeight ?? 0.6;
  const grace = options.graceCycles ?? 1;
  const lost = options.lostCycles ?? 4;
  const defaultCycle = options.defaultCycleDays ?? 90;
  checkRange("pAliveWeight", weight, 0, 1);
  checkRange("graceCycles", grace, 0, Infinity);
  checkRange("lostCycles", lost, grace + Number.EPSILON, Infinity);
  checkRange("defaultCycleDays", defaultCycle, Number.MIN_VALUE, Infinity);
  const { frequency, recencyDays, meanInterPurchaseDays: ipt, pAlive } = input;
  const out = new Float64Array(n);
  const span = lost - grace;
  for (let i = 0; i < n; i++) {
    const recency = recencyDays[i]!;
    if (!(frequency[i]! > 0) || Number.isNaN(recency)) {
      out[i] = Number.NaN;
      continue;
    }
    const rhythm = ipt === undefined ? Number.NaN : ipt[i]!;
    const cycle = rhythm > 0 ? rhythm : defaultCycle;
    const late = (Math.max(0, recency) / cycle - grace) / span;
    const rhythmRisk = Math.min(1, Math.max(0, late));
    const alive = pAlive === undefined ? Number.NaN : pAlive[i]!;
    out[i] = alive >= 0 && alive <= 1 ? weight * (1 - alive) + (1 - weight) * rhythmRisk : rhythmRisk;
  }
  return out;
}

export interface WarningThresholds {
  /** Default 0.4. */
  readonly watch?: number;
  /** Default 0.6. */
  readonly warning?: number;
  /** Default 0.8. */
  readonly critical?: number;
}

/**
 * Warning level per customer from the churn risk: risk ≥ 0.8 critical, ≥ 0.6 warning, ≥ 0.4
 * watch, otherwise (and for an unknown risk) none.
 */
export function warningLevels(risk: Column, thresholds: WarningThresholds = {}): WarningLevel[] {
  const watch = thresholds.watch ?? 0.4;
  const warning = thresholds.warning ?? 0.6;
  const critical = thresholds.critical ?? 0.8;
  checkRange("watch", watch, 0, warning);
  checkRange("warning", warning, watch, critical);
  checkRange("critical", critical, warning, 1);
  const n = risk.length;
  const out = new Array<WarningLevel>(n);
  for (let i = 0; i < n; i++) {
    const r = risk[i]!;
    out[i] = r >= critical ? "critical" : r >= warning ? "warning" : r >= watch ? "watch" : "none";
  }
  return out;
}

/** The month number (year × 12 + month − 1, UTC) of a day number counted from 1970-01-01, for period columns. */
export function monthOfDay(dayNumber: number): number {
  const date = new Date(dayNumber * 86_400_000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export interface ChurnRateOptions {
  /** Periods without a purchase after which a customer counts as churned. Default 3 (a quarter, for months). */
  readonly inactivePeriods?: number;
}

export interface ChurnRateRow {
  readonly period: number;
  /** Customers at the start of the period: bought before it and not churned before it. */
  readonly customers: number;
  /** Customers who churned in the period. */
  readonly churned: number;
  /** churned ÷ customers; `NaN` with no customers. */
  readonly rate: number;
  /**
   * False for the last `inactivePeriods` periods: customers whose last purchase is that recent
   * cannot be called churned yet, so the rate there is a lower bound.
   */
  readonly complete: boolean;
}

/**
 * Churn rate per period. A customer is churned when more than `inactivePeriods` (3) periods have
 * passed between their last purchase and the as-of period, and counts as churned in the period
 * right after the last purchase (that is when they stopped). The base of a period is every
 * customer who first bought before it and had not churned before it, so each customer is in the
 * base from the period after their first purchase up to the period they churn in.
 *
 * Example, months, as of month 10, N = 3: a customer buying in months 2..4 churns in month 5
 * (10 − 4 > 3); one whose last purchase is month 8 is not churned yet. Rows run from the period
 * after the earliest first purchase up to the as-of period.
 */
export function churnRates(input: ChurnPeriodInput, options: ChurnRateOptions = {}): ChurnRateRow[] {
  const n = customerCount({ firstPeriod: input.firstPeriod, lastPeriod: input.lastPeriod });
  const inactive = options.inactivePeriods ?? 3;
  const asOf = input.asOfPeriod;
  if (!Number.isInteger(inactive) || inactive < 0)
    throw invalidOption("inactivePeriods", inactive, "a whole number ≥ 0");
  if (!Number.isInteger(asOf)) throw invalidOption("asOfPeriod", asOf, "a whole period number");
  let start = Infinity;
  for (let i = 0; i < n; i++) {
    const first = input.firstPeriod[i]!;
    if (Number.isNaN(first) || first > asOf) continue;
    if (!Number.isInteger(first)) throw invalidOption("firstPeriod", first, "whole period numbers");
    if (first < start) start = first;
  }
  if (start === Infinity) return [];
  // Index t stands for period start + t.
  const size = asOf - start + 1;
  const firsts = new Float64Array(size);
  const churns = new Float64Array(size + 1);
  for (let i = 0; i < n; i++) {
    const first = input.firstPeriod[i]!;
    const last = input.lastPeriod[i]!;
    if (Number.isNaN(first) || first > asOf) continue;
    firsts[first - start]!++;
    if (!Number.isInteger(last) || last < first)
      throw invalidOption("lastPeriod", last, "a whole period ≥ firstPeriod");
    if (asOf - last > inactive) churns[last + 1 - start]!++;
  }
  const rows: ChurnRateRow[] = [];
  let entered = 0;
  let left = 0;
  for (let t = 1; t < size; t++) {
    entered += firsts[t - 1]!;
    left += churns[t - 1]!;
    const customers = entered - left;
    const churned = churns[t]!;
    const period = start + t;
    rows.push({
      period,
      customers,
      churned,
      rate: customers > 0 ? churned / customers : Number.NaN,
      complete: period <= asOf - inactive,
    });
  }
  return rows;
}

export interface CohortOptions {
  /** Most periods since the first purchase to show. Default: all up to the as-of period. */
  readonly maxAge?: number;
}

export interface CohortTable {
  /** Cohort periods, every period from the earliest first purchase to the as-of period. */
  readonly cohorts: number[];
  /** Customers in each cohort. */
  readonly sizes: number[];
  /** `active[c][a]`: customers of cohort c who bought in period cohort + a. Rows shorten towards the as-of period. */
  readonly active: number[][];
  /** `active[c][a] ÷ sizes[c]`; `NaN` for an empty cohort. */
  readonly retention: number[][];
}

/** Customers of one cohort active in one period, counted already (e.g. by the database). */
export interface CohortCount {
  readonly cohort: number;
  readonly period: number;
  readonly customers: number;
}

/**
 * The cohort retention table from counts aggregated elsewhere (SQL counts distinct customers per
 * cohort and period far faster than shipping every (customer, period) pair): `sizes` gives each
 * cohort's customers, `counts` the customers of a cohort who bought in a period. Same table and
 * rules as {@link cohortRetention}; periods outside the table are ignored.
 */
export function cohortRetentionFromCounts(
  input: {
    readonly asOfPeriod: number;
    readonly sizes: ReadonlyMap<number, number>;
    readonly counts: readonly CohortCount[];
  },
  options: CohortOptions = {},
): CohortTable {
  const asOf = input.asOfPeriod;
  const maxAge = options.maxAge ?? Infinity;
  if (!Number.isInteger(asOf)) throw invalidOption("asOfPeriod", asOf, "a whole period number");
  checkRange("maxAge", maxAge, 0, Infinity);
  const known = [...input.sizes.keys()].filter((cohort) => cohort <= asOf);
  if (known.length === 0) return { cohorts: [], sizes: [], active: [], retention: [] };
  const start = Math.min(...known);
  const count = asOf - start + 1;
  const cohorts = Array.from({ length: count }, (_, row) => start + row);
  const sizes = cohorts.map((cohort) => input.sizes.get(cohort) ?? 0);
  const active = sizes.map((_, row) => new Array<number>(Math.min(count - row, maxAge + 1)).fill(0));
  for (const { cohort, period, customers } of input.counts) {
    const row = active[cohort - start];
    const age = period - cohort;
    if (row && age >= 0 && age < row.length) row[age]! += customers;
  }
  const retention = active.map((row, r) => row.map((a) => (sizes[r]! > 0 ? a / sizes[r]! : Number.NaN)));
  return { cohorts, sizes, active, retention };
}

/**
 * Cohort retention: customers grouped by the period of their first purchase; for each cohort and
 * each number of periods since, the share of the cohort who bought in that period. Age 0 is the
 * first purchase itself, so it is 100 % when the activity is complete. Repeated (customer,
 * period) pairs count once; activity before a customer's cohort, after the as-of period or in a
 * period that is not a whole number is ignored.
 */
export function cohortRetention(input: CohortInput, options: CohortOptions = {}): CohortTable {
  const n = input.cohort.length;
  const pairs = customerCount({
    activityCustomer: input.activityCustomer,
    activityPeriod: input.activityPeriod,
  });
  const asOf = input.asOfPeriod;
  const maxAge = options.maxAge ?? Infinity;
  if (!Number.isInteger(asOf)) throw invalidOption("asOfPeriod", asOf, "a whole period number");
  checkRange("maxAge", maxAge, 0, Infinity);
  let start = Infinity;
  for (let i = 0; i < n; i++) {
    const c = input.cohort[i]!;
    if (Number.isNaN(c)) continue;
    if (!Number.isInteger(c)) throw invalidOption("cohort", c, "whole period numbers");
    if (c <= asOf && c < start) start = c;
  }
  if (start === Infinity) return { cohorts: [], sizes: [], active: [], retention: [] };
  const count = asOf - start + 1;
  const sizes = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i++) {
    const c = input.cohort[i]!;
    if (c <= asOf) sizes[c - start]!++;
  }
  const active = sizes.map((_, row) => new Array<number>(Math.min(count - row, maxAge + 1)).fill(0));
  // Group the pairs by customer (counting sort) so that duplicates can be dropped with a stamp per age.
  const offsets = new Uint32Array(n + 1);
  for (let k = 0; k < pairs; k++) {
    const customer = input.activityCustomer[k]!;
    if (!(Number.isInteger(customer) && customer >= 0 && customer < n))
      throw invalidOption("activityCustomer", customer, `0 … ${n - 1}`);
    offsets[customer + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const periods = new Float64Array(pairs);
  for (let k = 0; k < pairs; k++) periods[fill[input.activityCustomer[k]!]!++] = input.activityPeriod[k]!;
  const stamp = new Int32Array(count).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = input.cohort[i]!;
    if (!(c <= asOf)) continue;
    const row = active[c - start]!;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const age = periods[k]! - c;
      if (Number.isInteger(age) && age >= 0 && age < row.length && stamp[age] !== i) {
        stamp[age] = i;
        row[age]!++;
      }
    }
  }
  const cohorts = sizes.map((_, row) => start + row);
  const retention = active.map((row, r) => row.map((a) => (sizes[r]! > 0 ? a / sizes[r]! : Number.NaN)));
  return { cohorts, sizes, active, retention };
}

export interface ChurnReasonOptions {
  /** Complaints that make the complaint factor present. Default 1. */
  readonly minComplaints?: number;
  /** Days past due that count as payment trouble. Default: more than 30. */
  readonly paymentDaysPastDue?: number;
  /** Drop of the mean order value (recent vs prior) that counts as falling. Default 0.2 (−20 %). */
  readonly orderValueDrop?: number;
  /** Lost categories that make the factor present. Default 1. */
  readonly minLostCategories?: number;
  /**
   * A factor is a reason only when its share among churned / at-risk customers is more than this
   * many times its share among the others. Default 1: more common among the leavers at all.
   */
  readonly minLift?: number;
}

export interface ChurnFactorSummary {
  readonly reason: ChurnReason;
  /** Churned / at-risk customers with the factor. */
  readonly atRisk: number;
  /** Other customers with the factor. */
  readonly retained: number;
  /** Share of churned / at-risk customers with the factor. */
  readonly atRiskShare: number;
  /** Share of the other customers with the factor. */
  readonly retainedShare: number;
  /** atRiskShare ÷ retainedShare; Infinity when no retained customer has it, `NaN` when nobody has it. */
  readonly lift: number;
  /** Whether the lift passes `minLift`, so the factor is given as a reason. */
  readonly isReason: boolean;
}

export interface ChurnReasonResult {
  /** One entry per factor whose column was given, strongest (highest lift) first. */
  readonly factors: ChurnFactorSummary[];
  /**
   * Per customer, the reasons that apply, strongest first; empty for customers not at risk and
   * for at-risk customers none of the reasons applies to. Lists are shared between customers
   * with the same reasons: do not modify them.
   */
  readonly reasons: readonly (readonly ChurnReason[])[];
}

/**
 * Why customers leave: compares churned and at-risk customers (`atRisk[i]` truthy) with the
 * others on six factors, each present or not per customer —
 *
 * - complaints: at least `minComplaints` (1) complaints;
 * - detractor: the latest NPS answer is 0..6;
 * - payment_trouble: an invoice more than `paymentDaysPastDue` (30) days late;
 * - falling_order_value: mean order value in the recent window more than `orderValueDrop`
 *   (20 %) below the window before;
 * - lost_categories: stopped buying at least `minLostCategories` (1) categories;
 * - low_satisfaction: the latest satisfaction score is 1–2 on the 1–5 scale
 *   (`LOW_SATISFACTION_MAX`): a survey that asks only for satisfaction (CSAT, no NPS) still says
 *   who is unhappy.
 *
 * For each factor: its share among the at-risk, among the rest, and the lift (ratio). A factor
 * more common among the at-risk than the rest (lift > `minLift`) is a reason, and each at-risk
 * customer gets the reasons that apply to them, ordered by lift. Factors whose column is absent
 * are left out.
 */
export function churnReasons(
  input: ChurnFactorInput,
  atRisk: ArrayLike<number | boolean>,
  options: ChurnReasonOptions = {},
): ChurnReasonResult {
  const n = customerCount({ ...input, atRisk: { length: atRisk.length } });
  const minComplaints = options.minComplaints ?? 1;
  const paymentDays = options.paymentDaysPastDue ?? 30;
  const drop = options.orderValueDrop ?? 0.2;
  const minLost = options.minLostCategories ?? 1;
  const minLift = options.minLift ?? 1;
  checkRange("orderValueDrop", drop, 0, 1);
  checkRange("minLift", minLift, 0, Infinity);
  // One bit per factor in a per-customer mask; each factor is one tight loop over its columns.
  const masks = new Uint8Array(n);
  const present: ChurnReason[] = [];
  const factorBit = (reason: ChurnReason): number => 1 << (present.push(reason) - 1);
  // Written out per factor rather than through a callback: one shared call site would not inline.
  const {
    complaints,
    latestNps,
    maxDaysPastDue,
    orderValueRecent,
    orderValuePrior,
    categoriesLost,
    latestSatisfaction,
  } = input;
  if (complaints) {
    const bit = factorBit("complaints");
    for (let i = 0; i < n; i++) if (complaints[i]! >= minComplaints) masks[i]! |= bit;
  }
  if (latestNps) {
    const bit = factorBit("detractor");
    for (let i = 0; i < n; i++) if (latestNps[i]! >= 0 && latestNps[i]! <= 6) masks[i]! |= bit;
  }
  if (maxDaysPastDue) {
    const bit = factorBit("payment_trouble");
    for (let i = 0; i < n; i++) if (maxDaysPastDue[i]! > paymentDays) masks[i]! |= bit;
  }
  if (orderValueRecent && orderValuePrior) {
    const bit = factorBit("falling_order_value");
    for (let i = 0; i < n; i++) {
      const prior = orderValuePrior[i]!;
      if (prior > 0 && orderValueRecent[i]! < prior * (1 - drop)) masks[i]! |= bit;
    }
  }
  if (categoriesLost) {
    const bit = factorBit("lost_categories");
    for (let i = 0; i < n; i++) if (categoriesLost[i]! >= minLost) masks[i]! |= bit;
  }
  if (latestSatisfaction) {
    const bit = factorBit("low_satisfaction");
    for (let i = 0; i < n; i++) if (isLowSatisfaction(latestSatisfaction[i]!)) masks[i]! |= bit;
  }
  // Customers counted per mask (at most 64 patterns of six factors), then per factor.
  const byMask = new Float64Array(2 * PATTERNS);
  for (let i = 0; i < n; i++) byMask[(masks[i]! << 1) | (atRisk[i] ? 1 : 0)]!++;
  const withRisk = new Float64Array(present.length);
  const without = new Float64Array(present.length);
  let riskCount = 0;
  for (let mask = 0; mask < PATTERNS; mask++) {
    riskCount += byMask[(mask << 1) | 1]!;
    for (let b = 0; b < present.length; b++) {
      if (!(mask & (1 << b))) continue;
      withRisk[b]! += byMask[(mask << 1) | 1]!;
      without[b]! += byMask[mask << 1]!;
    }
  }
  const retainedCount = n - riskCount;
  const factors: (ChurnFactorSummary & { bit: number })[] = present.map((reason, b) => {
    const atRiskShare = riskCount ? withRisk[b]! / riskCount : Number.NaN;
    const retainedShare = retainedCount ? without[b]! / retainedCount : Number.NaN;
    const lift =
      retainedShare > 0
        ? atRiskShare / retainedShare
        : atRiskShare > 0
          ? Number.POSITIVE_INFINITY
          : Number.NaN;
    return {
      reason,
      atRisk: withRisk[b]!,
      retained: without[b]!,
      atRiskShare,
      retainedShare,
      lift,
      isReason: lift > minLift,
      bit: b,
    };
  });
  // Stable sort keeps the CHURN_REASONS order between equal lifts; NaN lifts go last.
  factors.sort((x, y) => rankLift(y.lift) - rankLift(x.lift));
  const lists = new Array<readonly ChurnReason[] | undefined>(PATTERNS);
  const none: readonly ChurnReason[] = Object.freeze([]);
  const reasons = new Array<readonly ChurnReason[]>(n);
  for (let i = 0; i < n; i++) {
    const mask = masks[i]!;
    if (!atRisk[i] || mask === 0) {
      reasons[i] = none;
      continue;
    }
    let list = lists[mask];
    if (!list) {
      list = Object.freeze(factors.filter((f) => f.isReason && mask & (1 << f.bit)).map((f) => f.reason));
      lists[mask] = list;
    }
    reasons[i] = list;
  }
  return { factors: factors.map(({ bit: _bit, ...summary }) => summary), reasons };
}

/** The factor masks there can be: one bit per churn reason. */
const PATTERNS = 1 << CHURN_REASONS.length;

function rankLift(lift: number): number {
  return Number.isNaN(lift) ? -1 : lift;
}

/**
 * The customers to explain: churned ones (behaviour status "churned") and those whose warning
 * level is at least `minLevel` (default "warning"), as 0/1 flags for `churnReasons`.
 */
export function atRiskFlags(
  levels: readonly WarningLevel[],
  statuses?: readonly BehaviourStatus[],
  minLevel: WarningLevel = "warning",
): Uint8Array {
  const order: Record<WarningLevel, number> = { none: 0, watch: 1, warning: 2, critical: 3 };
  const threshold = order[minLevel];
  const out = new Uint8Array(levels.length);
  for (let i = 0; i < levels.length; i++) {
    out[i] = order[levels[i]!] >= threshold || statuses?.[i] === "churned" ? 1 : 0;
  }
  return out;
}
