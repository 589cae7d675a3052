/**
 * How many purchases a customer may make in the next t time units, with its spread: "2.3 expected"
 * alone hides whether that means "2 or 3" or "anything from 0 to 8". The transaction models give
 * the whole distribution P(Y(t) = n | x, t_x, T) (each model's `conditionalProbabilityOfPurchases`);
 * this takes its central interval and the chance of no purchase at all from it.
 */
import type { TransactionModel } from "./transaction-model.ts";

export interface PurchaseInterval {
  /** The probability the interval holds at least (0.8: the 10th to the 90th percentile). */
  readonly level: number;
  /** The smallest n with P(Y ≤ n) ≥ (1 − level)/2. */
  readonly low: number;
  /** The smallest n with P(Y ≤ n) ≥ (1 + level)/2. */
  readonly high: number;
  /** P(Y(t) = 0): no purchase in the window. */
  readonly probabilityNone: number;
}

/** Counts looked at before giving up: far beyond any customer's purchases in a horizon. */
const MAX_COUNT = 100_000;
/** Rounding in a sum of probabilities that should reach a tail exactly. */
const SLACK = 1e-12;

/**
 * The central `level` interval of the customer's purchases in the next t units, or undefined when
 * the distribution does not reach its upper tail within MAX_COUNT (parameters that make no sense).
 */
export function purchaseInterval<P>(
  model: TransactionModel<P>,
  params: P,
  history: { readonly t: number; readonly x: number; readonly tx: number; readonly T: number },
  level = 0.8,
): PurchaseInterval | undefined {
  const { t, x, tx, T } = history;
  const lowTail = (1 - level) / 2 - SLACK;
  const highTail = (1 + level) / 2 - SLACK;
  const probabilityNone = model.conditionalProbabilityOfPurchases(params, t, 0, x, tx, T);
  let cumulative = 0;
  let low: number | undefined;
  for (let n = 0; n <= MAX_COUNT; n++) {
    const p = n === 0 ? probabilityNone : model.conditionalProbabilityOfPurchases(params, t, n, x, tx, T);
    if (!Number.isFinite(p)) return undefined;
    cumulative += p;
    if (low === undefined && cumulative >= lowTail) low = n;
    if (cumulative >= highTail) return { level, low: low ?? n, high: n, probabilityNone };
  }
  return undefined;
}
