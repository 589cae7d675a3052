// The public API of the grading engine. Internal helpers (normalisation, grade assignment,
// override application) stay unexported so that the core index cannot collide with other areas.
export * from "./builtin.ts";
export * from "./distribution.ts";
export { GradingError, type GradingErrorCode, isGradingError, type SchemeIssue } from "./errors.ts";
export type {
  GradeExplanation,
  GradePin,
  GradingInput,
  GradingOptions,
  GradingResult,
  GradingWarning,
  ScoreComponent,
} from "./evaluate.ts";
export { gradeCustomers } from "./evaluate.ts";
export * from "./fields.ts";
export { fieldLabel, gradingWarningAsText, gradingWarningText, registerGradingMessages } from "./messages.ts";
export * from "./migration.ts";
export { EQUAL_RELATIVE_TOLERANCE, type UninformativeReason } from "./normalize.ts";
export type { OverrideApplication, OverrideEffect } from "./overrides.ts";
export * from "./scheme.ts";
