/**
 * Predicted customer lifetime value from a transaction model (BG/NBD or Pareto/NBD) and an expected
 * spend per purchase (Gamma-Gamma), and batch scoring of a whole customer base.
 *
 * CLV is the discrete approximation of lifetimes' `customer_lifetime_value` (purchases of each
 * period discounted at its end; Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", give the continuous-time version):
 *   CLV = Σ_{k=1..K} [E(Y(kL)) − E(Y((k−1)L))] · spend · margin / (1 + d)^(kL/U),
 * with E(Y(t)) the conditional expected purchases in the next t time units, L the period length and
 * U the time units per year, both in the data's time unit, and d an ANNUAL discount rate: rates are
 * quoted per year, and the per-period factor follows from it whatever the data's unit.
 */
import { ModelError } from "./errors.ts";
import { type CompressedSummaries, compressSummaries, type NumberColumn, spreadRows } from "./summaries.ts";
import type { TransactionModel } from "./transaction-model.ts";

export interface ClvOptions {
  /** How far ahead, in the data's time unit (e.g. 52 for one year in weeks). */
  readonly horizon: number;
  /** Annual discount rate, e.g. 0.1 for 10 % a year (default 0). */
  readonly annualDiscountRate?: number;
  /** Time units per year: 52 for weeks (the default, the literature's unit), 365 for days, 12 for months. */
  readonly unitsPerYear?: number;
  /** Length of one discounting period in the data's time unit (default: a month, unitsPerYear / 12). */
  readonly periodLength?: number;
  /** Share of revenue kept as profit (default 1: CLV in revenue). */
  readonly margin?: number;
}

function option(name: string, value: number, valid: boolean, reason: string): number {
  if (!valid) throw new ModelError("MODEL_INVALID_OPTION", { name, value: String(value), reason });
  return value;
}

interface ResolvedClvOptions {
  readonly horizon: number;
  readonly periodEnds: number[];
  readonly discounts: number[];
  readonly margin: number;
}

function resolve(options: ClvOptions): ResolvedClvOptions {
  const horizon = option(
    "horizon",
    options.horizon,
    options.horizon > 0 && Number.isFinite(options.horizon),
    "> 0",
  );
  const rate = options.annualDiscountRate ?? 0;
  option("annualDiscountRate", rate, rate > -1 && Number.isFinite(rate), "> −1");
  const unitsPerYear = options.unitsPerYear ?? 52;
  option("unitsPerYear", unitsPerYear, unitsPerYear > 0 && Number.isFinite(unitsPerYear), "> 0");
  const periodLength = options.periodLength ?? unitsPerYear / 12;
  option("periodLength", periodLength, periodLength > 0 && Number.isFinite(periodLength), "> 0");
  const margin = options.margin ?? 1;
  option("margin", margin, Number.isFinite(margin), "finite");
  const periodEnds: number[] = [];
  // The last period may be shorter, so that the horizon is covered exactly.
  for (let end = periodLength; ; end += periodLength) {
    if (end >= horizon * (1 - 1e-12)) {
      periodEnds.push(horizon);
      break;
    }
    periodEnds.push(end);
  }
  const discounts = periodEnds.map((end) => (1 + rate) ** -(end / unitsPerYear));
  return { horizon, periodEnds, discounts, margin };
}

/** Discounted CLV of one customer with history (x, t_x, T) and expected spend per purchase. */
export function customerLifetimeValue<P>(
  model: TransactionModel<P>,
  params: P,
  x: number,
  tx: number,
  T: number,
  spend: number,
  options: ClvOptions,
): number {
  const { periodEnds, discounts, margin } = resolve(options);
  let value = 0;
  let previous = 0;
  for (let k = 0; k < periodEnds.length; k++) {
    const cumulative = model.expectedPurchases(params, periodEnds[k]!, x, tx, T);
    value += (cumulative - previous) * discounts[k]!;
    previous = cumulative;
  }
  return value * spend * margin;
}

/** Per-customer scores of a whole customer base, one entry per input customer. */
export interface CustomerPredictions {
  readonly probabilityAlive: Float64Array;
  /** Expected purchases in the next `horizon` time units. */
  readonly expectedPurchases: Float64Array;
}

/**
 * P(alive) and expected purchases over `horizon` for every customer. Customers sharing (x, t_x, T)
 * are computed once, and the models share work between rows, so a million customers take well under
 * a second.
 */
export function predictAll<P>(
  model: TransactionModel<P>,
  params: P,
  x: NumberColumn,
  tx: NumberColumn,
  T: NumberColumn,
  horizon: number,
): CustomerPredictions {
  const rows = compressSummaries(x, tx, T);
  return {
    probabilityAlive: spreadRows(model.probabilityAliveRows(params, rows), rows.rowOf),
    expectedPurchases: spreadRows(model.expectedPurchasesRows(params, horizon, rows), rows.rowOf),
  };
}

/**
 * Per compressed row, the discounted expected purchases Σ_k ΔE_k / (1+d)^(t_k/U) and, from the same
 * pass, the expected purchases over the whole horizon (the last period ends at the horizon).
 */
function discountedPurchasesRows<P>(
  model: TransactionModel<P>,
  params: P,
  rows: CompressedSummaries,
  resolved: ResolvedClvOptions,
): { discounted: Float64Array; overHorizon: Float64Array } {
  const discounted = new Float64Array(rows.rows);
  let previous: Float64Array = new Float64Array(rows.rows);
  for (let k = 0; k < resolved.periodEnds.length; k++) {
    const cumulative = model.expectedPurchasesRows(params, resolved.periodEnds[k]!, rows);
    const discount = resolved.discounts[k]!;
    for (let i = 0; i < rows.rows; i++) discounted[i]! += (cumulative[i]! - previous[i]!) * discount;
    previous = cumulative;
  }
  return { discounted, overHorizon: previous };
}

/** {@link predictAll} plus, per customer, the discounted expected purchases that CLV multiplies by spend and margin. */
export interface CustomerValuePredictions extends CustomerPredictions {
  readonly discountedPurchases: Float64Array;
}

/**
 * Everything an analysis needs from the transaction model in one pass over customers already
 * compressed (the rows a fit ran on): P(alive), expected purchases over the horizon, and the
 * discounted expected purchases. CLV is then discountedPurchases × expected spend × margin.
 */
export function predictCustomerValue<P>(
  model: TransactionModel<P>,
  params: P,
  rows: CompressedSummaries,
  options: ClvOptions,
): CustomerValuePredictions {
  const { discounted, overHorizon } = discountedPurchasesRows(model, params, rows, resolve(options));
  return {
    probabilityAlive: spreadRows(model.probabilityAliveRows(params, rows), rows.rowOf),
    expectedPurchases: spreadRows(overHorizon, rows.rowOf),
    discountedPurchases: spreadRows(discounted, rows.rowOf),
  };
}

/**
 * {@link customerLifetimeValue} for every customer: `spend` is the expected spend per purchase of
 * each customer (e.g. from `expectedAverageSpendAll` of the Gamma-Gamma model).
 */
export function customerLifetimeValueAll<P>(
  model: TransactionModel<P>,
  params: P,
  x: NumberColumn,
  tx: NumberColumn,
  T: NumberColumn,
  spend: NumberColumn,
  options: ClvOptions,
): Float64Array {
  if (spend.length !== x.length) {
    throw new ModelError("MODEL_LENGTH_MISMATCH", {
      name: "spend",
      actual: spend.length,
      expected: x.length,
    });
  }
  const resolved = resolve(options);
  const rows = compressSummaries(x, tx, T);
  const { discounted } = discountedPurchasesRows(model, params, rows, resolved);
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = discounted[rows.rowOf[i]!]! * spend[i]! * resolved.margin;
  return out;
}
