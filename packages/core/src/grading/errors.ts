import { CustraError } from "../errors/custra-error.ts";
import { type Text, type TextParams, text } from "../errors/text.ts";
import type { IssueText } from "../i18n/document-issues.ts";
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

/** One problem of a scheme document: where (`dimensions[2].weight`, empty for the document) and what. */
export type SchemeIssue = IssueText;

/** A scheme, input or option the grading engine cannot work with; rendered in the reader's language. */
export class GradingError extends CustraError<GradingErrorCode> {
  override readonly name = "GradingError";
  /** Every problem found in a scheme document (GRADING_INVALID_SCHEME only), for editors to point at. */
  readonly issues: readonly SchemeIssue[];

  constructor(code: GradingErrorCode, params: TextParams = {}, issues: readonly SchemeIssue[] = []) {
    super(code, MESSAGE_KEYS[code], params);
    this.issues = issues;
  }
}

export function isGradingError(error: unknown, code?: GradingErrorCode): error is GradingError {
  return error instanceof GradingError && (code === undefined || error.code === code);
}

/** A scheme issue as one Text: "path: problem", the document itself named "方案" / "scheme". */
export function schemeIssueText(issue: SchemeIssue): Text {
  return text("document.issue", { path: issue.path || text("grading.path.root"), problem: issue.problem });
}

export function invalidOption(option: string, value: unknown, expected: string): GradingError {
  return new GradingError("GRADING_INVALID_OPTION", { option, value: String(value), expected });
}

export function checkLength(column: string, actual: number, expected: number): void {
  if (actual !== expected) throw new GradingError("GRADING_LENGTH_MISMATCH", { column, actual, expected });
}
