import type { Text } from "@custra/core/errors";
import type { ReadLimits } from "./limits.ts";

/** One cell as a reader delivers it: CSV gives strings, XLSX typed values. */
export type Cell = string | number | boolean | Date | null;

/**
 * An XLSX formula cell whose result the reader does not get: exceljs's streaming reader drops the
 * cached value of a formula that ended in an error (#DIV/0!), and a workbook written by a program
 * may never have calculated it. Read as empty, the value would be silently lost.
 */
export const FORMULA_WITHOUT_RESULT = "#FORMULA?";

export interface RawRow {
  /** 1-based physical line where the record starts (CSV) or the sheet row number (XLSX). */
  line: number;
  cells: Cell[];
  /**
   * Why the record cannot be read as a row (a quote that swallowed the lines after it, a NUL
   * byte), as Text for the reader: the row is bad, its cells are not to be used.
   */
  problem?: Text;
}

/** A table file opened for reading: its header is known, its rows are streamed in batches. */
export interface TableSource {
  /** The path as given. */
  file: string;
  format: "csv" | "xlsx";
  /** CSV only: "utf-8", "gb18030", … */
  encoding?: string;
  /** CSV only: ",", ";", "\t" or "|". */
  delimiter?: string;
  /** Header cells, trimmed, without a byte-order mark. */
  headers: string[];
  /** 1-based line (or sheet row) of the header. */
  headerLine: number;
  /** Size of the file, for progress. */
  totalBytes: number;
  /** Bytes of the file consumed so far by the current `rows()` iteration, for progress. */
  bytesRead(): number;
  /**
   * The data rows after the header, in batches of a few thousand, skipping blank rows. Rows are
   * not checked against the header width: a row with too few or too many cells is delivered as is
   * for the pipeline to report. Each call reads the file again from the start.
   */
  rows(): AsyncIterable<RawRow[]>;
}

export interface OpenTableOptions {
  /** XLSX: the sheet to read; the first sheet when absent. */
  sheet?: string;
  /** CSV: the text encoding, overriding detection ("gbk", "utf-8", …). */
  encoding?: string;
  /** CSV: the delimiter, overriding detection. */
  delimiter?: string;
  /** Limits on what a file may expand to (see limits.ts); the environment's or the defaults when absent. */
  limits?: Partial<ReadLimits>;
}

export const BATCH_ROWS = 8192;

/** True when no cell holds anything but whitespace. */
export function isBlankRow(cells: readonly Cell[]): boolean {
  for (const cell of cells) {
    if (cell === null) continue;
    if (typeof cell === "string" && cell.trim() === "") continue;
    return false;
  }
  return true;
}

/**
 * Whether a first row is data rather than column names: no cell holds a letter or ideograph
 * (dates, amounts and codes only). A file exported without its header row would otherwise be
 * imported with its first record as column names.
 */
export function looksLikeData(cells: readonly Cell[]): boolean {
  for (const cell of cells) {
    if (typeof cell === "string" && /\p{L}/u.test(cell)) return false;
  }
  return true;
}
