import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import ExcelJS from "exceljs";
import { ImportFileError } from "./errors.ts";
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

/** The parts of exceljs's streaming reader that its type declarations leave out. */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
}
interface BookReader extends AsyncIterable<SheetReader> {
  model?: { sheets?: Array<{ name: string }> };
}

export async function openXlsx(file: string, size: number, options: OpenTableOptions): Promise<TableSource> {
  let bytes = 0;
  const rowsOf = (countBytes: boolean) =>
    readSheetRows(file, options.sheet, (n) => {
      if (countBytes) bytes += n;
    });

  const header = await firstRow(rowsOf(false));
  if (!header) throw ImportFileError.of("empty", file);
  const headers = header.cells.map((cell) =>
    cellText(cell)
      .replace(/^\ufeff/, "")
      .trim(),
  );
  if (looksLikeData(header.cells)) {
    throw ImportFileError.of(
      "no-header",
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
      bytes = 0;
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

/** The non-blank rows of the chosen sheet, streamed. */
async function* readSheetRows(
  file: string,
  sheetName: string | undefined,
  onBytes: (n: number) => void,
): AsyncGenerator<RawRow> {
  const input = createReadStream(file, { highWaterMark: 1 << 18 });
  let counted = 0;
  input.on("data", (chunk) => {
    counted += chunk.length;
    onBytes(chunk.length);
  });
  // Styles are needed: exceljs only knows a number is a date from the cell's number format.
  const book = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as BookReader;
  const seen: string[] = [];
  let found = false;
  let yielded = false;
  try {
    for await (const sheet of book) {
      seen.push(sheet.name);
      // Excel treats sheet names case-insensitively, so "--sheet orders" finds "Orders".
      if (sheetName !== undefined && sheet.name.toLowerCase() !== sheetName.trim().toLowerCase()) {
        await passOver(sheet);
        continue;
      }
      found = true;
      for await (const row of sheet) {
        const cells = rowCells(row);
        if (isBlankRow(cells)) continue;
        yielded = true;
        yield { line: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (!yielded && isSheetBeforeWorkbook(error)) {
      input.destroy();
      // The whole file is read again; progress counts it once.
      yield* readWholeBookRows(file, sheetName, (n) => onBytes(n - counted));
      return;
    }
    throw ImportFileError.of(
      "undecodable",
      file,
      { detail: error instanceof Error ? error.message : String(error) },
      { key: "import.file.badXlsx", cause: error },
    );
  } finally {
    input.destroy();
  }
  if (!found) {
    const names = book.model?.sheets?.map((sheet) => sheet.name) ?? seen;
    if (names.length === 0)
      throw ImportFileError.of("sheet-not-found", file, {}, { key: "import.file.noSheets" });
    throw ImportFileError.of("sheet-not-found", file, { sheet: sheetName ?? "", sheets: names.join(", ") });
  }
}

/**
 * Reads through a sheet that is not the one wanted. A sheet stored in the zip before the shared
 * strings (as exceljs writes them) is spilled by exceljs to a temporary file, deleted as
 * soon as the next sheet is asked for, while the sheet's stream opens that file asynchronously:
 * passed over unread, the deletion could come first, and the failed open was thrown outside any
 * caller (an uncaught exception: a crash of the process; seen as a flaky test in CI).
 */
async function passOver(sheet: AsyncIterable<unknown>): Promise<void> {
  for await (const _row of sheet) {
    // Nothing to do with the rows.
  }
}

/**
 * exceljs's streaming reader fails on a sheet stored in the zip before xl/workbook.xml once the
 * shared strings are read: it looks the sheet's name up in a workbook it has not read yet
 * (exceljs issue #962). Such files are valid (the zip's order is the writer's choice, and exceljs's
 * own writer varies it under load), so they are read whole instead.
 */
function isSheetBeforeWorkbook(error: unknown): boolean {
  return error instanceof TypeError && error.message.includes("reading 'sheets'");
}

/** readSheetRows for a workbook read whole into memory. */
async function* readWholeBookRows(
  file: string,
  sheetName: string | undefined,
  onBytes: (n: number) => void,
): AsyncGenerator<RawRow> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw ImportFileError.of(
      "undecodable",
      file,
      { detail: error instanceof Error ? error.message : String(error) },
      { key: "import.file.badXlsx", cause: error },
    );
  }
  onBytes((await stat(file)).size);
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const sheet =
    sheetName === undefined
      ? workbook.worksheets[0]
      : workbook.worksheets.find((s) => s.name.toLowerCase() === sheetName.trim().toLowerCase());
  if (!sheet) {
    if (names.length === 0)
      throw ImportFileError.of("sheet-not-found", file, {}, { key: "import.file.noSheets" });
    throw ImportFileError.of("sheet-not-found", file, { sheet: sheetName ?? "", sheets: names.join(", ") });
  }
  for (let number = 1; number <= sheet.rowCount; number++) {
    const cells = rowCells(sheet.getRow(number));
    if (isBlankRow(cells)) continue;
    yield { line: number, cells };
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
