/**
 * Reading one sheet of an XLSX workbook as a table.
 *
 * The zip is read through its central directory (zip.ts), the parts in the order they are
 * needed (relationships, workbook, styles, shared strings, then the sheet) whatever order the
 * writer stored them in, and the sheet's XML is parsed by exceljs's streaming worksheet reader.
 * exceljs's workbook reader is not used: it unzips as a stream in storage order, so a file cut
 * short left its promise unsettled (the process hung or exited mid-import), a sheet stored before
 * the workbook part could not be named (exceljs issue #962), sheets before the shared strings were
 * spilled to temporary files whose deletion raced their reading (a crash), nothing bounded what a
 * zip bomb expands to, and it decoded each chunk of XML on its own, breaking any character cut by
 * a chunk boundary.
 */
import { createRequire } from "node:module";
import { posix } from "node:path";
import { text } from "@custra/core/errors";
import type ExcelJS from "exceljs";
import { ImportFileError } from "./errors.ts";
import { limitError, type ReadLimits, resolveLimits } from "./limits.ts";
import {
  BATCH_ROWS,
  type Cell,
  FORMULA_WITHOUT_RESULT,
  isBlankRow,
  looksLikeData,
  type OpenTableOptions,
  type RawRow,
  type TableSource,
} from "./table.ts";
import { ByteBudget, entryText, openZip, type ZipArchive, type ZipEntry, ZipProblem } from "./zip.ts";

// exceljs's parts for one piece of a workbook each; its type declarations leave them out.
const require = createRequire(import.meta.url);
interface SaxEvent {
  eventType: "opentag" | "text" | "closetag";
  value: { name: string } | string;
}
interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}
interface Parser<T> {
  parseStream(text: AsyncIterable<string>): Promise<T>;
}
interface WorkbookXform extends Parser<unknown> {
  model?: { sheets?: Array<{ name: string; rId: string; state?: string }> };
  map: { workbookPr: unknown };
}
interface StyleManager extends Parser<unknown> {
  init(): void;
}
/**
 * The parts of exceljs the reader uses, required on first use: loading exceljs costs every
 * command that merely imports the engine most of a second, and most never read a workbook.
 */
let exceljsParts:
  | {
      parseSax: (text: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;
      RelationshipsXform: new () => Parser<Relationship[] | undefined>;
      WorkbookXformClass: new () => WorkbookXform;
      StylesXform: new () => StyleManager;
      WorksheetReader: new (args: {
        workbook: Book;
        id: number;
        iterator: AsyncIterable<string>;
        options: object;
      }) => AsyncIterable<ExcelJS.Row>;
    }
  | undefined;
function exceljs(): NonNullable<typeof exceljsParts> {
  exceljsParts ??= {
    parseSax: require("exceljs/lib/utils/parse-sax.js"),
    RelationshipsXform: require("exceljs/lib/xlsx/xform/core/relationships-xform.js"),
    WorkbookXformClass: require("exceljs/lib/xlsx/xform/book/workbook-xform.js"),
    StylesXform: require("exceljs/lib/xlsx/xform/style/styles-xform.js"),
    WorksheetReader: require("exceljs/lib/stream/xlsx/worksheet-reader.js"),
  };
  return exceljsParts;
}

const RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/** What the worksheet reader needs of the workbook, read once per opened file. */
interface Book {
  archive: ZipArchive;
  sheets: Array<{ name: string; entry: ZipEntry | undefined }>;
  sharedStrings: string[];
  styles: StyleManager;
  /** The workbook's properties part (exceljs reads whether dates count from 1904 there). */
  properties: unknown;
  /** Decompressed bytes the workbook's parts took, counted against the limit with each sheet read. */
  unzippedBytes: number;
}

export async function openXlsx(file: string, size: number, options: OpenTableOptions): Promise<TableSource> {
  const limits = resolveLimits(file, options.limits);
  const book = await readBook(file, size, limits);
  const sheet = chooseSheet(file, book, options.sheet);
  let bytes = 0;
  const rowsOf = (countBytes: boolean) =>
    readSheetRows(file, book, sheet, limits, (n) => {
      if (countBytes) bytes += n;
    });

  const header = await firstRow(rowsOf(false));
  if (!header) throw ImportFileError.of("IMPORT_FILE_EMPTY", file);
  const headers = header.cells.map((cell) =>
    cellText(cell)
      .replace(/^\ufeff/, "")
      .trim(),
  );
  if (looksLikeData(header.cells)) {
    throw ImportFileError.of(
      "IMPORT_FILE_NO_HEADER",
      file,
      { line: header.line, cells: headers.join(", ") },
      { line: header.line },
    );
  }
  const width = headers.length;

  return {
    file,
    format: "xlsx",
    headers,
    headerLine: header.line,
    totalBytes: size,
    bytesRead: () => bytes,
    async *rows() {
      // Progress follows the sheet's compressed bytes; the rest of the file was read at opening.
      bytes = size - (sheet.entry?.compressedSize ?? 0);
      let batch: RawRow[] = [];
      let seenHeader = false;
      for await (const row of rowsOf(true)) {
        if (!seenHeader) {
          seenHeader = true;
          continue;
        }
        // A sheet row ends at its last filled cell; pad it to the header so that empty trailing
        // cells are not mistaken for missing columns.
        while (row.cells.length < width) row.cells.push(null);
        batch.push(row);
        if (batch.length === BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      bytes = size;
      if (batch.length > 0) yield batch;
    },
  };
}

async function firstRow(rows: AsyncGenerator<RawRow>): Promise<RawRow | undefined> {
  try {
    for await (const row of rows) return row;
    return undefined;
  } finally {
    await rows.return(undefined);
  }
}

/** The workbook's sheets, styles and shared strings: everything but the sheets' rows. */
async function readBook(file: string, size: number, limits: ReadLimits): Promise<Book> {
  let archive: ZipArchive;
  try {
    archive = await openZip(file, size);
  } catch (error) {
    throw xlsxError(file, error, undefined, limits);
  }
  const budget = new ByteBudget(limits.maxUnzippedBytes);
  const part = async <T>(entry: ZipEntry, parse: (text: AsyncIterable<string>) => Promise<T>): Promise<T> => {
    try {
      return await parse(guardRuns(entryText(archive, entry, budget), file, limits, entry.name));
    } catch (error) {
      throw xlsxError(file, error, entry.name, limits);
    }
  };
  const relationships = async (path: string): Promise<Relationship[]> => {
    const entry = findEntry(archive, path);
    return entry
      ? ((await part(entry, (text) => new (exceljs().RelationshipsXform)().parseStream(text))) ?? [])
      : [];
  };

  // The package's relationships name the workbook part; Excel's is always xl/workbook.xml.
  const root = await relationships("_rels/.rels");
  const workbookPath =
    partPath("", root.find((rel) => rel.Type === `${RELATION}officeDocument`)?.Target) ?? "xl/workbook.xml";
  const workbookEntry = findEntry(archive, workbookPath);
  if (!workbookEntry) throw damaged(file, "import.file.damaged.noWorkbook");
  const folder = posix.dirname(workbookPath);
  const rels = await relationships(`${folder}/_rels/${posix.basename(workbookPath)}.rels`);
  const target = (type: string) =>
    findEntry(archive, partPath(folder, rels.find((rel) => rel.Type === `${RELATION}${type}`)?.Target));
  const stylesEntry = target("styles");
  const stringsEntry = target("sharedStrings");
  const declared = [workbookEntry, stylesEntry, stringsEntry].reduce(
    (sum, entry) => sum + (entry?.uncompressedSize ?? 0),
    0,
  );
  if (declared > limits.maxUnzippedBytes) throw limitError(file, "maxUnzippedBytes", limits);

  const workbook = new (exceljs().WorkbookXformClass)();
  await part(workbookEntry, (text) => workbook.parseStream(text));
  const styles = new (exceljs().StylesXform)();
  styles.init();
  if (stylesEntry) await part(stylesEntry, (text) => styles.parseStream(text));
  const sharedStrings = stringsEntry
    ? await part(stringsEntry, (text) => readSharedStrings(text, file, limits))
    : [];

  const sheets = (workbook.model?.sheets ?? []).map((sheet) => {
    const rel = rels.find((r) => r.Id === sheet.rId);
    const isWorksheet = rel?.Type === `${RELATION}worksheet`;
    return {
      name: sheet.name,
      entry: isWorksheet ? findEntry(archive, partPath(folder, rel.Target)) : undefined,
    };
  });
  return {
    archive,
    sheets,
    sharedStrings,
    styles,
    properties: workbook.map.workbookPr,
    unzippedBytes: limits.maxUnzippedBytes - budget.left,
  };
}

/** A relationship's target as a path in the zip: relative to the source part's folder unless absolute. */
function partPath(folder: string, target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  return target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(folder, target));
}

/** The entry at `path`; zip names are case-sensitive, but not every writer agrees on the case. */
function findEntry(archive: ZipArchive, path: string | undefined): ZipEntry | undefined {
  if (path === undefined) return undefined;
  const exact = archive.entries.get(path);
  if (exact) return exact;
  const lower = path.toLowerCase();
  for (const [name, entry] of archive.entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

function chooseSheet(file: string, book: Book, sheetName: string | undefined): Book["sheets"][number] {
  const names = book.sheets.map((sheet) => sheet.name);
  // Excel treats sheet names case-insensitively, so "--sheet orders" finds "Orders".
  const sheet =
    sheetName === undefined
      ? book.sheets.find((s) => s.entry !== undefined)
      : book.sheets.find((s) => s.name.toLowerCase() === sheetName.trim().toLowerCase());
  if (sheet) return sheet;
  if (names.length === 0)
    throw ImportFileError.of("IMPORT_FILE_SHEET_NOT_FOUND", file, {}, { key: "import.file.noSheets" });
  throw ImportFileError.of("IMPORT_FILE_SHEET_NOT_FOUND", file, {
    sheet: sheetName ?? "",
    sheets: names.join(", "),
  });
}

/** The non-blank rows of one sheet, streamed; a sheet without a part (a chart sheet) has none. */
async function* readSheetRows(
  file: string,
  book: Book,
  sheet: Book["sheets"][number],
  limits: ReadLimits,
  onCompressed: (bytes: number) => void,
): AsyncGenerator<RawRow> {
  const entry = sheet.entry;
  if (!entry) return;
  if (book.unzippedBytes + entry.uncompressedSize > limits.maxUnzippedBytes) {
    throw limitError(file, "maxUnzippedBytes", limits);
  }
  const budget = new ByteBudget(limits.maxUnzippedBytes - book.unzippedBytes);
  const reader = new (exceljs().WorksheetReader)({
    workbook: book,
    id: 1,
    iterator: guardRuns(entryText(book.archive, entry, budget, { onCompressed }), file, limits, entry.name),
    options: { worksheets: "emit", hyperlinks: "ignore" },
  });
  let rows = 0;
  try {
    for await (const row of reader) {
      // Every row element counts, blank ones too: a bomb can be millions of empty rows.
      if (++rows > limits.maxRows) throw limitError(file, "maxRows", limits);
      const cells = rowCells(row);
      checkCellLengths(file, row.number, cells, limits);
      if (isBlankRow(cells)) continue;
      yield { line: row.number, cells };
    }
  } catch (error) {
    throw xlsxError(file, error, entry.name, limits);
  }
}

function checkCellLengths(file: string, line: number, cells: readonly Cell[], limits: ReadLimits): void {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell === "string" && cell.length > limits.maxCellChars) {
      throw limitError(file, "maxCellChars", limits, { line, column: columnLetters(i) });
    }
  }
}

/** "A", "B", … "Z", "AA": the column as Excel names it. */
function columnLetters(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The shared strings as plain text: a rich-text string is the text of its runs, and phonetic
 * guides (<rPh>, the furigana/pinyin over a string) are not part of it. A string longer than a
 * cell may hold stops the reading there, before it takes the memory a bomb's strings would.
 */
async function readSharedStrings(
  text: AsyncIterable<string>,
  file: string,
  limits: ReadLimits,
): Promise<string[]> {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  for await (const events of exceljs().parseSax(text)) {
    for (const { eventType, value } of events) {
      if (eventType === "text") {
        if (current === null || !inText || phonetic > 0) continue;
        current += value as string;
        if (current.length > limits.maxCellChars) throw limitError(file, "maxCellChars", limits);
        continue;
      }
      const name = (value as { name: string }).name;
      if (eventType === "opentag") {
        if (name === "si") current = "";
        else if (name === "t") inText = true;
        else if (name === "rPh") phonetic++;
      } else if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        strings.push(current ?? "");
        current = null;
      }
    }
  }
  return strings;
}

/**
 * The text of a part, refused once it runs longer without a tag than any cell could need: the
 * XML parser holds a text or a tag whole, so a bomb's one endless string would otherwise take all
 * the memory before any cell could be checked. Escapes (&amp;, &#x4E2D;) can take ten characters
 * for one, hence the margin.
 */
async function* guardRuns(
  text: AsyncIterable<string>,
  file: string,
  limits: ReadLimits,
  part: string,
): AsyncGenerator<string> {
  const longest = limits.maxCellChars * 10 + 1024;
  let run = 0;
  for await (const chunk of text) {
    const lastTag = chunk.lastIndexOf("<");
    run = lastTag < 0 ? run + chunk.length : chunk.length - lastTag - 1;
    if (run > longest) throw limitError(file, "maxCellChars", limits, { part });
    yield chunk;
  }
}

function damaged(file: string, detailKey: string, params: Record<string, string> = {}, cause?: unknown) {
  return ImportFileError.of(
    "IMPORT_FILE_DAMAGED",
    file,
    { ...params, detail: text(detailKey, params) },
    { cause },
  );
}

/**
 * The user's error for whatever went wrong reading a workbook: the zip's problems by kind, and
 * anything the XML parsers throw as a damaged part (their own texts name no file or remedy).
 */
function xlsxError(
  file: string,
  error: unknown,
  part: string | undefined,
  limits: ReadLimits,
): ImportFileError {
  if (error instanceof ImportFileError) return error;
  if (!(error instanceof ZipProblem)) {
    return damaged(file, "import.file.damaged.xml", { part: part ?? "" }, error);
  }
  switch (error.kind) {
    case "ole2":
    case "encrypted":
      return ImportFileError.of("IMPORT_FILE_LEGACY_FORMAT", file, {}, { cause: error });
    case "not-zip":
      return ImportFileError.of(
        "IMPORT_FILE_UNDECODABLE",
        file,
        {},
        { key: "import.file.notXlsx", cause: error },
      );
    case "too-large":
      return limitError(file, "maxUnzippedBytes", limits);
    case "truncated":
      return damaged(file, "import.file.damaged.truncated", {}, error);
    case "unsupported":
      return damaged(file, "import.file.damaged.method", { part: error.part ?? "" }, error);
    case "corrupt":
      return damaged(file, "import.file.damaged.corrupt", { part: error.part ?? part ?? "" }, error);
  }
}

function rowCells(row: ExcelJS.Row): Cell[] {
  // row.values is 1-based and sparse.
  const values = row.values as ExcelJS.CellValue[];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i++) cells.push(flatten(values[i]));
  while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

/** A cell's value as the spreadsheet shows it: formulas by their result, rich text as its text. */
function flatten(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return FORMULA_WITHOUT_RESULT;
    if (typeof result === "object" && !(result instanceof Date))
      return "error" in result ? result.error : null;
    return flatten(result);
  }
  if ("hyperlink" in value) return flatten((value as ExcelJS.CellHyperlinkValue).text);
  if ("error" in value) return value.error;
  return null;
}

/** Text of a header cell. */
function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}
