/**
 * Table files for other tools, written row by row so an export of a million customers never holds
 * the whole file in memory: CSV (RFC 4180) and XLSX (exceljs's streaming writer).
 *
 * A file is written under a temporary name beside the target and renamed into place when
 * complete, so a failed export never leaves half a file, nor destroys the previous one. A table
 * can also go to a writable stream (an HTTP response): it is ended when the table is complete and
 * destroyed with the error when the export fails, so the reader never takes half a file as whole.
 *
 * Files are safe to open (OWASP CSV injection): a text cell beginning with = + - @, a tab or a
 * carriage return would be taken by Excel, LibreOffice or Google Sheets as a formula, so such a
 * text gets a single quote in front ('=HYPERLINK(…) is shown as text). Only text columns are
 * touched: numbers, money and dates are written as they are, a negative amount stays a number.
 */
import { randomBytes } from "node:crypto";
import { type EventEmitter, once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { currencySymbol, hasMessage, type Locale } from "@custra/core";
import { text } from "@custra/core/errors";
import type ExcelJS from "exceljs";
import { csvField } from "../demo/csv.ts";
import { ExportError } from "./errors.ts";

// exceljs is required when the first workbook is written, not when the engine is imported: loading
// it costs most of a second that commands which never write a workbook would pay.
const require = createRequire(import.meta.url);

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * How a column's values are written. Numbers stay numbers in both formats; the kind decides the
 * rounding (money to cents) and the number format Excel shows.
 */
export type ColumnKind = "text" | "integer" | "number" | "money" | "probability" | "date";

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  /** Decimals Excel shows for a "number" column (the cell keeps the full value); default 2. */
  digits?: number;
  /** Excel column width in characters; by default from the header and the kind. */
  width?: number;
}

/**
 * What a spreadsheet would run as a formula at the start of a cell: = + - @ (formulas and the DDE
 * forms of old Excel), and tab and carriage return, after which Excel still reads the rest.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text for a text cell, with a single quote in front when it would start a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Options of a whole table. */
export interface TableOptions {
  /** ISO 4217 code of the money columns: XLSX shows its symbol in the cells' number format. */
  currency?: string;
  /** The language of the file (the currency symbol's form); zh-CN by default. */
  locale?: Locale;
}

/** Where a table goes: a file path, or a stream the caller ends up reading (an HTTP response). */
export type ExportTarget = string | Writable;

/** A cell: text, a number (null and NaN are empty), or 'YYYY-MM-DD' in a date column. */
export type CellValue = string | number | null;

export interface TableWriter {
  /** The absolute path the file will have once closed; null when writing to a stream. */
  readonly path: string | null;
  /** Adds one row. Call `flush` every few thousand rows, so a slow disk holds the producer back. */
  add(row: readonly CellValue[]): void;
  flush(): Promise<void>;
  /** Finishes the file and moves it to its path. */
  close(): Promise<void>;
  /**
   * Stops and removes the partial file (a file that was at the path before stays as it was); a
   * stream is destroyed with `error`.
   */
  abort(error?: unknown): Promise<void>;
}

/**
 * Adds every row of `pages` to `writer`, as `cells` makes it, flushing every few thousand rows so
 * a slow disk holds the reading back; `onPage` hears after each page how many rows this call has
 * added. Returns that count. The paged exports (scores, grades, tasks) all write this way.
 */
export async function addPages<R>(
  writer: TableWriter,
  pages: AsyncIterable<readonly R[]>,
  cells: (row: R) => CellValue[],
  onPage?: (added: number) => void,
): Promise<number> {
  let added = 0;
  for await (const page of pages) {
    for (const row of page) {
      writer.add(cells(row));
      if (++added % 5000 === 0) await writer.flush();
    }
    await writer.flush();
    onPage?.(added);
  }
  return added;
}

/** Opens `target` for a table in `format`; a path that cannot be written fails here, before any work. */
export async function openTableWriter(
  format: ExportFormat,
  target: string,
  columns: readonly ExportColumn[],
  sheetName: string,
  options?: TableOptions,
): Promise<TableWriter & { readonly path: string }>;
export async function openTableWriter(
  format: ExportFormat,
  target: ExportTarget,
  columns: readonly ExportColumn[],
  sheetName: string,
  options?: TableOptions,
): Promise<TableWriter>;
export async function openTableWriter(
  format: ExportFormat,
  target: ExportTarget,
  columns: readonly ExportColumn[],
  sheetName: string,
  options: TableOptions = {},
): Promise<TableWriter> {
  const output: Output =
    typeof target === "string" ? await openOutput(target) : { final: null, temp: null, stream: target };
  return format === "csv"
    ? new CsvWriter(output, columns)
    : new XlsxWriter(output, columns, sheetName, options);
}

/** A file's final and temporary paths and the stream to the temporary one; or a caller's stream (no paths). */
type Output =
  | { final: string; temp: string; stream: Writable }
  | { final: null; temp: null; stream: Writable };

async function openOutput(path: string): Promise<Output & { final: string }> {
  const final = resolve(path);
  const existing = await stat(final).catch(() => undefined);
  if (existing?.isDirectory())
    throw cannotWrite(final, Object.assign(new Error("EISDIR"), { code: "EISDIR" }));
  // A dot file in the target's own folder: the rename at the end is then atomic, and the folder's
  // permissions are checked now rather than after minutes of work.
  const temp = join(dirname(final), `.${basename(final)}.${randomBytes(4).toString("hex")}.part`);
  const stream = createWriteStream(temp, { highWaterMark: 1 << 20 });
  try {
    await once(stream, "open");
  } catch (error) {
    throw cannotWrite(final, error);
  }
  return { final, temp, stream };
}

function cannotWrite(path: string | null, error: unknown): ExportError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code && hasMessage(`export.reason.${code}`)
      ? text(`export.reason.${code}`)
      : error instanceof Error
        ? error.message
        : String(error);
  return new ExportError(
    "EXPORT_CANNOT_WRITE",
    { path: path ?? text("export.stream"), reason },
    { cause: error },
  );
}

async function moveIntoPlace(output: Output): Promise<void> {
  if (output.final === null) return;
  // Windows cannot rename a file that is still open; 'close' follows 'finish' shortly.
  if (!output.stream.closed) await once(output.stream, "close");
  try {
    await rename(output.temp, output.final);
  } catch (error) {
    await rm(output.temp, { force: true });
    throw cannotWrite(output.final, error);
  }
}

async function discard(output: Output, error?: Error): Promise<void> {
  // A caller's stream is destroyed with the error, so its reader sees the export fail.
  if (output.temp === null) {
    output.stream.destroy(error ?? new Error("export aborted"));
    return;
  }
  output.stream.destroy();
  await rm(output.temp, { force: true });
}

/** Money is rounded to cents as it is stored; `|| 0` turns -0 into 0 so nothing shows "-0.00". */
function cents(value: number): number {
  return Math.round(value * 100) / 100 || 0;
}

function isEmpty(value: CellValue): value is null {
  return value === null || (typeof value === "number" && Number.isNaN(value));
}

/** Gathered lines go to the file in chunks of about this many characters. */
const CSV_CHUNK = 1 << 18;

class CsvWriter implements TableWriter {
  readonly path: string | null;
  private pending: string[] = [];
  private size = 0;
  private failure: Error | undefined;

  constructor(
    private readonly output: Output,
    private readonly columns: readonly ExportColumn[],
  ) {
    this.path = output.final;
    output.stream.on("error", (error) => {
      this.failure = error;
    });
    // A UTF-8 byte order mark first: without it Excel on Windows reads a CSV in the system code
    // page (GBK on Chinese systems) and shows the Chinese text garbled. csv-parse (bom: true),
    // pandas (encoding="utf-8-sig") and R's readr skip it.
    this.push(`\uFEFF${columns.map((column) => csvField(column.header)).join(",")}\r\n`);
  }

  add(row: readonly CellValue[]): void {
    let line = "";
    for (let i = 0; i < this.columns.length; i++) {
      if (i > 0) line += ",";
      line += this.cell(row[i] ?? null, this.columns[i]!.kind);
    }
    // RFC 4180 ends records with CRLF.
    this.push(`${line}\r\n`);
  }

  private cell(value: CellValue, kind: ColumnKind): string {
    if (isEmpty(value)) return "";
    if (typeof value === "string") return csvField(kind === "text" ? neutralizeFormula(value) : value);
    if (kind === "money") return cents(value).toFixed(2);
    // The shortest text that reads back as the same double: no precision is lost for other tools.
    return String(value);
  }

  private push(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= CSV_CHUNK) this.write();
  }

  private write(): boolean {
    if (this.pending.length === 0) return true;
    const chunk = this.pending.join("");
    this.pending = [];
    this.size = 0;
    return this.output.stream.write(chunk);
  }

  async flush(): Promise<void> {
    this.write();
    if (this.failure) throw cannotWrite(this.output.final, this.failure);
    if (this.output.stream.writableNeedDrain) {
      try {
        await once(this.output.stream, "drain");
      } catch (error) {
        throw cannotWrite(this.output.final, error);
      }
    }
  }

  async close(): Promise<void> {
    this.write();
    this.output.stream.end();
    try {
      // Only the writing side: a duplex target (a PassThrough) ends its reading side when read.
      await finished(this.output.stream, { readable: false });
    } catch (error) {
      await discard(this.output);
      throw cannotWrite(this.output.final, error);
    }
    if (this.failure) {
      await discard(this.output);
      throw cannotWrite(this.output.final, this.failure);
    }
    await moveIntoPlace(this.output);
  }

  abort(error?: unknown): Promise<void> {
    return discard(this.output, error instanceof Error ? error : undefined);
  }
}

const NUMBER_FORMATS: Readonly<Record<Exclude<ColumnKind, "number">, string | undefined>> = {
  text: undefined,
  integer: "0",
  money: "#,##0.00",
  probability: "0.0000",
  date: "yyyy-mm-dd",
};

const DEFAULT_WIDTHS: Readonly<Record<ColumnKind, number>> = {
  text: 14,
  integer: 10,
  number: 12,
  money: 14,
  probability: 10,
  date: 12,
};

/** Columns Excel needs for the header: CJK characters take two. */
function headerWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

/** `"US$"#,##0.00`: the symbol as a quoted literal, which every spreadsheet reads the same way. */
function moneyFormat(currency: string | undefined, locale: Locale): string {
  if (!currency) return NUMBER_FORMATS.money!;
  return `"${currencySymbol(currency, locale).replaceAll('"', "")}"${NUMBER_FORMATS.money}`;
}

function numberFormat(column: ExportColumn, options: TableOptions): string | undefined {
  if (column.kind === "money") return moneyFormat(options.currency, options.locale ?? "zh-CN");
  if (column.kind !== "number") return NUMBER_FORMATS[column.kind];
  const digits = column.digits ?? 2;
  return digits > 0 ? `0.${"0".repeat(digits)}` : "0";
}

/** 'YYYY-MM-DD' as UTC midnight, which exceljs turns into the Excel serial day of that date. */
function excelDate(value: string): Date | string {
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : date;
}

interface ZipInput extends EventEmitter {
  _writableState?: { needDrain?: boolean };
}

class XlsxWriter implements TableWriter {
  readonly path: string | null;
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private failure: Error | undefined;

  constructor(
    private readonly output: Output,
    private readonly columns: readonly ExportColumn[],
    sheetName: string,
    options: TableOptions,
  ) {
    this.path = output.final;
    output.stream.on("error", (error) => {
      this.failure = error;
    });
    // Shared strings would keep every distinct text in memory until the end; inline strings stream.
    this.book = new (require("exceljs") as typeof ExcelJS).stream.xlsx.WorkbookWriter({
      stream: output.stream,
      useStyles: true,
      useSharedStrings: false,
    });
    this.sheet = this.book.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    this.sheet.columns = columns.map((column) => {
      const numFmt = numberFormat(column, options);
      return {
        width: column.width ?? Math.max(DEFAULT_WIDTHS[column.kind], headerWidth(column.header) + 2),
        ...(numFmt ? { style: { numFmt } } : {}),
      };
    });
    const header = this.sheet.addRow(columns.map((column) => column.header));
    header.font = { bold: true };
    header.commit();
  }

  add(row: readonly CellValue[]): void {
    const values: (string | number | Date | null)[] = new Array(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) {
      const value = row[i] ?? null;
      const kind = this.columns[i]!.kind;
      values[i] = isEmpty(value)
        ? null
        : typeof value === "number"
          ? kind === "money"
            ? cents(value)
            : value
          : kind === "date"
            ? excelDate(value)
            : kind === "text"
              ? neutralizeFormula(value)
              : value;
    }
    this.sheet.addRow(values).commit();
  }

  async flush(): Promise<void> {
    await new Promise((done) => setImmediate(done));
    // exceljs's sheet buffer writes committed rows into the zip's input stream without ever
    // waiting (it ignores write's return value), so rows pile up in memory faster than deflate
    // takes them: 190 MB per 100k rows of 45 columns. Waiting here until that input drains holds
    // the producer to the compressor's pace. This reaches into exceljs 4.4 internals (a
    // readable-stream 2 PassThrough, hence _writableState); should they change, only the file
    // stream below paces the export.
    const zipInput = (this.sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes?.[0];
    try {
      while (zipInput?._writableState?.needDrain && !this.failure) await once(zipInput, "drain");
      if (this.output.stream.writableNeedDrain) await once(this.output.stream, "drain");
    } catch (error) {
      throw cannotWrite(this.output.final, error);
    }
    if (this.failure) throw cannotWrite(this.output.final, this.failure);
  }

  async close(): Promise<void> {
    try {
      this.sheet.commit();
      await this.book.commit();
    } catch (error) {
      await discard(this.output);
      throw cannotWrite(this.output.final, error);
    }
    if (this.failure) {
      await discard(this.output);
      throw cannotWrite(this.output.final, this.failure);
    }
    await moveIntoPlace(this.output);
  }

  abort(error?: unknown): Promise<void> {
    return discard(this.output, error instanceof Error ? error : undefined);
  }
}
