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
import type {
  AnalyzeErrorCode,
  DemoOptionsErrorCode,
  ImportErrorCode,
  ImportFileErrorCode,
  ImportOptionErrorCode,
} from "@custra/engine";
import type { BacktestErrorCode } from "@custra/engine/backtest";
import type { ExportErrorCode } from "@custra/engine/export";
import type { AccessErrorCode } from "../access/access-error.ts";
import type { JobErrorCode } from "../jobs/job-error.ts";
import type { AppErrorCode } from "./app-error.ts";
import type { ServerErrorCode } from "./server-error.ts";

export type ErrorCode =
  | AccessErrorCode
  | AppErrorCode
  | AnalyzeErrorCode
  | BacktestErrorCode
  | DemoOptionsErrorCode
  | CalendarErrorCode
  | DbErrorCode
  | ExportErrorCode
  | GradingErrorCode
  | JobErrorCode
  | ImportErrorCode
  | ImportFileErrorCode
  | ImportOptionErrorCode
  | ModelErrorCode
  | RecommendErrorCode
  | SegmentErrorCode
  | ServerErrorCode
  | SettingsErrorCode
  | StrategyErrorCode;

/** 1: bad input or a state the user must change; 2: the command was used wrongly (usage). */
export type ExitCode = 1 | 2;
export type HttpStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503;

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
/** An option of a command that cannot be used as given: a usage error on the command line. */
const BAD_OPTION: ErrorOutcome = { exit: 2, status: 400 };
const TOO_LARGE: ErrorOutcome = { exit: 1, status: 413 };
const UNSUPPORTED_MEDIA: ErrorOutcome = { exit: 1, status: 415 };

export const ERROR_OUTCOMES: { readonly [C in ErrorCode]: ErrorOutcome } = {
  APP_INVALID_INPUT: INVALID,
  APP_NOT_FOUND: NOT_FOUND,
  APP_FORBIDDEN: { exit: 1, status: 403 },
  APP_CONFLICT: CONFLICT,

  ACCESS_BAD_CREDENTIALS: { exit: 1, status: 401 },
  ACCESS_LOCKED: { exit: 1, status: 423 },
  ACCESS_ACCOUNT_DISABLED: { exit: 1, status: 403 },
  ACCESS_NOT_SIGNED_IN: { exit: 1, status: 401 },
  ACCESS_WEAK_PASSWORD: INVALID,
  ACCESS_USER_EXISTS: CONFLICT,
  ACCESS_ROLE_EXISTS: CONFLICT,
  ACCESS_UNKNOWN_REFERENCE: INVALID,
  ACCESS_CYCLE: INVALID,
  ACCESS_DEPARTMENT_IN_USE: CONFLICT,
  ANALYZE_NO_ORDERS: UNPROCESSABLE,
  ANALYZE_NO_RUN: CONFLICT,

  BACKTEST_INVALID_DATE: INVALID,
  BACKTEST_HOLDOUT_NOT_AFTER_CALIBRATION: INVALID,
  BACKTEST_NO_CALIBRATION_PURCHASES: UNPROCESSABLE,
  BACKTEST_TOO_FEW_REPEAT_BUYERS: UNPROCESSABLE,

  DEMO_INVALID_CUSTOMERS: INVALID,
  DEMO_INVALID_SEED: INVALID,
  DEMO_INVALID_AS_OF: INVALID,
  DEMO_NO_OUT_DIR: INVALID,
  DEMO_NOT_EMPTY: CONFLICT,

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

  EXPORT_NO_ANALYSIS: CONFLICT,
  EXPORT_RUN_NOT_FOUND: NOT_FOUND,
  EXPORT_NO_ORDERS: CONFLICT,
  EXPORT_NO_GRADES: CONFLICT,
  EXPORT_GRADE_RUN_NOT_FOUND: NOT_FOUND,
  EXPORT_GRADE_RUN_OF_OTHER_SCHEME: INVALID,
  EXPORT_NO_GRADES_OF_SCHEME: NOT_FOUND,
  EXPORT_CANNOT_WRITE: INTERNAL,

  GRADING_INVALID_SCHEME: INVALID,
  GRADING_UNKNOWN_FIELD: INVALID,
  GRADING_FIELD_KIND: INVALID,
  GRADING_LENGTH_MISMATCH: INTERNAL,
  GRADING_UNKNOWN_GRADE: INVALID,
  GRADING_INVALID_OPTION: INVALID,
  GRADING_DUPLICATE_CUSTOMER: INTERNAL,
  GRADING_DUPLICATE_PIN: CONFLICT,

  JOB_UNKNOWN_KIND: INVALID,
  JOB_INTERRUPTED: INTERNAL,
  JOB_STOPPED: UNAVAILABLE,
  JOB_FAILED: INTERNAL,
  IMPORT_HEADER_INVALID: UNPROCESSABLE,
  IMPORT_COLUMNS_MISSING: UNPROCESSABLE,
  IMPORT_DATES_AMBIGUOUS: UNPROCESSABLE,
  IMPORT_STAGE_FAILED: UNAVAILABLE,
  IMPORT_ROWS_REJECTED: UNPROCESSABLE,
  IMPORT_PROFILE_UNREADABLE: INVALID,
  IMPORT_PROFILE_SYNTAX: INVALID,
  IMPORT_PROFILE_INVALID: INVALID,
  IMPORT_PROFILE_UNWRITABLE: INVALID,

  IMPORT_FILE_NOT_FOUND: INVALID,
  IMPORT_FILE_UNSUPPORTED_FORMAT: UNSUPPORTED_MEDIA,
  IMPORT_FILE_LEGACY_FORMAT: UNSUPPORTED_MEDIA,
  IMPORT_FILE_EMPTY: UNPROCESSABLE,
  IMPORT_FILE_NO_HEADER: UNPROCESSABLE,
  IMPORT_FILE_SHEET_NOT_FOUND: UNPROCESSABLE,
  IMPORT_FILE_UNDECODABLE: UNPROCESSABLE,
  IMPORT_FILE_MALFORMED: UNPROCESSABLE,
  IMPORT_FILE_DAMAGED: UNPROCESSABLE,
  IMPORT_FILE_TOO_LARGE: TOO_LARGE,
  IMPORT_READ_LIMIT_INVALID: INTERNAL,

  IMPORT_OPTION_MAP_MALFORMED: BAD_OPTION,
  IMPORT_OPTION_MAP_COLUMN_TWICE: BAD_OPTION,
  IMPORT_OPTION_VALUES_MALFORMED: BAD_OPTION,
  IMPORT_OPTION_UNKNOWN_FIELD: BAD_OPTION,
  IMPORT_OPTION_BAD_VALUE_TARGET: BAD_OPTION,
  IMPORT_OPTION_BAD_DEFAULT: BAD_OPTION,
  IMPORT_OPTION_BAD_DATE_FORMAT: BAD_OPTION,
  IMPORT_OPTION_LINES_ORDERS_ONLY: BAD_OPTION,

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

  SERVER_INVALID_SETTING: INVALID,
  SERVER_ROUTE_NOT_FOUND: NOT_FOUND,
  SERVER_METHOD_NOT_ALLOWED: { exit: 2, status: 405 },
  SERVER_INVALID_JSON: INVALID,
  SERVER_BODY_TOO_LARGE: { exit: 1, status: 413 },
  SERVER_UNSUPPORTED_MEDIA_TYPE: { exit: 1, status: 415 },
  SERVER_TOO_MANY_REQUESTS: { exit: 1, status: 429 },
  SERVER_CSRF_REJECTED: { exit: 1, status: 403 },
  SERVER_NOT_READY: UNAVAILABLE,
  SERVER_INTERNAL: INTERNAL,

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
