import { CustraError, type TextParams } from "@custra/core";
import { type GradeMessageKey, registerGradeMessages } from "./messages.ts";

registerGradeMessages();

export type GradeErrorCode =
  /** No scheme of that name (and version); `known` lists the names there are. */
  | "GRADE_UNKNOWN_SCHEME"
  | "GRADE_UNKNOWN_PLAYBOOK"
  /** Nothing has been analysed yet: grading needs an analysis run. */
  | "GRADE_NO_ANALYSIS"
  | "GRADE_UNKNOWN_ANALYSIS_RUN"
  | "GRADE_UNKNOWN_GRADE_RUN"
  /** The scheme has graded nobody yet. */
  | "GRADE_NO_GRADE_RUN"
  | "GRADE_DIFFERENT_SCHEMES"
  /** A migration needs two runs of the scheme, or both `from` and `to` named. */
  | "GRADE_NEED_TWO_RUNS"
  | "GRADE_NEED_BOTH_RUNS"
  | "GRADE_UNKNOWN_CUSTOMER"
  /** The customer has no grade (under the scheme named, if one is). */
  | "GRADE_NOT_GRADED"
  | "GRADE_NOT_GRADED_BY"
  | "GRADE_UNKNOWN_GRADE"
  | "GRADE_INVALID_DATE"
  | "GRADE_NO_PIN"
  | "GRADE_PIN_NEEDS_REASON"
  | "GRADE_UNKNOWN_DIMENSION"
  | "GRADE_UNKNOWN_FIELD"
  | "GRADE_FILE_MISSING"
  | "GRADE_FILE_UNREADABLE"
  | "GRADE_FILE_SYNTAX"
  | "TASK_UNKNOWN"
  | "TASK_UNKNOWN_CAMPAIGN"
  /** A reschedule or reassignment asked of a task that is done already. */
  | "TASK_DONE";

const MESSAGE_KEYS: Record<GradeErrorCode, GradeMessageKey> = {
  GRADE_UNKNOWN_SCHEME: "grade.unknown_scheme",
  GRADE_UNKNOWN_PLAYBOOK: "grade.unknown_playbook",
  GRADE_NO_ANALYSIS: "grade.noAnalysis",
  GRADE_UNKNOWN_ANALYSIS_RUN: "grade.unknownAnalysisRun",
  GRADE_UNKNOWN_GRADE_RUN: "grade.unknownGradeRun",
  GRADE_NO_GRADE_RUN: "grade.noGradeRun",
  GRADE_DIFFERENT_SCHEMES: "grade.differentSchemes",
  GRADE_NEED_TWO_RUNS: "grade.needTwoRuns",
  GRADE_NEED_BOTH_RUNS: "grade.needBothRuns",
  GRADE_UNKNOWN_CUSTOMER: "grade.unknownCustomer",
  GRADE_NOT_GRADED: "grade.notGraded",
  GRADE_NOT_GRADED_BY: "grade.notGradedBy",
  GRADE_UNKNOWN_GRADE: "grade.unknownGrade",
  GRADE_INVALID_DATE: "grade.badDate",
  GRADE_NO_PIN: "grade.noPin",
  GRADE_PIN_NEEDS_REASON: "grade.pinNeedsReason",
  GRADE_UNKNOWN_DIMENSION: "grade.unknownDimension",
  GRADE_UNKNOWN_FIELD: "grade.unknownField",
  GRADE_FILE_MISSING: "grade.file.missing",
  GRADE_FILE_UNREADABLE: "grade.file.unreadable",
  GRADE_FILE_SYNTAX: "grade.file.syntax",
  TASK_UNKNOWN: "tasks.unknown",
  TASK_UNKNOWN_CAMPAIGN: "tasks.unknownCampaign",
  TASK_DONE: "tasks.done",
};

/** Grading or task work that cannot be done, for a reason the user can fix (no analysis yet, an unknown scheme). */
export class GradeError extends CustraError<GradeErrorCode> {
  override readonly name = "GradeError";

  constructor(code: GradeErrorCode, params: TextParams = {}, options?: { cause?: unknown }) {
    super(code, MESSAGE_KEYS[code], params, options);
  }
}

export function isGradeError(error: unknown, code?: GradeErrorCode): error is GradeError {
  return error instanceof GradeError && (code === undefined || error.code === code);
}
