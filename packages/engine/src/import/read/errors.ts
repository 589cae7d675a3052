import { type Params, t } from "@custra/core";
import "../messages.ts";

export type ImportFileErrorCode =
  | "not-found"
  | "unsupported-format"
  | "empty"
  | "no-header"
  | "sheet-not-found"
  | "undecodable"
  | "malformed";

const MESSAGE_KEYS: Record<ImportFileErrorCode, string> = {
  "not-found": "import.file.notFound",
  "unsupported-format": "import.file.unsupportedFormat",
  empty: "import.file.empty",
  "no-header": "import.file.noHeader",
  "sheet-not-found": "import.file.sheetNotFound",
  undecodable: "import.file.undecodable",
  malformed: "import.file.malformedCsv",
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
    const message = t(extra.key ?? MESSAGE_KEYS[code], { file, ...params });
    return new ImportFileError(code, file, message, extra.line, { cause: extra.cause });
  }
}
