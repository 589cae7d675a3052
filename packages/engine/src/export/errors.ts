import { CustraError, type TextParams } from "@custra/core/errors";
import "./messages.ts";

export type ExportErrorCode =
  /** No analysis has run yet: there are no scores. */
  | "EXPORT_NO_ANALYSIS"
  /** The analysis run asked for does not exist (`latest` names the latest). */
  | "EXPORT_RUN_NOT_FOUND"
  /** No completed orders: nothing to summarise. */
  | "EXPORT_NO_ORDERS"
  /** Nothing has been graded yet. */
  | "EXPORT_NO_GRADES"
  | "EXPORT_GRADE_RUN_NOT_FOUND"
  /** The grade run asked for graded another scheme than the one asked for. */
  | "EXPORT_GRADE_RUN_OF_OTHER_SCHEME"
  /** The scheme asked for has graded no one yet. */
  | "EXPORT_NO_GRADES_OF_SCHEME"
  /** The file cannot be written (a missing folder, no permission, a full disk). */
  | "EXPORT_CANNOT_WRITE";

const MESSAGE_KEYS: Record<ExportErrorCode, string> = {
  EXPORT_NO_ANALYSIS: "export.noRun",
  EXPORT_RUN_NOT_FOUND: "export.unknownRun",
  EXPORT_NO_ORDERS: "export.noOrders",
  EXPORT_NO_GRADES: "export.noGradeRun",
  EXPORT_GRADE_RUN_NOT_FOUND: "export.unknownGradeRun",
  EXPORT_GRADE_RUN_OF_OTHER_SCHEME: "export.gradeRunOfOtherScheme",
  EXPORT_NO_GRADES_OF_SCHEME: "export.noGradeRunOfScheme",
  EXPORT_CANNOT_WRITE: "export.cannotWrite",
};

/** An export that cannot be made, for a reason the user can fix (no analysis yet, a path that cannot be written). */
export class ExportError extends CustraError<ExportErrorCode> {
  override readonly name = "ExportError";

  constructor(code: ExportErrorCode, params: TextParams = {}, options?: { cause?: unknown }) {
    super(code, MESSAGE_KEYS[code], params, options);
  }
}
