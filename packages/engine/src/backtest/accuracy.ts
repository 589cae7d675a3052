/**
 * How close predictions came to what customers then did: the error measures and the two figures
 * with which Fader, Hardie & Lee (2005, "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2)) validate the BG/NBD on held-out time — Figure 1, the
 * cohort's cumulative repeat transactions week by week, and Figure 2, the conditional expectations
 * of holdout purchases by number of calibration purchases. Pure computation on columns.
 */

export interface Accuracy {
  customers: number;
  actual: number;
  predicted: number;
  /** predicted / actual: above 1 the model over-forecasts (NaN without actual purchases). */
  ratio: number;
  /** Mean absolute and root mean squared error per customer, in purchases. */
  mae: number;
  rmse: number;
  /** Pearson correlation of actual and predicted purchases across customers (NaN if either is constant). */
  correlation: number;
}

export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): Accuracy {
  const n = actual.length;
  let sumActual = 0;
  let sumPredicted = 0;
  let absolute = 0;
  let squared = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    sumActual += a;
    sumPredicted += p;
    absolute += Math.abs(p - a);
    squared += (p - a) ** 2;
  }
  // Two passes: the one-pass formula loses the covariance to cancellation when the means are large.
  const meanActual = sumActual / n;
  const meanPredicted = sumPredicted / n;
  let covariance = 0;
  let varianceActual = 0;
  let variancePredicted = 0;
  for (let i = 0; i < n; i++) {
    const da = actual[i]! - meanActual;
    const dp = predicted[i]! - meanPredicted;
    covariance += da * dp;
    varianceActual += da * da;
    variancePredicted += dp * dp;
  }
  const spread = Math.sqrt(varianceActual * variancePredicted);
  return {
    customers: n,
    actual: sumActual,
    predicted: sumPredicted,
    ratio: sumActual > 0 ? sumPredicted / sumActual : Number.NaN,
    mae: n > 0 ? absolute / n : Number.NaN,
    rmse: n > 0 ? Math.sqrt(squared / n) : Number.NaN,
    correlation: spread > 0 ? covariance / spread : Number.NaN,
  };
}

export interface FrequencyRow {
  /** Calibration repeat purchases: "0" … "6", then "7+" as in FHL 2005 Figure 2. */
  x: string;
  customers: number;
  meanActual: number;
  meanPredicted: number;
}

/** Customers with this many calibration repeat purchases or more share the last row. */
export const FREQUENCY_CAP = 7;

/**
 * Mean actual and mean predicted holdout purchases by number of calibration repeat purchases
 * (FHL 2005, Figure 2): a model that only gets the total right but mis-ranks customers shows here.
 */
export function frequencyTable(
  x: ArrayLike<number>,
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): FrequencyRow[] {
  const customers = new Float64Array(FREQUENCY_CAP + 1);
  const sumActual = new Float64Array(FREQUENCY_CAP + 1);
  const sumPredicted = new Float64Array(FREQUENCY_CAP + 1);
  for (let i = 0; i < x.length; i++) {
    const k = Math.min(x[i]!, FREQUENCY_CAP);
    customers[k]! += 1;
    sumActual[k]! += actual[i]!;
    sumPredicted[k]! += predicted[i]!;
  }
  const rows: FrequencyRow[] = [];
  for (let k = 0; k <= FREQUENCY_CAP; k++) {
    const n = customers[k]!;
    rows.push({
      x: k === FREQUENCY_CAP ? `${k}+` : String(k),
      customers: n,
      meanActual: n > 0 ? sumActual[k]! / n : Number.NaN,
      meanPredicted: n > 0 ? sumPredicted[k]! / n : Number.NaN,
    });
  }
  return rows;
}

export interface TrackingPoint {
  /** Time units from the calibration end to this point: ≤ 0 in the calibration period, > 0 in the holdout. */
  period: number;
  /** The last day the point covers (purchases on it count), 'YYYY-MM-DD'. */
  date: string;
  holdout: boolean;
  /** Repeat purchases the cohort actually made from their first purchases to this day. */
  actual: number;
  /** Σ over customers of E[X(age)], the model's expectation for a new customer of that age. */
  expected: number;
}

export interface TrackingInput {
  calibrationEnd: string;
  /** Days from the calibration end to the holdout end. */
  holdoutDays: number;
  /** Days per time unit (7 for weeks). */
  unitDays: number;
  /** Each cohort customer's first purchase as days from the calibration end (≤ 0). */
  firstDay: ArrayLike<number>;
  /** The cohort's repeat purchase days by calendar day, as days from the calibration end, ascending. */
  repeatDay: ArrayLike<number>;
  repeatCount: ArrayLike<number>;
  /** E[X(t)]: expected purchases of a new customer in (0, t], t in time units (FHL 2005 eq. 9). */
  expectedNew: (t: number) => number;
}

/**
 * The cohort's cumulative repeat transactions, actual and expected, at every time unit from its first
 * purchase to the holdout end (FHL 2005, Figure 1). The expectation uses no customer's history
 * beyond the date of the first purchase: a customer who first bought s units before the point
 * contributes E[X(s)], so the curve tests the model's dynamics and not a fit to each customer. Points
 * are anchored on the calibration end, so one of them is exactly there; the last is the holdout end.
 */
export function cumulativeTracking(input: TrackingInput): TrackingPoint[] {
  const { holdoutDays, unitDays, firstDay, repeatDay, repeatCount, expectedNew } = input;
  const firstCounts = new Map<number, number>();
  let earliest = 0;
  for (let i = 0; i < firstDay.length; i++) {
    const day = firstDay[i]!;
    firstCounts.set(day, (firstCounts.get(day) ?? 0) + 1);
    if (day < earliest) earliest = day;
  }
  const firsts = [...firstCounts].sort((a, b) => a[0] - b[0]);
  // Ages are whole days, so E[X] is computed once per distinct age, however many customers and points.
  const expectedAtAge = new Map<number, number>();
  const expectedOfAge = (days: number) => {
    let value = expectedAtAge.get(days);
    if (value === undefined) {
      value = expectedNew(days / unitDays);
      expectedAtAge.set(days, value);
    }
    return value;
  };

  const points: TrackingPoint[] = [];
  const firstPeriod = Math.ceil(earliest / unitDays);
  const lastPeriod = Math.ceil(holdoutDays / unitDays);
  let next = 0;
  let actual = 0;
  for (let period = firstPeriod; period <= lastPeriod; period++) {
    const day = Math.min(period * unitDays, holdoutDays);
    while (next < repeatDay.length && repeatDay[next]! <= day) actual += repeatCount[next++]!;
    let expected = 0;
    for (const [first, customers] of firsts) {
      if (first > day) break;
      expected += customers * expectedOfAge(day - first);
    }
    points.push({
      period,
      date: addDays(input.calibrationEnd, day),
      holdout: period > 0,
      actual,
      expected,
    });
  }
  return points;
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
