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
  type BgNbdParams,
  bgNbd,
  CustraError,
  type FitResult,
  isModelError,
  type ParetoNbdParams,
  paretoNbd,
  type TextParams,
} from "@custra/core";
import type { DbHandle } from "@custra/db";
import { type ModelFitReport, modelFitReport, type TransactionModelName } from "../analyze/analyze.ts";
import { customerSummary, DAYS_PER_UNIT, type TimeUnit } from "../analyze/summary.ts";
import type { AnalysisWarning } from "../analyze/warnings.ts";
import { daysBetween } from "./accuracy.ts";
import {
  type CalibratedPredictor,
  calibratedPredictor,
  compareWithHoldout,
  emptyCohort,
  type HoldoutComparison,
  holdoutActuals,
} from "./compare.ts";
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

export interface BacktestReport extends HoldoutComparison {
  calibrationEnd: string;
  holdoutEnd: string;
  timeUnit: TimeUnit;
  /** Holdout length in time units: the t of the conditional expectation. */
  holdoutLength: number;
  model: TransactionModelName;
  models: { bgnbd?: ModelFitReport<BgNbdParams>; paretoNbd?: ModelFitReport<ParetoNbdParams> };
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
  const calibration = emptyCohort(n);
  for (let k = 0; k < n; k++) {
    const i = cohort[k]!;
    calibration.customerId[k] = summary.customerId[i]!;
    calibration.x[k] = summary.x[i]!;
    calibration.tx[k] = summary.tx[i]!;
    calibration.T[k] = summary.T[i]!;
    calibration.firstDay[k] = -summary.tenureDays[i]!;
  }
  const { x, tx, T } = calibration;
  done("summary");

  stage("fit");
  const warnings: AnalysisWarning[] = [];
  const models: BacktestReport["models"] = {};
  let fitted: CalibratedPredictor;
  try {
    if (modelName === "bgnbd") {
      const fit = bgNbd.fit({ x, tx, T });
      models.bgnbd = fitReport(fit, warnings, "BG/NBD");
      fitted = calibratedPredictor({ predictor: "bgnbd", params: fit.params });
    } else {
      const fit = paretoNbd.fit({ x, tx, T });
      models.paretoNbd = fitReport(fit, warnings, "Pareto/NBD");
      fitted = calibratedPredictor({ predictor: "pareto-nbd", params: fit.params });
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
  const actuals = await holdoutActuals(handle.db, window, calibration);
  warnings.push(...actuals.warnings);
  done("holdout");

  stage("predict");
  const predicted = fitted.predict(x, tx, T, holdoutLength);
  const comparison = compareWithHoldout({
    window,
    unitDays,
    cohort: calibration,
    actuals,
    predicted,
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
    ...comparison,
    warnings,
    timings,
  };
  if (options.perCustomer) {
    report.customers = { code: cohort.map((i) => summary.code[i]!), x, actual: actuals.actual, predicted };
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
