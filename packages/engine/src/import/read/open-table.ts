import { access, constants, stat } from "node:fs/promises";
import { extname } from "node:path";
import { openCsv } from "./csv.ts";
import { ImportFileError } from "./errors.ts";
import type { OpenTableOptions, TableSource } from "./table.ts";
import { openXlsx } from "./xlsx.ts";

export { ImportFileError, type ImportFileErrorCode } from "./errors.ts";
export { DEFAULT_READ_LIMITS, LIMIT_VARIABLES, type ReadLimits } from "./limits.ts";
export type { Cell, OpenTableOptions, RawRow, TableSource } from "./table.ts";

const FORMATS: Record<string, "csv" | "xlsx"> = {
  ".csv": "csv",
  ".txt": "csv",
  ".tsv": "csv",
  ".xlsx": "xlsx",
};

/**
 * Opens a CSV or XLSX file for import: detects its format (by extension), encoding and delimiter,
 * reads its header row, and returns a source whose rows are streamed in batches. Throws an
 * `ImportFileError` when the file cannot be read as a table at all.
 */
export async function openTable(file: string, options: OpenTableOptions = {}): Promise<TableSource> {
  const format = FORMATS[extname(file).toLowerCase()];
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile())
      throw ImportFileError.of("IMPORT_FILE_NOT_FOUND", file, {}, { key: "import.file.notAFile" });
    size = info.size;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw ImportFileError.of("IMPORT_FILE_NOT_FOUND", file, {}, { cause: error });
  }
  // Saved as .xls, a workbook is the old binary format (or an encrypted one): exceljs reads neither.
  if (extname(file).toLowerCase() === ".xls") throw ImportFileError.of("IMPORT_FILE_LEGACY_FORMAT", file);
  if (!format) throw ImportFileError.of("IMPORT_FILE_UNSUPPORTED_FORMAT", file);
  if (size === 0) throw ImportFileError.of("IMPORT_FILE_EMPTY", file);
  // Checked here so that the readers' streams never meet it (their error would be the system's text).
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    throw ImportFileError.of(
      "IMPORT_FILE_NOT_FOUND",
      file,
      {},
      { key: "import.file.notReadable", cause: error },
    );
  }
  if (format === "xlsx") return openXlsx(file, size, options);
  return openCsv(file, size, {
    delimiter: extname(file).toLowerCase() === ".tsv" ? "\t" : undefined,
    ...options,
  });
}
