/**
 * Buy-till-you-die models of customer transactions and spend, fitted on per-customer summaries:
 * BG/NBD and Pareto/NBD (how many purchases, and whether the customer is still active),
 * Gamma-Gamma (how much per purchase), and CLV built from them. Pure computation, no I/O.
 */
export * as bgNbd from "./bgnbd.ts";
export { BgNbd, type BgNbdFit, type BgNbdOptions, type BgNbdParams } from "./bgnbd.ts";
export {
  type ClvOptions,
  type CustomerPredictions,
  type CustomerValuePredictions,
  customerLifetimeValue,
  customerLifetimeValueAll,
  predictAll,
  predictCustomerValue,
} from "./clv.ts";
export {
  customerRate,
  EmpiricalRate,
  type EmpiricalRateParams,
  fitEmpiricalRate,
  historicalMeanSpend,
} from "./empirical.ts";
export { isModelError, ModelError, type ModelErrorCode } from "./errors.ts";
export type { GammaGammaFit, GammaGammaOptions, GammaGammaParams, SpendSummaries } from "./gamma-gamma.ts";
export * as gammaGamma from "./gamma-gamma.ts";
export {
  assessIdentifiability,
  type FitProblem,
  type FitProblemCode,
  type Identifiability,
  type IdentificationChecks,
  type IdentifiedModel,
  KKT1_TOLERANCE,
  KKT2_TOLERANCE,
  MINIMUM_REPEAT_BUYERS,
  NOT_IDENTIFIABLE_REASONS,
  type NotIdentifiableReason,
  type ParameterBound,
  SCALE_SPAN_MAX,
  type SecondOrderConditions,
  SHAPE_MAX,
  SHAPE_MIN,
  secondOrderConditions,
} from "./identifiability.ts";
export { modelMessages } from "./messages.ts";
export {
  invertPositiveDefinite,
  logScaleStandardErrors,
  type MinimizeOptions,
  type MinimizeResult,
  minimizeBfgs,
  numericHessian,
  type Objective,
  symmetricEigenvalues,
} from "./optimize.ts";
export * as paretoNbd from "./pareto-nbd.ts";
export { ParetoNbd, type ParetoNbdFit, type ParetoNbdOptions, type ParetoNbdParams } from "./pareto-nbd.ts";
export { type PurchaseInterval, purchaseInterval } from "./purchase-interval.ts";
export * from "./simulate.ts";
export {
  digamma,
  gaussLegendre,
  hyp2f1,
  hyp2f1One,
  hyp2f1Series,
  lgamma,
  logAddExp,
  logBeta,
  logNegativeBinomial,
} from "./special.ts";
export {
  type CompressedSummaries,
  type CustomerSummaries,
  compressSummaries,
  distinctValues,
  type NumberColumn,
  spreadRows,
} from "./summaries.ts";
export type { FitOptions, FitResult, TransactionModel } from "./transaction-model.ts";
