/**
 * A transaction predictor's expectations for the holdout beside what the calibration cohort then
 * bought: shared by the backtest, which fits its own model on the calibration period, and the
 * check of a stored analysis run, whose fit and customer histories are already there.
 */
import {
  BgNbd,
  type BgNbdParams,
  bgNbd,
  EmpiricalRate,
  type EmpiricalRateParams,
  ParetoNbd,
  type ParetoNbdParams,
  paretoNbd,
  predictAll,
} from "@custra/core";
import { type Database, lastOrderDate } from "@custra/db";
import type { Kysely } from "kysely";
import type { AnalysisWarning } from "../analyze/warnings.ts";
import {
  accuracy,
  cumulativeTracking,
  daysBetween,
  type FrequencyRow,
  frequencyTable,
  type TrackingPoint,
} from "./accuracy.ts";
import {
  type HoldoutWindow,
  holdoutPurchases,
  type RepeatPurchasesByDay,
  repeatPurchasesByDay,
} from "./holdout.ts";

/** A fitted transaction predictor, as the holdout's expectations need it. */
export interface CalibratedPredictor {
  /** Conditional expectation E[Y(t) | x, t_x, T] for every customer. */
  predict(x: Float64Array, tx: Float64Array, T: Float64Array, t: number): Float64Array;
  /** E[X(t)] of a new customer. */
  expectedNew(t: number): number;
}

/** A predictor by name with its parameters: the models', or the empirical repeat rate's. */
export type PredictorParams =
  | { readonly predictor: "bgnbd"; readonly params: BgNbdParams }
  | { readonly predictor: "pareto-nbd"; readonly params: ParetoNbdParams }
  | { readonly predictor: "empirical"; readonly params: EmpiricalRateParams };

export function calibratedPredictor(fit: PredictorParams): CalibratedPredictor {
  switch (fit.predictor) {
    case "bgnbd":
      return {
        predict: (...args) => predictAll(BgNbd, fit.params, ...args).expectedPurchases,
        expectedNew: (t) => bgNbd.expectedPurchasesNewCustomer(fit.params, t),
      };
    case "pareto-nbd":
      return {
        predict: (...args) => predictAll(ParetoNbd, fit.params, ...args).expectedPurchases,
        expectedNew: (t) => paretoNbd.expectedPurchasesNewCustomer(fit.params, t),
      };
    case "empirical":
      return {
        predict: (...args) => predictAll(EmpiricalRate, fit.params, ...args).expectedPurchases,
        // A new customer has no history of its own: x = 0, T = 0 gives the population's rate.
        expectedNew: (t) => EmpiricalRate.expectedPurchases(fit.params, t, 0, 0, 0),
      };
  }
}

/** The customers whose predictions are checked, each with their calibration history, as columns. */
export interface CalibrationCohort {
  customerId: Float64Array;
  /** Repeat purchases, time of the last one and age at the calibration end, in time units. */
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Each one's first purchase as days from the calibration end (≤ 0). */
  firstDay: Float64Array;
}

/** A cohort of `n` customers, every column zero, to be filled in. */
export function emptyCohort(n: number): CalibrationCohort {
  return {
    customerId: new Float64Array(n),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    firstDay: new Float64Array(n),
  };
}

/** What the cohort actually did after the calibration end. */
export interface HoldoutActuals {
  /** Holdout purchases per cohort customer, in the cohort's order. */
  actual: Float64Array;
  /** The cohort's repeat purchases per day, the calibration period's included (the tracking curve). */
  repeats: RepeatPurchasesByDay;
  /** `backtest.holdoutBeyondData` when the last order is before the holdout end. */
  warnings: AnalysisWarning[];
}

/** How the predictions compared with the holdout. */
export interface HoldoutComparison {
  cohort: {
    /** Customers whose first purchase is on or before the calibration end. */
    customers: number;
    /** Of them, those with a repeat purchase in the calibration period. */
    repeatBuyers: number;
    calibrationRepeatPurchases: number;
  };
  /** Holdout repeat purchases of the cohort, actual and predicted, and predicted / actual. */
  totals: { actual: number; predicted: number; ratio: number };
  /** Per customer, in purchases. */
  errors: { mae: number; rmse: number; meanActual: number; meanPredicted: number };
  correlation: number;
  /** FHL 2005 Figure 2: holdout purchases by calibration repeat purchases 0 … 6, 7+. */
  byFrequency: FrequencyRow[];
  /** FHL 2005 Figure 1: cumulative repeat purchases of the cohort, one point per time unit. */
  tracking: TrackingPoint[];
}

/** Counts what the cohort bought in the holdout window, read through `db`. */
export async function holdoutActuals(
  db: Kysely<Database>,
  window: HoldoutWindow,
  cohort: Pick<CalibrationCohort, "customerId">,
): Promise<HoldoutActuals> {
  const held = await holdoutPurchases(db, window);
  const repeats = await repeatPurchasesByDay(db, window);
  const warnings: AnalysisWarning[] = [];
  const lastOrder = await lastOrderDate(db);
  if (lastOrder !== undefined && lastOrder < window.holdoutEnd) {
    warnings.push({
      code: "backtest.holdoutBeyondData",
      params: { lastOrder, holdoutEnd: window.holdoutEnd },
    });
  }
  const purchasesOf = new Map<number, number>();
  for (let k = 0; k < held.customerId.length; k++) purchasesOf.set(held.customerId[k]!, held.purchases[k]!);
  const actual = new Float64Array(cohort.customerId.length);
  for (let k = 0; k < actual.length; k++) actual[k] = purchasesOf.get(cohort.customerId[k]!) ?? 0;
  return { actual, repeats, warnings };
}

export interface ComparisonInput {
  window: HoldoutWindow;
  /** Days per time unit (7 for weeks). */
  unitDays: number;
  cohort: CalibrationCohort;
  actuals: HoldoutActuals;
  /** Each cohort customer's conditional expectation E[Y(t) | x, t_x, T] over the holdout. */
  predicted: Float64Array;
  /** E[X(t)] of a new customer, t in time units: the tracking curve's expectation. */
  expectedNew: (t: number) => number;
}

/** The error measures, the frequency table and the tracking curve of the predictions. */
export function compareWithHoldout(input: ComparisonInput): HoldoutComparison {
  const { cohort, actuals, predicted, window, unitDays } = input;
  const n = cohort.x.length;
  let repeatBuyers = 0;
  let calibrationRepeatPurchases = 0;
  for (let k = 0; k < n; k++) {
    if (cohort.x[k]! > 0) repeatBuyers++;
    calibrationRepeatPurchases += cohort.x[k]!;
  }
  const measured = accuracy(actuals.actual, predicted);
  return {
    cohort: { customers: n, repeatBuyers, calibrationRepeatPurchases },
    totals: { actual: measured.actual, predicted: measured.predicted, ratio: measured.ratio },
    errors: {
      mae: measured.mae,
      rmse: measured.rmse,
      meanActual: measured.actual / n,
      meanPredicted: measured.predicted / n,
    },
    correlation: measured.correlation,
    byFrequency: frequencyTable(cohort.x, actuals.actual, predicted),
    tracking: cumulativeTracking({
      calibrationEnd: window.calibrationEnd,
      holdoutDays: daysBetween(window.calibrationEnd, window.holdoutEnd),
      unitDays,
      firstDay: cohort.firstDay,
      repeatDay: actuals.repeats.day,
      repeatCount: actuals.repeats.count,
      expectedNew: input.expectedNew,
    }),
  };
}
