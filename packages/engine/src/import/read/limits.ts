/**
 * How much a file may make the reader hold or produce. A workbook is a zip: a few kilobytes can
 * expand to gigabytes of sheet XML or shared strings (a zip bomb), which read for minutes and then
 * exhaust memory. The defaults are far above what a real export holds (Excel itself stops at
 * 1,048,576 rows and 32,767 characters per cell) and far below what hurts; each can be raised
 * through the import options or, for every import of a process, the environment.
 */
import { ImportFileError } from "./errors.ts";

export interface ReadLimits {
  /** XLSX: bytes the parts read from a workbook may expand to when unzipped (default 1 GiB). */
  maxUnzippedBytes: number;
  /** XLSX: rows of a sheet, blank ones included (default 5,000,000). */
  maxRows: number;
  /** Characters in one cell, as Excel allows (default 32,767). */
  maxCellChars: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = {
  maxUnzippedBytes: 1024 ** 3,
  maxRows: 5_000_000,
  maxCellChars: 32_767,
};

/** The environment variable of each limit, and the unit it is given in. */
export const LIMIT_VARIABLES: Readonly<Record<keyof ReadLimits, { name: string; unit: number }>> = {
  maxUnzippedBytes: { name: "CUSTRA_IMPORT_MAX_UNZIPPED_MB", unit: 1024 * 1024 },
  maxRows: { name: "CUSTRA_IMPORT_MAX_ROWS", unit: 1 },
  maxCellChars: { name: "CUSTRA_IMPORT_MAX_CELL_CHARS", unit: 1 },
};

/** The limits to read `file` with: those given, else the environment's, else the defaults. */
export function resolveLimits(
  file: string,
  given: Partial<ReadLimits> = {},
  env: NodeJS.ProcessEnv = process.env,
): ReadLimits {
  const limits = { ...DEFAULT_READ_LIMITS };
  for (const key of Object.keys(LIMIT_VARIABLES) as (keyof ReadLimits)[]) {
    const { name, unit } = LIMIT_VARIABLES[key];
    const text = env[name]?.trim();
    if (given[key] !== undefined) limits[key] = given[key];
    else if (text) {
      if (!/^[1-9]\d*$/.test(text)) {
        throw ImportFileError.of("IMPORT_READ_LIMIT_INVALID", file, { variable: name, value: text });
      }
      limits[key] = Number(text) * unit;
    }
  }
  return limits;
}

/** The message of each limit, for the whole file and for one line. */
const LIMIT_MESSAGES: Readonly<Record<keyof ReadLimits, readonly [string, string]>> = {
  maxUnzippedBytes: ["import.file.limitUnzipped", "import.file.limitUnzipped"],
  maxRows: ["import.file.limitRows", "import.file.limitRows"],
  maxCellChars: ["import.file.limitCellText", "import.file.limitCell"],
};

/** The error for a file that goes beyond `limit`, saying how to raise it. */
export function limitError(
  file: string,
  limit: keyof ReadLimits,
  limits: ReadLimits,
  extra: { line?: number; column?: string; part?: string } = {},
): ImportFileError {
  const { name, unit } = LIMIT_VARIABLES[limit];
  return ImportFileError.of(
    "IMPORT_FILE_TOO_LARGE",
    file,
    {
      limit: Math.floor(limits[limit] / unit),
      variable: name,
      line: extra.line ?? "",
      column: extra.column ?? "",
      part: extra.part ?? "",
    },
    { key: LIMIT_MESSAGES[limit][extra.line === undefined ? 0 : 1], line: extra.line },
  );
}
