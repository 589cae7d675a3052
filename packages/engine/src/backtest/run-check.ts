/**
 * How an analysis run's purchase predictions came true: the run is its own calibration period (its
 * as-of date), the orders after it are the holdout. Nothing is fitted again: each customer's
 * history (x, t_x, T) is the one the run stored with its scores, the predictor is the one the run
 * used with the parameters it stored (the empirical repeat rate recomputed from those histories
 * exactly as the run computed it), and only the purchases after the as-of date are counted now.
 * A run as of the last order has no holdout yet: that is said (`holdout: null`), not drawn empty.
 */
import { compressSummaries, type EmpiricalRateParams, fitEmpiricalRate } from "@custra/core";
import { analysisRunReport, type DbHandle, lastOrderDate } from "@custra/db";
import type { AnalysisReport, TransactionPredictor } from "../analyze/analyze.ts";
import { DAYS_PER_UNIT, type TimeUnit } from "../analyze/summary.ts";
import type { AnalysisWarning } from "../analyze/warnings.ts";
import { daysBetween } from "./accuracy.ts";
import {
  type CalibrationCohort,
  calibratedPredictor,
  compareWithHoldout,
  emptyCohort,
  type HoldoutComparison,
  holdoutActuals,
  type PredictorParams,
} from "./compare.ts";

export interface RunCheck {
  runId: number;
  /** The run's as-of date: the end of the data its predictions were made on. */
  calibrationEnd: string;
  timeUnit: TimeUnit;
  /** The predictor checked: the run's transaction model, or its empirical fallback. */
  predictor: TransactionPredictor;
  /** The date of the last order (undefined without orders): the holdout runs up to it. */
  lastOrder: string | undefined;
  /** The check over (calibration end, last order]; null when no order is dated after the as-of date. */
  holdout:
    | (HoldoutComparison & {
        holdoutEnd: string;
        /** In time units: the t of the conditional expectation. */
        holdoutLength: number;
        warnings: AnalysisWarning[];
      })
    | null;
}

/** The check of run `runId`; undefined when there is no such run. */
export async function checkAnalysisRun(handle: DbHandle, runId: number): Promise<RunCheck | undefined> {
  // Reads only: through `read`, so a long job holding the writer never holds up the check.
  const db = handle.read;
  const report = (await analysisRunReport(db, runId)) as Partial<AnalysisReport> | undefined;
  if (!report?.asOf) return undefined;
  const calibrationEnd = report.asOf;
  const timeUnit = report.timeUnit ?? "week";
  const lastOrder = await lastOrderDate(db);
  const cohort = await storedCohort(handle, runId, DAYS_PER_UNIT[timeUnit]);
  const fit = predictorParams(report, cohort);
  const base = { runId, calibrationEnd, timeUnit, predictor: fit.predictor, lastOrder };
  if (lastOrder === undefined || lastOrder <= calibrationEnd || cohort.x.length === 0)
    return { ...base, holdout: null };

  const window = { calibrationEnd, holdoutEnd: lastOrder };
  const unitDays = DAYS_PER_UNIT[timeUnit];
  const holdoutLength = daysBetween(calibrationEnd, lastOrder) / unitDays;
  const predictor = calibratedPredictor(fit);
  const actuals = await holdoutActuals(db, window, cohort);
  const comparison = compareWithHoldout({
    window,
    unitDays,
    cohort,
    actuals,
    predicted: predictor.predict(cohort.x, cohort.tx, cohort.T, holdoutLength),
    expectedNew: predictor.expectedNew,
  });
  return {
    ...base,
    holdout: { ...comparison, holdoutEnd: lastOrder, holdoutLength, warnings: actuals.warnings },
  };
}

/** The run's buyers as it scored them: their histories at its as-of date, in customer id order. */
async function storedCohort(handle: DbHandle, runId: number, unitDays: number): Promise<CalibrationCohort> {
  const rows = await handle.read
    .selectFrom("customer_scores")
    .select(["customer_id", "x", "t_x", "age"])
    .where("run_id", "=", runId)
    .where("x", "is not", null)
    .orderBy("customer_id")
    .execute();
  const n = rows.length;
  const cohort = emptyCohort(n);
  for (let k = 0; k < n; k++) {
    const row = rows[k]!;
    cohort.customerId[k] = Number(row.customer_id);
    cohort.x[k] = Number(row.x);
    cohort.tx[k] = Number(row.t_x);
    cohort.T[k] = Number(row.age);
    // T is whole days over the unit (summary.ts): rounding undoes the division's last bit.
    cohort.firstDay[k] = -Math.round(Number(row.age) * unitDays);
  }
  return cohort;
}

/**
 * The predictor the run used with its parameters. Runs written before the report named its
 * predictor used their model where its fit was stored as identifiable.
 */
function predictorParams(report: Partial<AnalysisReport>, cohort: CalibrationCohort): PredictorParams {
  const model = report.model ?? "bgnbd";
  const fit = model === "pareto-nbd" ? report.models?.paretoNbd : report.models?.bgnbd;
  const used = report.predictor?.transactions ?? (fit?.identifiable ? model : "empirical");
  if (used === "bgnbd" && report.models?.bgnbd)
    return { predictor: used, params: report.models.bgnbd.params };
  if (used === "pareto-nbd" && report.models?.paretoNbd)
    return { predictor: used, params: report.models.paretoNbd.params };
  return { predictor: "empirical", params: empiricalRate(cohort) };
}

/** The empirical repeat rate as analyze fits it (over the buyers' compressed histories). */
function empiricalRate(cohort: CalibrationCohort): EmpiricalRateParams {
  if (cohort.x.length === 0) return { rate: 0 };
  return fitEmpiricalRate(compressSummaries(cohort.x, cohort.tx, cohort.T));
}
