import { type Params, t } from "@custra/core";
import "../messages.ts";

export type ImportFileErrorCode =
  | "not-found"
  | "unsupported-format"
  | "empty"
  | "no-header"
  | "sheet-not-found"
  | "undecodable"
  | "malformed"
  /** A workbook cut short or with corrupt parts. */
  | "damaged"
  /** An old binary .xls workbook, or an encrypted one (both OLE2 compound files). */
  | "legacy-format"
  /** The file goes beyond a read limit (see limits.ts). */
  | "limit";

const MESSAGE_KEYS: Record<ImportFileErrorCode, string> = {
  "not-found": "import.file.notFound",
  "unsupported-format": "import.file.unsupportedFormat",
  empty: "import.file.empty",
  "no-header": "import.file.noHeader",
  "sheet-not-found": "import.file.sheetNotFound",
  undecodable: "import.file.undecodable",
  malformed: "import.file.malformedCsv",
  damaged: "import.file.damagedXlsx",
  "legacy-format": "import.file.legacyXls",
  limit: "import.file.limitUnzipped",
};

/**
 * A file that cannot be read as a table at all, as opposed to a row with a bad value (which the
 * pipeline reports per line). The message is translated when the error is made, so it follows the
 * locale that was current at that moment.
 */
export class ImportFileError extends Error {
  override readonly name = "ImportFileError";

  constructor(
    readonly code: ImportFileErrorCode,
    readonly file: string,
    message: string,
    /** 1-based line of the problem, when there is one. */
    readonly line?: number,
    options?: ErrorOptions,
    /** The values the message was made from, for renderers in another language. */
    readonly params: Params = {},
    /** The catalog key of the message, with `params` its text in any language. */
    readonly messageKey: string = MESSAGE_KEYS[code],
  ) {
    super(message, options);
  }

  /** The error with the standard message for `code`; `key` picks a more specific message. */
  static of(
    code: ImportFileErrorCode,
    file: string,
    params: Params = {},
    extra: { key?: string; line?: number; cause?: unknown } = {},
  ): ImportFileError {
    const all = { file, ...params };
    const key = extra.key ?? MESSAGE_KEYS[code];
    return new ImportFileError(code, file, t(key, all), extra.line, { cause: extra.cause }, all, key);
  }
}
