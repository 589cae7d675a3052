/**
 * `custra backtest`: how far to trust the transaction model's predictions, measured on held-out time.
 *
 * The model is fitted exactly as `analyze` fits it, on the per-customer summary as of the
 * calibration end; each customer of that cohort then gets the conditional expectation
 * E[Y(t) | x, t_x, T] with t the holdout length, and it is compared with the purchases the customer
 * actually made in (calibration end, holdout end] — the validation of Fader, Hardie & Lee (2005),
 * "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing
 * Science 24(2), section 4 (Figures 1 and 2).
 */
import {
  BgNbd,
  type BgNbdParams,
  bgNbd,
  CustraError,
  type FitResult,
  isModelError,
  ParetoNbd,
  type ParetoNbdParams,
  paretoNbd,
  predictAll,
  type TextParams,
} from "@custra/core";
import type { DbHandle } from "@custra/db";
import { type ModelFitReport, modelFitReport, type TransactionModelName } from "../analyze/analyze.ts";
import { customerSummary, DAYS_PER_UNIT, lastOrderDate, type TimeUnit } from "../analyze/summary.ts";
import type { AnalysisWarning } from "../analyze/warnings.ts";
import {
  accuracy,
  cumulativeTracking,
  daysBetween,
  type FrequencyRow,
  frequencyTable,
  type TrackingPoint,
} from "./accuracy.ts";
import { holdoutPurchases, repeatPurchasesByDay } from "./holdout.ts";
import "./messages.ts";

export interface BacktestOptions {
  /** Last day of the data the model is fitted on. */
  calibrationEnd: string;
  /** Last day of the holdout period (calibration end, holdout end] the predictions are checked on. */
  holdoutEnd: string;
  /** The model's time unit (default week, the literature's). */
  timeUnit?: TimeUnit;
  model?: TransactionModelName;
  /** Also return every cohort customer's actual and predicted holdout purchases (not for JSON output). */
  perCustomer?: boolean;
  onStage?: (stage: BacktestStage) => void;
}

export const BACKTEST_STAGES = ["summary", "fit", "holdout", "predict"] as const;
export type BacktestStage = (typeof BACKTEST_STAGES)[number];

export interface BacktestCustomers {
  code: string[];
  /** Calibration repeat purchases. */
  x: Float64Array;
  actual: Float64Array;
  predicted: Float64Array;
}

export interface BacktestReport {
  calibrationEnd: string;
  holdoutEnd: string;
  timeUnit: TimeUnit;
  /** Holdout length in time units: the t of the conditional expectation. */
  holdoutLength: number;
  model: TransactionModelName;
  models: { bgnbd?: ModelFitReport<BgNbdParams>; paretoNbd?: ModelFitReport<ParetoNbdParams> };
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
  /** What the reader must know (a fit that did not converge or is not identified, a holdout past the data), as codes. */
  warnings: AnalysisWarning[];
  timings: Record<BacktestStage, number>;
  customers?: BacktestCustomers;
}

export type BacktestErrorCode =
  /** A date that is not a day YYYY-MM-DD; `name` is the field. */
  | "BACKTEST_INVALID_DATE"
  | "BACKTEST_HOLDOUT_NOT_AFTER_CALIBRATION"
  | "BACKTEST_NO_CALIBRATION_PURCHASES"
  | "BACKTEST_TOO_FEW_REPEAT_BUYERS";

const MESSAGE_KEYS: Record<BacktestErrorCode, string> = {
  BACKTEST_INVALID_DATE: "backtest.badDate",
  BACKTEST_HOLDOUT_NOT_AFTER_CALIBRATION: "backtest.holdoutNotAfterCalibration",
  BACKTEST_NO_CALIBRATION_PURCHASES: "backtest.noCalibrationPurchases",
  BACKTEST_TOO_FEW_REPEAT_BUYERS: "backtest.tooFewRepeatBuyers",
};

/** The backtest cannot run with these dates on this data, for a reason the user can fix. */
export class BacktestError extends CustraError<BacktestErrorCode> {
  override readonly name = "BacktestError";

  constructor(code: BacktestErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}

interface FittedModel {
  /** Conditional expectation E[Y(t) | x, t_x, T] for every customer. */
  predict(x: Float64Array, tx: Float64Array, T: Float64Array, t: number): Float64Array;
  /** E[X(t)] of a new customer. */
  expectedNew(t: number): number;
}

export async function backtest(handle: DbHandle, options: BacktestOptions): Promise<BacktestReport> {
  const { calibrationEnd, holdoutEnd } = options;
  checkDate("calibrationEnd", calibrationEnd);
  checkDate("holdoutEnd", holdoutEnd);
  if (holdoutEnd <= calibrationEnd) {
    throw new BacktestError("BACKTEST_HOLDOUT_NOT_AFTER_CALIBRATION", { calibrationEnd, holdoutEnd });
  }
  const timeUnit = options.timeUnit ?? "week";
  const modelName = options.model ?? "bgnbd";
  const unitDays = DAYS_PER_UNIT[timeUnit];
  const holdoutDays = daysBetween(calibrationEnd, holdoutEnd);
  const holdoutLength = holdoutDays / unitDays;
  const timings = {} as Record<BacktestStage, number>;
  let clock = performance.now();
  const stage = (name: BacktestStage) => options.onStage?.(name);
  const done = (name: BacktestStage) => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };

  stage("summary");
  const summary = await customerSummary(handle, { asOf: calibrationEnd, timeUnit });
  const cohort: number[] = [];
  for (let i = 0; i < summary.count; i++) if (!Number.isNaN(summary.x[i]!)) cohort.push(i);
  if (cohort.length === 0) throw new BacktestError("BACKTEST_NO_CALIBRATION_PURCHASES", { calibrationEnd });
  const n = cohort.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const firstDay = new Float64Array(n);
  let repeatBuyers = 0;
  let calibrationRepeatPurchases = 0;
  for (let k = 0; k < n; k++) {
    const i = cohort[k]!;
    x[k] = summary.x[i]!;
    tx[k] = summary.tx[i]!;
    T[k] = summary.T[i]!;
    firstDay[k] = -summary.tenureDays[i]!;
    if (x[k]! > 0) repeatBuyers++;
    calibrationRepeatPurchases += x[k]!;
  }
  done("summary");

  stage("fit");
  const warnings: AnalysisWarning[] = [];
  const models: BacktestReport["models"] = {};
  let fitted: FittedModel;
  try {
    if (modelName === "bgnbd") {
      const fit = bgNbd.fit({ x, tx, T });
      models.bgnbd = fitReport(fit, warnings, "BG/NBD");
      fitted = {
        predict: (...args) => predictAll(BgNbd, fit.params, ...args).expectedPurchases,
        expectedNew: (age) => bgNbd.expectedPurchasesNewCustomer(fit.params, age),
      };
    } else {
      const fit = paretoNbd.fit({ x, tx, T });
      models.paretoNbd = fitReport(fit, warnings, "Pareto/NBD");
      fitted = {
        predict: (...args) => predictAll(ParetoNbd, fit.params, ...args).expectedPurchases,
        expectedNew: (age) => paretoNbd.expectedPurchasesNewCustomer(fit.params, age),
      };
    }
  } catch (error) {
    if (isModelError(error, "MODEL_TOO_FEW_REPEAT_BUYERS")) {
      throw new BacktestError("BACKTEST_TOO_FEW_REPEAT_BUYERS", error.params);
    }
    throw error;
  }
  done("fit");

  stage("holdout");
  const window = { calibrationEnd, holdoutEnd };
  const held = await holdoutPurchases(handle, window);
  const repeats = await repeatPurchasesByDay(handle, window);
  const lastOrder = await lastOrderDate(handle);
  if (lastOrder !== undefined && lastOrder < holdoutEnd) {
    warnings.push({ code: "backtest.holdoutBeyondData", params: { lastOrder, holdoutEnd } });
  }
  const purchasesOf = new Map<number, number>();
  for (let k = 0; k < held.customerId.length; k++) purchasesOf.set(held.customerId[k]!, held.purchases[k]!);
  const actual = new Float64Array(n);
  for (let k = 0; k < n; k++) actual[k] = purchasesOf.get(summary.customerId[cohort[k]!]!) ?? 0;
  done("holdout");

  stage("predict");
  const predicted = fitted.predict(x, tx, T, holdoutLength);
  const measured = accuracy(actual, predicted);
  const tracking = cumulativeTracking({
    calibrationEnd,
    holdoutDays,
    unitDays,
    firstDay,
    repeatDay: repeats.day,
    repeatCount: repeats.count,
    expectedNew: fitted.expectedNew,
  });
  done("predict");

  const report: BacktestReport = {
    calibrationEnd,
    holdoutEnd,
    timeUnit,
    holdoutLength,
    model: modelName,
    models,
    cohort: { customers: n, repeatBuyers, calibrationRepeatPurchases },
    totals: { actual: measured.actual, predicted: measured.predicted, ratio: measured.ratio },
    errors: {
      mae: measured.mae,
      rmse: measured.rmse,
      meanActual: measured.actual / n,
      meanPredicted: measured.predicted / n,
    },
    correlation: measured.correlation,
    byFrequency: frequencyTable(x, actual, predicted),
    tracking,
    warnings,
    timings,
  };
  if (options.perCustomer) {
    report.customers = { code: cohort.map((i) => summary.code[i]!), x, actual, predicted };
  }
  return report;
}

function checkDate(name: string, value: string): void {
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    throw new BacktestError("BACKTEST_INVALID_DATE", { name, value });
  }
}

/**
 * The fit's report, its problems as warnings. A fit the data do not identify is still tested (the
 * backtest is how one sees what such a fit is worth), but the report says the analysis would not use it.
 */
function fitReport<P>(fit: FitResult<P>, warnings: AnalysisWarning[], model: string): ModelFitReport<P> {
  if (!fit.converged)
    warnings.push({ code: "backtest.notConverged", params: { model, iterations: fit.iterations } });
  const report = modelFitReport(fit);
  if (!report.identifiable) {
    warnings.push(...report.problems, { code: "backtest.notIdentified", params: { model } });
  }
  return report;
}
