import { CustraError, type TextParams } from "@custra/core/errors";
import "../messages.ts";

export type ImportFileErrorCode =
  | "IMPORT_FILE_NOT_FOUND"
  | "IMPORT_FILE_UNSUPPORTED_FORMAT"
  | "IMPORT_FILE_EMPTY"
  | "IMPORT_FILE_NO_HEADER"
  | "IMPORT_FILE_SHEET_NOT_FOUND"
  | "IMPORT_FILE_UNDECODABLE"
  | "IMPORT_FILE_MALFORMED"
  /** A workbook cut short or with corrupt parts. */
  | "IMPORT_FILE_DAMAGED"
  /** An old binary .xls workbook, or an encrypted one (both OLE2 compound files). */
  | "IMPORT_FILE_LEGACY_FORMAT"
  /** The file goes beyond a read limit (see limits.ts). */
  | "IMPORT_FILE_TOO_LARGE"
  /** A read limit set in the environment is not a positive whole number (the installation's fault). */
  | "IMPORT_READ_LIMIT_INVALID";

const MESSAGE_KEYS: Record<ImportFileErrorCode, string> = {
  IMPORT_FILE_NOT_FOUND: "import.file.notFound",
  IMPORT_FILE_UNSUPPORTED_FORMAT: "import.file.unsupportedFormat",
  IMPORT_FILE_EMPTY: "import.file.empty",
  IMPORT_FILE_NO_HEADER: "import.file.noHeader",
  IMPORT_FILE_SHEET_NOT_FOUND: "import.file.sheetNotFound",
  IMPORT_FILE_UNDECODABLE: "import.file.undecodable",
  IMPORT_FILE_MALFORMED: "import.file.malformedCsv",
  IMPORT_FILE_DAMAGED: "import.file.damagedXlsx",
  IMPORT_FILE_LEGACY_FORMAT: "import.file.legacyXls",
  IMPORT_FILE_TOO_LARGE: "import.file.limitUnzipped",
  IMPORT_READ_LIMIT_INVALID: "import.file.badLimit",
};

/**
 * A file that cannot be read as a table at all, as opposed to a row with a bad value (which the
 * pipeline reports per line). `params` always hold `file`; a more specific message than the
 * code's own can be picked with `key` (`ImportFileError.of`).
 */
export class ImportFileError extends CustraError<ImportFileErrorCode> {
  override readonly name = "ImportFileError";

  constructor(
    code: ImportFileErrorCode,
    readonly file: string,
    params: TextParams = {},
    /** 1-based line of the problem, when there is one. */
    readonly line?: number,
    options?: { key?: string; cause?: unknown },
  ) {
    super(code, options?.key ?? MESSAGE_KEYS[code], { file, ...params }, { cause: options?.cause });
  }

  /**
   * The same error naming the file `name` (an upload's own name) instead of its path, which on
   * a server is a temporary file's and no business of the reader's.
   */
  named(name: string): ImportFileError {
    return new ImportFileError(this.code, name, { ...this.params, file: name }, this.line, {
      key: this.messageKey,
      cause: this.cause,
    });
  }

  /** The error with the standard message for `code`; `key` picks a more specific message. */
  static of(
    code: ImportFileErrorCode,
    file: string,
    params: TextParams = {},
    extra: { key?: string; line?: number; cause?: unknown } = {},
  ): ImportFileError {
    return new ImportFileError(code, file, params, extra.line, { key: extra.key, cause: extra.cause });
  }
}
