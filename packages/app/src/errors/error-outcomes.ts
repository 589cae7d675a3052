/**
 * Every error code custra has, with the CLI exit code and the HTTP status it ends in: one map,
 * exhaustive by type, so a new code without an outcome does not compile. Type imports only: the
 * CLI reads this module on every failure and must not load the areas it names.
 */
import type {
  CalendarErrorCode,
  GradingErrorCode,
  ModelErrorCode,
  RecommendErrorCode,
  SegmentErrorCode,
  SettingsErrorCode,
  StrategyErrorCode,
} from "@custra/core";
import type { DbErrorCode } from "@custra/db";
import type { GradeErrorCode, RecommendationErrorCode } from "@custra/engine";
import type { AppErrorCode } from "./app-error.ts";

export type ErrorCode =
  | AppErrorCode
  | CalendarErrorCode
  | DbErrorCode
  | GradeErrorCode
  | GradingErrorCode
  | ModelErrorCode
  | RecommendationErrorCode
  | RecommendErrorCode
  | SegmentErrorCode
  | SettingsErrorCode
  | StrategyErrorCode;

/** 1: bad input or a state the user must change; 2: the command was used wrongly (usage). */
export type ExitCode = 1 | 2;
export type HttpStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503;

export interface ErrorOutcome {
  readonly exit: ExitCode;
  readonly status: HttpStatus;
}

/** Input the caller can correct: a field, an option, a document. */
const INVALID: ErrorOutcome = { exit: 1, status: 400 };
/** Well-formed input the data cannot support (a model on too few buyers, a file's contents). */
const UNPROCESSABLE: ErrorOutcome = { exit: 1, status: 422 };
const NOT_FOUND: ErrorOutcome = { exit: 1, status: 404 };
const CONFLICT: ErrorOutcome = { exit: 1, status: 409 };
/** The database or a service is not there right now; retrying later may work. */
const UNAVAILABLE: ErrorOutcome = { exit: 1, status: 503 };
/** Our own fault or a broken installation: nothing the caller can change. */
const INTERNAL: ErrorOutcome = { exit: 1, status: 500 };

export const ERROR_OUTCOMES: { readonly [C in ErrorCode]: ErrorOutcome } = {
  APP_INVALID_INPUT: INVALID,
  APP_NOT_FOUND: NOT_FOUND,
  APP_FORBIDDEN: { exit: 1, status: 403 },
  APP_CONFLICT: CONFLICT,

  CALENDAR_INVALID_DATE: INVALID,
  CALENDAR_OUT_OF_RANGE: INVALID,
  CALENDAR_INVALID_LUNAR_DATE: INVALID,
  CALENDAR_UNKNOWN_FESTIVAL: INVALID,

  DB_LOCKED: UNAVAILABLE,
  DB_OPEN_FAILED: UNAVAILABLE,
  DB_UNREACHABLE: UNAVAILABLE,
  DB_NOT_FOUND: UNAVAILABLE,
  DB_AUTH_FAILED: UNAVAILABLE,
  DB_MIGRATION_FAILED: INTERNAL,
  DB_BULK_LOAD_FAILED: UNPROCESSABLE,
  DB_UNSAFE_INTEGER: UNPROCESSABLE,
  DB_BUSY: { exit: 1, status: 423 },

  GRADE_UNKNOWN_SCHEME: NOT_FOUND,
  GRADE_UNKNOWN_PLAYBOOK: NOT_FOUND,
  GRADE_NO_ANALYSIS: CONFLICT,
  GRADE_UNKNOWN_ANALYSIS_RUN: NOT_FOUND,
  GRADE_UNKNOWN_GRADE_RUN: NOT_FOUND,
  GRADE_NO_GRADE_RUN: CONFLICT,
  GRADE_DIFFERENT_SCHEMES: INVALID,
  GRADE_NEED_TWO_RUNS: CONFLICT,
  GRADE_NEED_BOTH_RUNS: { exit: 2, status: 400 },
  GRADE_UNKNOWN_CUSTOMER: NOT_FOUND,
  GRADE_NOT_GRADED: NOT_FOUND,
  GRADE_NOT_GRADED_BY: NOT_FOUND,
  GRADE_UNKNOWN_GRADE: INVALID,
  GRADE_INVALID_DATE: INVALID,
  GRADE_NO_PIN: NOT_FOUND,
  GRADE_PIN_NEEDS_REASON: { exit: 2, status: 400 },
  GRADE_UNKNOWN_DIMENSION: INVALID,
  GRADE_UNKNOWN_FIELD: INVALID,
  GRADE_FILE_MISSING: INVALID,
  GRADE_FILE_UNREADABLE: INVALID,
  GRADE_FILE_SYNTAX: INVALID,
  TASK_UNKNOWN: NOT_FOUND,
  TASK_UNKNOWN_CAMPAIGN: NOT_FOUND,
  TASK_DONE: CONFLICT,

  GRADING_INVALID_SCHEME: INVALID,
  GRADING_UNKNOWN_FIELD: INVALID,
  GRADING_FIELD_KIND: INVALID,
  GRADING_LENGTH_MISMATCH: INTERNAL,
  GRADING_UNKNOWN_GRADE: INVALID,
  GRADING_INVALID_OPTION: INVALID,
  GRADING_DUPLICATE_CUSTOMER: INTERNAL,
  GRADING_DUPLICATE_PIN: CONFLICT,

  MODEL_EMPTY_INPUT: UNPROCESSABLE,
  MODEL_LENGTH_MISMATCH: INTERNAL,
  MODEL_INVALID_VALUE: UNPROCESSABLE,
  MODEL_FREQUENCY_NOT_INTEGER: UNPROCESSABLE,
  MODEL_RECENCY_AFTER_AGE: UNPROCESSABLE,
  MODEL_RECENCY_WITHOUT_REPEAT: UNPROCESSABLE,
  MODEL_TOO_FEW_REPEAT_BUYERS: UNPROCESSABLE,
  MODEL_NON_POSITIVE_SPEND: UNPROCESSABLE,
  MODEL_INVALID_PARAMS: INVALID,
  MODEL_INVALID_OPTION: INVALID,

  RECOMMENDATION_UNKNOWN_RUN: NOT_FOUND,
  RECOMMENDATION_NO_RUNS: CONFLICT,

  RECOMMEND_LENGTH_MISMATCH: INTERNAL,
  RECOMMEND_INVALID_OFFSETS: INTERNAL,
  RECOMMEND_INVALID_PRODUCT: UNPROCESSABLE,
  RECOMMEND_DUPLICATE_PRODUCT: UNPROCESSABLE,
  RECOMMEND_INVALID_INDEX: INTERNAL,
  RECOMMEND_INVALID_ORDERS: UNPROCESSABLE,
  RECOMMEND_INVALID_OPTION: INVALID,
  RECOMMEND_TOO_MANY_PEER_CELLS: UNPROCESSABLE,

  SEGMENTS_LENGTH_MISMATCH: INTERNAL,
  SEGMENTS_INVALID_OPTION: INVALID,
  SEGMENTS_MISSING_COLUMN: INTERNAL,

  SETTINGS_UNKNOWN_KEY: INVALID,
  SETTINGS_INVALID_VALUE: INVALID,
  SETTINGS_STORED_INVALID: INTERNAL,

  STRATEGY_INVALID_PLAYBOOK: INVALID,
  STRATEGY_INVALID_INPUT: INVALID,
  STRATEGY_LENGTH_MISMATCH: INTERNAL,
  STRATEGY_INVALID_OPTION: INVALID,
};

const UNKNOWN: ErrorOutcome = INTERNAL;

/** The outcome of an error's code; codes outside the map (not ours) are internal errors. */
export function outcomeOf(code: string): ErrorOutcome {
  return (ERROR_OUTCOMES as Readonly<Record<string, ErrorOutcome>>)[code] ?? UNKNOWN;
}
