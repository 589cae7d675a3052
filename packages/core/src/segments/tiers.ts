/**
 * The three everyday classifications of the customer list: what a customer is worth (value
 * tier), whether they are buying (behaviour status) and where they are in the relationship
 * (lifecycle stage).
 */
import type { BehaviourStatus, LifecycleStage, ValueTier } from "./codes.ts";
import { checkRange, customerCount, invalidOption, requireColumn } from "./errors.ts";
import { forEachTieGroup, positiveOrZero, sortColumn } from "./ranking.ts";
import type { ActivityInput, LifecycleInput, ValueInput } from "./types.ts";

export interface ValueTierOptions {
  /** Which value ranks customers. Default "predictedClv"; "historicalValue" when no model has run. */
  readonly basis?: "predictedClv" | "historicalValue";
  /** Share of customers in the high tier. Default 0.2 (the top 20 %). */
  readonly highShare?: number;
  /** Share of customers in the mid tier, below the high one. Default 0.3 (the next 30 %). */
  readonly midShare?: number;
}

/**
 * High / mid / low value by rank: the top 20 % of customers by predicted lifetime value are
 * high, the next 30 % mid, the rest low (shares configurable). A customer's rank is the mid-rank
 * percentile, so customers with the same value share a tier and the tiers are only approximately
 * 20 / 30 / 50 % when many customers tie. Customers whose value is unknown are low and do not
 * count towards the shares.
 */
export function valueTiers(input: ValueInput, options: ValueTierOptions = {}): ValueTier[] {
  const basis = options.basis ?? "predictedClv";
  const highShare = options.highShare ?? 0.2;
  const midShare = options.midShare ?? 0.3;
  if (basis !== "predictedClv" && basis !== "historicalValue") {
    throw invalidOption("basis", basis, "predictedClv | historicalValue");
  }
  checkRange("highShare", highShare, 0, 1);
  checkRange("midShare", midShare, 0, 1 - highShare);
  const values = requireColumn(input[basis], basis);
  const n = values.length;
  const highFrom = 1 - highShare;
  const midFrom = 1 - highShare - midShare;
  const out = new Array<ValueTier>(n).fill("low");
  const sorted = sortColumn(values);
  forEachTieGroup(sorted, (start, end, p) => {
    if (!(p > midFrom)) return;
    const tier = p > highFrom ? "high" : "mid";
    for (let k = start; k < end; k++) out[sorted.order[k]!] = tier;
  });
  return out;
}

export interface BehaviourOptions {
  /**
   * How the activity window is set. "rhythm" (default): `rhythmMultiple` times the customer's own
   * mean days between purchases, kept within [`minWindowDays`, `maxWindowDays`]; customers
   * without a rhythm (one purchase) get `activeDays`. "fixed": `activeDays` for everyone.
   */
  readonly activeMode?: "rhythm" | "fixed";
  /** Fixed activity window in days. Default 90. */
  readonly activeDays?: number;
  /** Default 2: a customer who buys monthly is active until two months have passed. */
  readonly rhythmMultiple?: number;
  /** Default 30. */
  readonly minWindowDays?: number;
  /** Default 180. */
  readonly maxWindowDays?: number;
  /** Purchases needed to count as active rather than trying. Default 2. */
  readonly minActiveFrequency?: number;
  /** A buyer with P(alive) below this is churned. Default 0.3. */
  readonly churnPAlive?: number;
  /** A buyer without a purchase for more than this many days is churned. Default 365. */
  readonly churnDays?: number;
}

/**
 * Active / potential / churned, decided in this order:
 *
 * 1. Never bought → potential (a prospect).
 * 2. Churned when P(alive) is known and below `churnPAlive` (0.3), or the last purchase is more
 *    than `churnDays` (365) ago.
 * 3. Active when the customer has bought at least `minActiveFrequency` (2) times and the last
 *    purchase is within the activity window (by default twice their own purchase interval,
 *    30..180 days; 90 days without a rhythm).
 * 4. Otherwise potential: first-time buyers, and buyers whose activity has lapsed but who are not
 *    lost; both call for a nudge rather than a win-back.
 */
export function behaviourStatus(input: ActivityInput, options: BehaviourOptions = {}): BehaviourStatus[] {
  const n = customerCount({ ...input });
  const mode = options.activeMode ?? "rhythm";
  const activeDays = options.activeDays ?? 90;
  const rhythmMultiple = options.rhythmMultiple ?? 2;
  const minWindow = options.minWindowDays ?? 30;
  const maxWindow = options.maxWindowDays ?? 180;
  const minActiveFrequency = options.minActiveFrequency ?? 2;
  const churnPAlive = options.churnPAlive ?? 0.3;
  const churnDays = options.churnDays ?? 365;
  if (mode !== "rhythm" && mode !== "fixed") throw invalidOption("activeMode", mode, "rhythm | fixed");
  checkRange("activeDays", activeDays, 0, Infinity);
  checkRange("rhythmMultiple", rhythmMultiple, 0, Infinity);
  checkRange("minWindowDays", minWindow, 0, maxWindow);
  checkRange("churnPAlive", churnPAlive, 0, 1);
  checkRange("churnDays", churnDays, 0, Infinity);
  const { frequency, recencyDays, meanInterPurchaseDays: ipt, pAlive } = input;
  const useRhythm = mode === "rhythm" && ipt !== undefined;
  const out = new Array<BehaviourStatus>(n);
  for (let i = 0; i < n; i++) {
    const f = frequency[i]!;
    const recency = recencyDays[i]!;
    if (!(f > 0) || Number.isNaN(recency)) {
      out[i] = "potential";
      continue;
    }
    if (recency > churnDays || (pAlive !== undefined && pAlive[i]! < churnPAlive)) {
      out[i] = "churned";
      continue;
    }
    let window = activeDays;
    if (useRhythm) {
      const rhythm = ipt[i]!;
      if (rhythm > 0) window = Math.min(maxWindow, Math.max(minWindow, rhythmMultiple * rhythm));
    }
    out[i] = f >= minActiveFrequency && recency <= window ? "active" : "potential";
  }
  return out;
}

export interface LifecycleOptions {
  /** A customer whose first purchase is at most this many days ago is new. Default 180. */
  readonly newDays?: number;
  /** Revenue change (last 12 months vs the 12 before) above +growth is growing. Default 0.2. */
  readonly growth?: number;
  /** Revenue change below −decline is declining. Default 0.2. */
  readonly decline?: number;
  /** P(alive) below this is declining even with steady revenue. Default 0.5. */
  readonly decliningPAlive?: number;
  /** P(alive) below this is lost. Default 0.3 (the churned threshold of `behaviourStatus`). */
  readonly lostPAlive?: number;
  /** No purchase for more than this many days is lost. Default 365. */
  readonly lostDays?: number;
}

/**
 * Days of history the revenue comparison needs: the last 12 months and the 12 before them. A
 * customer whose first purchase (in the data) is at least this long ago has both windows inside
 * their history, which also means the data covers them.
 */
export const LIFECYCLE_COMPARISON_DAYS = 730;

/**
 * Lifecycle stage, decided in this order:
 *
 * 1. prospect: has not bought yet.
 * 2. lost: no purchase for more than `lostDays` (365), or P(alive) below `lostPAlive` (0.3).
 * 3. new: first purchase at most `newDays` (180) ago, or a single order so far (or orders on
 *    their first day only: first purchase = last purchase): a customer who has not come back has
 *    not left the first stage (bought once 262 days ago is new, not growing) until they buy again
 *    or are lost.
 * 4. declining: P(alive) below `decliningPAlive` (0.5), or revenue of the last 12 months fell by
 *    more than `decline` (20 %) against the 12 months before.
 * 5. With two full years of the customer's history (first purchase at least
 *    `LIFECYCLE_COMPARISON_DAYS` ago, so the data covers both windows too): growing when revenue
 *    rose by more than `growth` (20 %) or started again after a year without any, mature when
 *    steady within ±20 %.
 * 6. Otherwise growing: a repeat buyer within their first two years is building the relationship
 *    (the formation stage); their revenue is not compared for growth or steadiness, because the
 *    12 months before hold only part of their history (or lie before the data), which would make
 *    almost everyone "growing" by revenue and nobody mature.
 *
 * Why a fall is read on a short history and a rise is not: when the 12 months before hold only
 * part of a year of the customer (they started in it, or it starts before the data), a full year
 * would hold at least as much, so a fall measured against it is real, while a rise or a steady
 * level is not established. With less than 12 months of data the
 * earlier window is empty: no customer is declining by revenue, and repeat buyers past `newDays`
 * are growing, never mature.
 *
 * The defaults of lost match `behaviourStatus`'s churned, so a lost customer is also churned.
 */
export function lifecycleStages(input: LifecycleInput, options: LifecycleOptions = {}): LifecycleStage[] {
  const n = customerCount({ ...input });
  const newDays = options.newDays ?? 180;
  const growth = options.growth ?? 0.2;
  const decline = options.decline ?? 0.2;
  const decliningPAlive = options.decliningPAlive ?? 0.5;
  const lostPAlive = options.lostPAlive ?? 0.3;
  const lostDays = options.lostDays ?? 365;
  checkRange("newDays", newDays, 0, Infinity);
  checkRange("growth", growth, 0, Infinity);
  checkRange("decline", decline, 0, 1);
  checkRange("decliningPAlive", decliningPAlive, 0, 1);
  checkRange("lostPAlive", lostPAlive, 0, 1);
  checkRange("lostDays", lostDays, 0, Infinity);
  const { frequency, recencyDays, tenureDays, revenueLast12m: last, revenuePrev12m: prev, pAlive } = input;
  const out = new Array<LifecycleStage>(n);
  for (let i = 0; i < n; i++) {
    const recency = recencyDays[i]!;
    if (!(frequency[i]! > 0) || Number.isNaN(recency)) {
      out[i] = "prospect";
      continue;
    }
    const alive = pAlive === undefined ? Number.NaN : pAlive[i]!;
    if (recency > lostDays || alive < lostPAlive) {
      out[i] = "lost";
      continue;
    }
    const tenure = tenureDays[i]!;
    if (tenure <= newDays || frequency[i]! <= 1 || tenure <= recency) {
      out[i] = "new";
      continue;
    }
    const now = positiveOrZero(last[i]!);
    const before = positiveOrZero(prev[i]!);
    if (alive < decliningPAlive || (before > 0 && now < before * (1 - decline))) out[i] = "declining";
    else if (!(tenure >= LIFECYCLE_COMPARISON_DAYS)) out[i] = "growing";
    else if (before > 0 ? now > before * (1 + growth) : now > 0) out[i] = "growing";
    else out[i] = "mature";
  }
  return out;
}
