/** The backtest of the transaction models on held-out time: `import { backtest } from "@custra/engine/backtest"`. */
export {
  type Accuracy,
  accuracy,
  cumulativeTracking,
  FREQUENCY_CAP,
  type FrequencyRow,
  frequencyTable,
  type TrackingInput,
  type TrackingPoint,
} from "./accuracy.ts";
export {
  BACKTEST_STAGES,
  type BacktestCustomers,
  BacktestError,
  type BacktestErrorCode,
  type BacktestOptions,
  type BacktestReport,
  type BacktestStage,
  backtest,
} from "./backtest.ts";
export {
  type CalibratedPredictor,
  type CalibrationCohort,
  calibratedPredictor,
  compareWithHoldout,
  type HoldoutActuals,
  type HoldoutComparison,
  holdoutActuals,
  type PredictorParams,
} from "./compare.ts";
export {
  type HoldoutPurchases,
  type HoldoutWindow,
  holdoutPurchases,
  type RepeatPurchasesByDay,
  repeatPurchasesByDay,
} from "./holdout.ts";
export { checkAnalysisRun, type RunCheck } from "./run-check.ts";
