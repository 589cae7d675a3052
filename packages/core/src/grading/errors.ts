import { t } from "../i18n/i18n.ts";
import { type GradingMessageKey, registerGradingMessages } from "./messages.ts";

registerGradingMessages();

export type GradingErrorCode =
  | "GRADING_INVALID_SCHEME"
  | "GRADING_UNKNOWN_FIELD"
  | "GRADING_FIELD_KIND"
  | "GRADING_LENGTH_MISMATCH"
  | "GRADING_UNKNOWN_GRADE"
  | "GRADING_INVALID_OPTION"
  | "GRADING_DUPLICATE_CUSTOMER"
  | "GRADING_DUPLICATE_PIN";

const MESSAGE_KEYS: Record<GradingErrorCode, GradingMessageKey> = {
  GRADING_INVALID_SCHEME: "grading.invalid_scheme",
  GRADING_UNKNOWN_FIELD: "grading.unknown_field",
  GRADING_FIELD_KIND: "grading.field_kind",
  GRADING_LENGTH_MISMATCH: "grading.length_mismatch",
  GRADING_UNKNOWN_GRADE: "grading.unknown_grade",
  GRADING_INVALID_OPTION: "grading.invalid_option",
  GRADING_DUPLICATE_CUSTOMER: "grading.duplicate_customer",
  GRADING_DUPLICATE_PIN: "grading.duplicate_pin",
};

/** One problem of a scheme document: where (`dimensions[2].weight`) and what, localized. */
export interface SchemeIssue {
  readonly path: string;
  readonly problem: string;
}

/** A scheme, input or option the grading engine cannot work with; `message` is localized. */
export class GradingError extends Error {
  override readonly name = "GradingError";
  readonly code: GradingErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** Every problem found in a scheme document (GRADING_INVALID_SCHEME only), for editors to point at. */
  readonly issues: readonly SchemeIssue[];

  constructor(
    code: GradingErrorCode,
    params: Readonly<Record<string, string | number>> = {},
    issues: readonly SchemeIssue[] = [],
  ) {
    super(t(MESSAGE_KEYS[code], params));
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

export function isGradingError(error: unknown, code?: GradingErrorCode): error is GradingError {
  return error instanceof GradingError && (code === undefined || error.code === code);
}

export function invalidOption(option: string, value: unknown, expected: string): GradingError {
  return new GradingError("GRADING_INVALID_OPTION", { option, value: String(value), expected });
}

export function checkLength(column: string, actual: number, expected: number): void {
  if (actual !== expected) throw new GradingError("GRADING_LENGTH_MISMATCH", { column, actual, expected });
}
