import { isAscii, isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { type Text, text } from "@custra/core/errors";
import { CsvError, Parser } from "csv-parse";
import iconv from "iconv-lite";
import { ImportFileError } from "./errors.ts";
import { LIMIT_VARIABLES, type ReadLimits, resolveLimits } from "./limits.ts";
import { guessDelimiter, guessEncoding, SNIFF_BYTES, withoutCutSequence } from "./sniff.ts";
import { BATCH_ROWS, looksLikeData, type OpenTableOptions, type RawRow, type TableSource } from "./table.ts";

export async function openCsv(file: string, size: number, options: OpenTableOptions): Promise<TableSource> {
  const limits = resolveLimits(file, options.limits);
  const sample = await readSample(file, size, 0);
  const scan = await scanFile(file);
  const encoding = options.encoding
    ? checkedEncoding(file, options.encoding)
    : await decideEncoding(file, size, sample, scan);
  const sampleText = decodeSample(sample, encoding);
  if (sampleText.trim() === "") throw ImportFileError.of("IMPORT_FILE_EMPTY", file);
  // Excel writes and honours a first line "sep=;" naming the delimiter; it is not the header.
  const sepLine = /^\ufeff?sep=(.)\r?\n/i.exec(sampleText);
  const delimiter = options.delimiter ?? sepLine?.[1] ?? guessDelimiter(sampleText, sample.length >= size);
  const headerAt = sepLine ? 1 : 0;

  let bytes = 0;
  const batches = (skip: number, countBytes: boolean, width: number, batchRows = BATCH_ROWS) =>
    readBatches({ file, encoding, delimiter, limits, width, hasNul: scan.hasNul }, skip, batchRows, (n) => {
      if (countBytes) bytes += n;
    });

  const header = await firstRecord(batches(headerAt, false, 0, 1));
  if (!header) throw ImportFileError.of("IMPORT_FILE_EMPTY", file);
  if (header.problem !== undefined) {
    throw ImportFileError.of(
      "IMPORT_FILE_MALFORMED",
      file,
      { line: header.line, detail: header.problem },
      { line: header.line },
    );
  }
  const headers = header.cells.map((cell) =>
    String(cell ?? "")
      .replace(/^\ufeff/, "")
      .trim(),
  );
  if (looksLikeData(headers)) {
    throw ImportFileError.of(
      "IMPORT_FILE_NO_HEADER",
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
      return batches(headerAt + 1, true, headers.length);
    },
  };
}

/** Up to SNIFF_BYTES of the file from `position`, and whether they reach its end. */
async function readSample(
  file: string,
  size: number,
  position: number,
): Promise<Buffer & { whole?: boolean }> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(Math.max(0, Math.min(size - position, SNIFF_BYTES)));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    return Object.assign(buffer.subarray(0, bytesRead), { whole: position + bytesRead >= size });
  } finally {
    await handle.close();
  }
}

/** What one pass over the whole file tells about its bytes. */
interface FileScan {
  /** Where the bytes first stop being UTF-8 (a byte offset, and its 1-based line), if they do. */
  notUtf8?: { offset: number; line: number; asciiBefore: boolean };
  /** Whether a NUL byte occurs anywhere: then every record is checked for one. */
  hasNul: boolean;
}

/**
 * Reads the whole file once, checking that it is UTF-8 through to its end and looking for NUL
 * bytes. The encoding is guessed from a sample, but a file can be plain ASCII for its first
 * megabytes and then have a GBK name (or a stray NUL) far beyond it: decided on the sample alone,
 * such a row came out as mojibake, and a late NUL was accepted by DuckDB and refused by
 * PostgreSQL with its own message. isUtf8 and indexOf run at memory speed, so the pass costs a
 * fraction of the parsing.
 */
async function scanFile(file: string): Promise<FileScan> {
  let offset = 0;
  let line = 1;
  let ascii = true;
  let hasNul = false;
  let carry: Buffer = Buffer.alloc(0);
  let notUtf8: FileScan["notUtf8"];
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (!hasNul && chunk.includes(0)) hasNul = true;
    if (notUtf8) continue;
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const body = withoutCutSequence(buffer);
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      notUtf8 = {
        offset: offset + at,
        line: line + countLines(body, at),
        asciiBefore: ascii && isAscii(body.subarray(0, at)),
      };
      continue;
    }
    ascii &&= isAscii(body);
    line += countLines(body, body.length);
    offset += body.length;
    carry = buffer.subarray(body.length);
  }
  // A multi-byte character cut by the end of the file.
  if (!notUtf8 && carry.length > 0) notUtf8 = { offset, line, asciiBefore: ascii };
  return { notUtf8, hasNul };
}

/** The offset of the first byte that starts no valid UTF-8 sequence (`buffer` is not valid UTF-8). */
function firstInvalidUtf8(buffer: Buffer): number {
  // Validity of a prefix (without a sequence cut at its end) only changes once, at that byte.
  let low = 0;
  let high = buffer.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (isUtf8(withoutCutSequence(buffer.subarray(0, mid)))) low = mid;
    else high = mid - 1;
  }
  return withoutCutSequence(buffer.subarray(0, low)).length;
}

function countLines(buffer: Buffer, end: number): number {
  let lines = 0;
  for (let i = buffer.indexOf(10); i >= 0 && i < end; i = buffer.indexOf(10, i + 1)) lines++;
  return lines;
}

/**
 * The encoding of the whole file. The sample's guess stands unless it is UTF-8 and the file
 * stops being UTF-8 later. If everything before that point is ASCII (which every encoding custra
 * reads writes the same way), the encoding is guessed again from the text where it first shows;
 * if UTF-8 characters came before, the file mixes encodings and no decoding of it is right.
 */
async function decideEncoding(
  file: string,
  size: number,
  sample: Buffer & { whole?: boolean },
  scan: FileScan,
): Promise<string> {
  const first = detectEncoding(file, sample, sample.whole === true);
  if (first !== "utf-8" || !scan.notUtf8) return first;
  const { offset, line, asciiBefore } = scan.notUtf8;
  if (!asciiBefore) {
    throw ImportFileError.of(
      "IMPORT_FILE_UNDECODABLE",
      file,
      { line },
      { key: "import.file.mixedEncoding", line },
    );
  }
  const late = await readSample(file, size, offset);
  const second = guessEncoding(late, late.whole === true);
  if (second.kind === "text" && second.encoding !== "utf-8") return second.encoding;
  throw ImportFileError.of(
    "IMPORT_FILE_UNDECODABLE",
    file,
    { line },
    { key: "import.file.undecodableAt", line },
  );
}

function detectEncoding(file: string, sample: Buffer, whole: boolean): string {
  const guess = guessEncoding(sample, whole);
  if (guess.kind === "text") return guess.encoding;
  if (guess.kind === "binary")
    throw ImportFileError.of("IMPORT_FILE_UNDECODABLE", file, {}, { key: "import.file.binary" });
  throw ImportFileError.of("IMPORT_FILE_UNDECODABLE", file);
}

function checkedEncoding(file: string, encoding: string): string {
  if (!iconv.encodingExists(encoding)) {
    throw ImportFileError.of(
      "IMPORT_FILE_UNDECODABLE",
      file,
      { encoding },
      { key: "import.file.unknownEncoding" },
    );
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
interface CsvReading {
  file: string;
  encoding: string;
  delimiter: string;
  limits: ReadLimits;
  /** Cells in the header, for telling a runaway quote from a field that spans lines; 0 reading the header. */
  width: number;
  hasNul: boolean;
}

async function* readBatches(
  reading: CsvReading,
  skip: number,
  batchRows: number,
  onBytes: (n: number) => void,
): AsyncGenerator<RawRow[]> {
  const { file, encoding, delimiter, limits } = reading;
  const raw = createReadStream(file, { highWaterMark: 1 << 18 });
  raw.on("data", (chunk) => onBytes(chunk.length));
  // A record may hold a few full cells; beyond that it is a quote left open swallowing the file,
  // stopped before it takes the memory the rest of the file would.
  const parser = new Parser({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: maxRecordBytes(limits),
  });
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
      // Records parsed before a failure come first: the parser reads ahead of what is taken.
      const cells: string[] | null = parser.read();
      if (cells === null) {
        if (failure !== undefined) throw failure;
        if (ended) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const start = line;
      const breaks = lineBreaksIn(cells);
      line += 1 + breaks;
      if (isBlank(cells)) continue;
      if (skipped < skip) {
        skipped++;
        continue;
      }
      const problem = recordProblem(reading, cells, start, breaks);
      batch.push(problem === undefined ? { line: start, cells } : { line: start, cells: [], problem });
      if (batch.length === batchRows) {
        yield batch;
        batch = [];
      }
    }
    if (failure !== undefined) throw failure;
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED" && skipped >= skip) {
      // The last record opens a quote that the file never closes: a bad row, the rows before it stand.
      batch.push({ line, cells: [], problem: text("import.file.unclosedQuoteRow", { line }) });
      yield batch;
      return;
    }
    throw csvError(reading, line, error);
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

/**
 * How long a quoted field may run over lines before it is taken for a quote left open: addresses
 * and notes take a few lines, a quote that swallows the rows after it takes many.
 */
export const MAX_QUOTED_LINES = 50;

/** Bytes of one record: `maxCellChars` is characters, a character up to 4 bytes; a few such cells. */
function maxRecordBytes(limits: ReadLimits): number {
  return limits.maxCellChars * 4 * 8;
}

/**
 * Why a record is a bad row rather than a row, if it is. A field that spans lines is a quote
 * left open, swallowing the lines after it into one record, when (a) csv-parse kept its opening
 * quote as text (the relaxed reading of a quote closed in the middle of a field, which a
 * well-formed field never gives), (b) the record does not have the header's number of cells
 * (swallowed rows almost never leave it whole), or (c) it runs over more than MAX_QUOTED_LINES
 * lines. A field that spans a few lines and keeps the row whole is a real multi-line value.
 */
function recordProblem(reading: CsvReading, cells: string[], line: number, breaks: number): Text | undefined {
  if (breaks > 0 && reading.width > 0) {
    const relaxed = cells.some((cell) => cell.startsWith('"') && /[\r\n]/.test(cell));
    if (relaxed || cells.length !== reading.width || breaks + 1 > MAX_QUOTED_LINES) {
      return text("import.file.runawayQuote", { line, last: line + breaks, lines: breaks });
    }
  }
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.length > reading.limits.maxCellChars) {
      return text("import.file.cellTooLong", {
        column: i + 1,
        limit: reading.limits.maxCellChars,
        variable: LIMIT_VARIABLES.maxCellChars.name,
      });
    }
    if (reading.hasNul && cell.includes("\u0000")) return text("import.file.nulByte", { column: i + 1 });
  }
  return undefined;
}

function csvError(reading: CsvReading, line: number, error: unknown): unknown {
  if (error instanceof ImportFileError || !(error instanceof CsvError)) return error;
  const detail =
    error.code === "CSV_QUOTE_NOT_CLOSED"
      ? text("import.file.unclosedQuote")
      : error.code === "CSV_INVALID_CLOSING_QUOTE"
        ? text("import.file.badQuote")
        : error.code === "CSV_MAX_RECORD_SIZE"
          ? text("import.file.recordTooLong", {
              limit: maxRecordBytes(reading.limits),
              variable: LIMIT_VARIABLES.maxCellChars.name,
            })
          : text("import.file.csvOther", { code: error.code });
  return ImportFileError.of("IMPORT_FILE_MALFORMED", reading.file, { line, detail }, { line, cause: error });
}
