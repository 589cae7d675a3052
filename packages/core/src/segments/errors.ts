import { CustraError } from "../errors/custra-error.ts";
import { registerSegmentMessages, type SegmentMessageKey } from "./messages.ts";
import type { Column } from "./types.ts";

registerSegmentMessages();

export type SegmentErrorCode =
  | "SEGMENTS_LENGTH_MISMATCH"
  | "SEGMENTS_INVALID_OPTION"
  | "SEGMENTS_MISSING_COLUMN";

const MESSAGE_KEYS: Record<SegmentErrorCode, SegmentMessageKey> = {
  SEGMENTS_LENGTH_MISMATCH: "segments.length_mismatch",
  SEGMENTS_INVALID_OPTION: "segments.invalid_option",
  SEGMENTS_MISSING_COLUMN: "segments.missing_column",
};

/** Input columns or options a rule cannot work with. */
export class SegmentError extends CustraError<SegmentErrorCode> {
  override readonly name = "SegmentError";
  declare readonly params: Readonly<Record<string, string | number>>;

  constructor(code: SegmentErrorCode, params: Readonly<Record<string, string | number>> = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}

export function isSegmentError(error: unknown, code?: SegmentErrorCode): error is SegmentError {
  return error instanceof SegmentError && (code === undefined || error.code === code);
}

/** The common length of the given columns; absent optional columns are skipped. */
export function customerCount(columns: Readonly<Record<string, Column | undefined>>): number {
  let expected = -1;
  for (const [name, column] of Object.entries(columns)) {
    if (column === undefined) continue;
    if (expected < 0) {
      expected = column.length;
    } else if (column.length !== expected) {
      throw new SegmentError("SEGMENTS_LENGTH_MISMATCH", {
        column: name,
        actual: column.length,
        expected,
      });
    }
  }
  return Math.max(expected, 0);
}

export function requireColumn(column: Column | undefined, name: string): Column {
  if (column === undefined) throw new SegmentError("SEGMENTS_MISSING_COLUMN", { column: name });
  return column;
}

/** Throws unless `value` lies in [min, max]. */
export function checkRange(option: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) {
    throw new SegmentError("SEGMENTS_INVALID_OPTION", { option, value, expected: `${min} … ${max}` });
  }
}

export function invalidOption(option: string, value: unknown, expected: string): SegmentError {
  return new SegmentError("SEGMENTS_INVALID_OPTION", { option, value: String(value), expected });
}
