import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { t } from "@custra/core";
import { CsvError, Parser } from "csv-parse";
import iconv from "iconv-lite";
import { ImportFileError } from "./errors.ts";
import { guessDelimiter, guessEncoding, SNIFF_BYTES } from "./sniff.ts";
import { BATCH_ROWS, looksLikeData, type OpenTableOptions, type RawRow, type TableSource } from "./table.ts";

export async function openCsv(file: string, size: number, options: OpenTableOptions): Promise<TableSource> {
  const sample = await readSample(file, size);
  const encoding = options.encoding ? checkedEncoding(file, options.encoding) : detectEncoding(file, sample);
  const sampleText = decodeSample(sample, encoding);
  if (sampleText.trim() === "") throw ImportFileError.of("empty", file);
  // Excel writes and honours a first line "sep=;" naming the delimiter; it is not the header.
  const sepLine = /^\ufeff?sep=(.)\r?\n/i.exec(sampleText);
  const delimiter = options.delimiter ?? sepLine?.[1] ?? guessDelimiter(sampleText, sample.length >= size);
  const headerAt = sepLine ? 1 : 0;

  let bytes = 0;
  const batches = (skip: number, countBytes: boolean, batchRows = BATCH_ROWS) =>
    readBatches(file, encoding, delimiter, skip, batchRows, (n) => {
      if (countBytes) bytes += n;
    });

  const header = await firstRecord(batches(headerAt, false, 1));
  if (!header) throw ImportFileError.of("empty", file);
  const headers = header.cells.map((cell) =>
    String(cell ?? "")
      .replace(/^\ufeff/, "")
      .trim(),
  );
  if (looksLikeData(headers)) {
    throw ImportFileError.of(
      "no-header",
      file,
      { line: header.line, cells: headers.join(delimiter) },
      { line: header.line },
    );
  }

  return {
    file,
    format: "csv",
    encoding,
    delimiter,
    headers,
    headerLine: header.line,
    totalBytes: size,
    bytesRead: () => bytes,
    rows() {
      bytes = 0;
      return batches(headerAt + 1, true);
    },
  };
}

async function readSample(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function detectEncoding(file: string, sample: Buffer): string {
  const guess = guessEncoding(sample, sample.length < SNIFF_BYTES);
  if (guess.kind === "text") return guess.encoding;
  if (guess.kind === "binary")
    throw ImportFileError.of("undecodable", file, {}, { key: "import.file.binary" });
  throw ImportFileError.of("undecodable", file);
}

function checkedEncoding(file: string, encoding: string): string {
  if (!iconv.encodingExists(encoding)) {
    throw ImportFileError.of("undecodable", file, { encoding }, { key: "import.file.unknownEncoding" });
  }
  return encoding.toLowerCase();
}

function decodeSample(sample: Buffer, encoding: string): string {
  return isUtf8Name(encoding) ? sample.toString("utf8") : iconv.decode(sample, encoding);
}

function isUtf8Name(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

async function firstRecord(batches: AsyncGenerator<RawRow[]>): Promise<RawRow | undefined> {
  try {
    for await (const batch of batches) return batch[0];
    return undefined;
  } finally {
    await batches.return(undefined);
  }
}

/**
 * The non-blank records of the file, after the first `skip` of them, in batches, each with the
 * line it starts on. csv-parse does the splitting; the line is counted here because csv-parse
 * counts where a record ends (and "\r\n" as two): a record spans one line plus the line breaks
 * inside its quoted fields, and blank lines come through as records (skip_empty_lines is off)
 * so that they are counted too.
 */
async function* readBatches(
  file: string,
  encoding: string,
  delimiter: string,
  skip: number,
  batchRows: number,
  onBytes: (n: number) => void,
): AsyncGenerator<RawRow[]> {
  const raw = createReadStream(file, { highWaterMark: 1 << 18 });
  raw.on("data", (chunk) => onBytes(chunk.length));
  const parser = new Parser({ delimiter, bom: true, relax_column_count: true, relax_quotes: true });
  const decoded: NodeJS.ReadableStream = isUtf8Name(encoding) ? raw : raw.pipe(iconv.decodeStream(encoding));
  raw.on("error", (error) => parser.destroy(error));
  decoded.pipe(parser);

  // Records are pulled with read() rather than for-await: an await per record costs more than
  // the parsing itself.
  let ended = false;
  let failure: unknown;
  let wake = () => {};
  parser.on("readable", () => wake());
  parser.on("end", () => {
    ended = true;
    wake();
  });
  parser.on("error", (error) => {
    failure = error;
    wake();
  });

  let line = 1;
  let skipped = 0;
  let batch: RawRow[] = [];
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      const cells: string[] | null = parser.read();
      if (cells === null) {
        if (ended) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const start = line;
      line += 1 + lineBreaksIn(cells);
      if (isBlank(cells)) continue;
      if (skipped < skip) {
        skipped++;
        continue;
      }
      batch.push({ line: start, cells });
      if (batch.length === batchRows) {
        yield batch;
        batch = [];
      }
    }
    if (failure !== undefined) throw failure;
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw csvError(file, line, error);
  } finally {
    raw.destroy();
    parser.destroy();
  }
}

const LINE_BREAK = /[\r\n]/;

function lineBreaksIn(cells: string[]): number {
  let breaks = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (!LINE_BREAK.test(cell)) continue;
    for (let j = 0; j < cell.length; j++) {
      const ch = cell.charCodeAt(j);
      if (ch === 10) breaks++;
      else if (ch === 13 && cell.charCodeAt(j + 1) !== 10) breaks++;
    }
  }
  return breaks;
}

/** Blank lines and lines of delimiters only; the first cell decides quickly for almost every row. */
function isBlank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.length === 0) continue;
    if (cell.charCodeAt(0) > 32 || cell.trim() !== "") return false;
  }
  return true;
}

function csvError(file: string, line: number, error: unknown): unknown {
  if (error instanceof ImportFileError || !(error instanceof CsvError)) return error;
  const detailKey =
    error.code === "CSV_QUOTE_NOT_CLOSED"
      ? "import.file.unclosedQuote"
      : error.code === "CSV_INVALID_CLOSING_QUOTE"
        ? "import.file.badQuote"
        : "import.file.csvOther";
  const detail = t(detailKey, { code: error.code });
  return ImportFileError.of("malformed", file, { line, detail }, { line, cause: error });
}
