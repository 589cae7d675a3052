import { CustraError, type TextParams } from "@custra/core";
import "./messages.ts";

export type AnalyzeErrorCode =
  /** No completed order (purchase or return) to analyse. */
  | "ANALYZE_NO_ORDERS"
  /** A reader asked for the latest analysis and there is none yet. */
  | "ANALYZE_NO_RUN";

const MESSAGE_KEYS: Record<AnalyzeErrorCode, string> = {
  ANALYZE_NO_ORDERS: "analyze.error.noOrders",
  ANALYZE_NO_RUN: "analyze.error.noRun",
};

/** The analysis cannot run (or be read) on this data, for a reason the user can fix. */
export class AnalyzeError extends CustraError<AnalyzeErrorCode> {
  override readonly name = "AnalyzeError";

  constructor(code: AnalyzeErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}

export function isAnalyzeError(error: unknown, code?: AnalyzeErrorCode): error is AnalyzeError {
  return error instanceof AnalyzeError && (code === undefined || error.code === code);
}
