import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCode, parseDate, parseDecimal, parseTimestamp } from "../values.ts";
import { ImportFileError, openTable, type RawRow, type TableSource } from "./open-table.ts";

let dir: string;
let book: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "custra-xlsx-test-"));
  book = join(dir, "book.xlsx");
  const workbook = new ExcelJS.Workbook();

  const customers = workbook.addWorksheet("客户");
  customers.addRow(["客户编号", "客户名称"]);
  customers.addRow(["C001", "张三"]);

  const orders = workbook.addWorksheet("订单");
  orders.addRow(["订单号", "客户编号", "下单日期", "金额", "已付", "下单时间"]);
  orders.addRow([
    "00123",
    "000042",
    new Date(Date.UTC(2024, 0, 5)),
    1234.5,
    true,
    new Date(Date.UTC(2024, 0, 5, 13, 45)),
  ]);
  orders.addRow([
    "00124",
    { richText: [{ text: "0000" }, { font: { bold: true }, text: "43" }] },
    new Date(Date.UTC(2023, 11, 31)),
    { formula: "10*2.5", result: 25 },
    false,
    null,
  ]);
  orders.addRow(["00125", 77, 45296, 0.1, null, null]); // a code typed as a number; a date as a bare serial
  orders.addRow([]);
  orders.addRow(["", null]);
  orders.getColumn(3).numFmt = "yyyy-mm-dd";
  orders.getColumn(6).numFmt = "yyyy-mm-dd hh:mm";
  orders.getCell("C4").numFmt = "General";

  workbook.addWorksheet("空白");
  await workbook.xlsx.writeFile(book);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function allRows(source: TableSource): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const batch of source.rows()) rows.push(...batch);
  return rows;
}

async function openError(path: string, options = {}): Promise<ImportFileError> {
  const error = await openTable(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe("openTable on XLSX", () => {
  it("reads the first sheet by default", async () => {
    const source = await openTable(book);
    expect(source).toMatchObject({ format: "xlsx", headers: ["客户编号", "客户名称"], headerLine: 1 });
    expect(await allRows(source)).toEqual([{ line: 2, cells: ["C001", "张三"] }]);
  });

  it("reads the chosen sheet with typed cells", async () => {
    const source = await openTable(book, { sheet: "订单" });
    expect(source.headers).toEqual(["订单号", "客户编号", "下单日期", "金额", "已付", "下单时间"]);
    const rows = await allRows(source);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(rows[0]!.cells).toEqual([
      "00123",
      "000042",
      new Date(Date.UTC(2024, 0, 5)),
      1234.5,
      true,
      new Date(Date.UTC(2024, 0, 5, 13, 45)),
    ]);
    // Rich text is flattened to its text, a formula to its result, and short rows padded.
    expect(rows[1]!.cells).toEqual(["00124", "000043", new Date(Date.UTC(2023, 11, 31)), 25, false, null]);
    expect(rows[2]!.cells).toEqual(["00125", 77, 45296, 0.1, null, null]);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it.each(["Asia/Shanghai", "America/Los_Angeles", "UTC"])(
    "gives the calendar date of date cells whatever the time zone (%s)",
    async (zone) => {
      // A stub: undone after the test (unstubEnvs in vitest.config.ts).
      vi.stubEnv("TZ", zone);
      if (zone === "America/Los_Angeles") expect(new Date(Date.UTC(2024, 0, 5)).getDate()).toBe(4); // TZ took effect
      const rows = await allRows(await openTable(book, { sheet: "订单" }));
      expect(rows.map((row) => parseDate(row.cells[2]!))).toEqual(
        ["2024-01-05", "2023-12-31", "2024-01-05"].map((value) => ({ ok: true, value })),
      );
      expect(parseTimestamp(rows[0]!.cells[5]!)).toEqual({ ok: true, value: "2024-01-05T13:45:00Z" });
      expect(rows.map((row) => parseCode(row.cells[1]!))).toEqual(
        ["000042", "000043", "77"].map((value) => ({ ok: true, value })),
      );
      expect(parseDecimal(rows[0]!.cells[3]!)).toEqual({ ok: true, value: "1234.50" });
    },
  );

  it("reads a workbook whose sheets come before xl/workbook.xml in the zip", async () => {
    // Zip order is the writer's choice (exceljs's own varies under load); its streaming reader
    // cannot name a sheet read before the workbook part once shared strings are in.
    const original = await JSZip.loadAsync(await readFile(book));
    const names = Object.keys(original.files).filter((name) => !original.files[name]!.dir);
    const first = [
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml",
    ];
    const order = [
      ...first,
      ...names.filter((n) => !first.includes(n) && n !== "xl/workbook.xml"),
      "xl/workbook.xml",
    ];
    const reordered = new JSZip();
    for (const name of order) reordered.file(name, await original.file(name)!.async("uint8array"));
    const path = join(dir, "reordered.xlsx");
    await writeFile(path, await reordered.generateAsync({ type: "nodebuffer" }));

    const expected = await allRows(await openTable(book, { sheet: "订单" }));
    const table = await openTable(path, { sheet: "订单" });
    expect(table.headers).toEqual(["订单号", "客户编号", "下单日期", "金额", "已付", "下单时间"]);
    expect(await allRows(table)).toEqual(expected);
    expect(table.bytesRead()).toBe(table.totalBytes);
    expect((await openError(path, { sheet: "Orders" })).message).toContain("客户, 订单, 空白");
  });

  it("passes over the sheets before the chosen one without leaving a read behind", async () => {
    // exceljs's own writer stores the sheets before the shared strings, and its reader then
    // spills each sheet to a temporary file, deleted as soon as the next sheet is asked for: a
    // sheet passed over unread then failed to open its file, outside any caller (a crash).
    // The deletion races the opening, so the reads are repeated; stray errors fail the run.
    const expected = await allRows(await openTable(book, { sheet: "订单" }));
    for (let k = 0; k < 10; k++) {
      expect(await allRows(await openTable(book, { sheet: "订单" }))).toEqual(expected);
      expect((await openError(book, { sheet: "空白" })).code).toBe("IMPORT_FILE_EMPTY");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it("finds a sheet whatever the case of its name", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Customers").addRow(["code"]);
    workbook.addWorksheet("Orders").addRow(["order_id"]);
    const path = join(dir, "cased.xlsx");
    await workbook.xlsx.writeFile(path);
    expect((await openTable(path, { sheet: "orders" })).headers).toEqual(["order_id"]);
  });

  it("names the sheets when the chosen one does not exist", async () => {
    const error = await openError(book, { sheet: "Orders" });
    expect(error.code).toBe("IMPORT_FILE_SHEET_NOT_FOUND");
    expect(error.message).toBe(`no sheet named "Orders" in ${book}; its sheets are: 客户, 订单, 空白`);
  });

  it("rejects a sheet without rows as empty", async () => {
    expect((await openError(book, { sheet: "空白" })).code).toBe("IMPORT_FILE_EMPTY");
  });

  it("rejects a file that is not a workbook", async () => {
    const { writeFile } = await import("node:fs/promises");
    const path = join(dir, "fake.xlsx");
    await writeFile(path, "code,name\nC1,Ann\n");
    expect((await openError(path)).code).toBe("IMPORT_FILE_UNDECODABLE");
  });

  it("streams sheets larger than a batch", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("big");
    sheet.addRow(["code", "amount"]);
    for (let i = 0; i < 9000; i++) sheet.addRow([`C${i}`, i]);
    const path = join(dir, "big.xlsx");
    await workbook.xlsx.writeFile(path);
    const source = await openTable(path);
    const sizes: number[] = [];
    for await (const batch of source.rows()) sizes.push(batch.length);
    expect(sizes).toEqual([8192, 808]);
  });
});

/** The offset of `name`'s central directory record in a zip. */
function centralRecord(zip: Buffer, name: string): number {
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let i = zip.indexOf(signature); i >= 0; i = zip.indexOf(signature, i + 1)) {
    const length = zip.readUInt16LE(i + 28);
    if (zip.toString("utf8", i + 46, i + 46 + length) === name) return i;
  }
  throw new Error(`no ${name} in the zip`);
}

/** A workbook whose one sheet holds `rows` rows of highly compressible XML: a small file, a big sheet. */
async function bomb(rows: number, cell = "a"): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await writeBook([["code"], ["C1"]]));
  const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${cell}</t></is></c></row>`;
  const body = Array.from({ length: rows }, (_, i) => row(i + 2)).join("");
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>${body}</sheetData></worksheet>`;
  zip.file("xl/worksheets/sheet1.xml", sheet);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

async function writeBook(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("客户");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("openTable on hostile workbooks", { timeout: 20_000 }, () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env))
      if (name.startsWith("CUSTRA_IMPORT_")) delete process.env[name];
    Object.assign(process.env, saved);
  });

  async function readAll(path: string, options = {}): Promise<RawRow[]> {
    return allRows(await openTable(path, options));
  }

  async function readError(path: string, options = {}): Promise<ImportFileError> {
    const error = await readAll(path, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  }

  it("says a workbook cut short is truncated, within a second, wherever the cut is", async () => {
    // Sheets after the shared strings (Excel's order), so that cuts fall in the rows as well.
    const original = await JSZip.loadAsync(
      await writeBook([["code", "name"], ...Array.from({ length: 3000 }, (_, i) => [`C${i}`, `名字 ${i}`])]),
    );
    const reordered = new JSZip();
    const names = Object.keys(original.files).filter((name) => !original.files[name]!.dir);
    for (const name of [
      ...names.filter((n) => !n.includes("worksheets/")),
      ...names.filter((n) => n.includes("worksheets/")),
    ])
      reordered.file(name, await original.file(name)!.async("uint8array"));
    const whole = await reordered.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    for (const fraction of [0.1, 0.5, 0.9, 0.999]) {
      const path = join(dir, `cut-${fraction}.xlsx`);
      await writeFile(path, whole.subarray(0, Math.floor(whole.length * fraction)));
      const started = performance.now();
      const error = await readError(path);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(error.code).toBe("IMPORT_FILE_DAMAGED");
      expect(error.message).toBe(
        `the workbook is truncated or damaged: ${path}: the end of the file is missing (an interrupted download or copy). Export it again, or copy the whole file again`,
      );
    }
  });

  it("says a workbook with a corrupt part is damaged, naming the part", async () => {
    const whole = await writeBook([
      ["code", "name"],
      ...Array.from({ length: 3000 }, (_, i) => [`C${i}`, `名字 ${i}`]),
    ]);
    const at = centralRecord(whole, "xl/sharedStrings.xml");
    const data = whole.readUInt32LE(at + 42) + 30 + whole.readUInt16LE(at + 28) + 100;
    const broken = Buffer.from(whole);
    for (let i = 0; i < 64; i++) broken[data + i] = broken[data + i]! ^ 0x5a;
    const path = join(dir, "corrupt.xlsx");
    await writeFile(path, broken);
    const error = await readError(path);
    expect(error.code).toBe("IMPORT_FILE_DAMAGED");
    expect(error.message).toContain("xl/sharedStrings.xml");
    expect(error.message).not.toMatch(/invalid|Error|FILE_ENDED|zlib/);
  });

  it("names an old .xls or encrypted workbook (an OLE2 file) as such, whatever its extension", async () => {
    // The OLE2 signature, then filler: what Excel writes for .xls and for password-protected .xlsx.
    const ole2 = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(4096, 0)]);
    for (const name of ["old.xls", "encrypted.xlsx"]) {
      const path = join(dir, name);
      await writeFile(path, ole2);
      const error = await openError(path);
      expect(error.code).toBe("IMPORT_FILE_LEGACY_FORMAT");
      expect(error.message).toBe(
        `${path} is an old .xls or an encrypted workbook: save it as .xlsx in Excel (without a password)`,
      );
    }
  });

  it("stops a sheet that declares more than the unzipped limit before unzipping it", async () => {
    const zip = await bomb(10);
    // A bomb honest about its size: the directory says 2 GiB, more than the default 1 GiB.
    zip.writeUInt32LE(0x80000000, centralRecord(zip, "xl/worksheets/sheet1.xml") + 24);
    const path = join(dir, "declared-bomb.xlsx");
    await writeFile(path, zip);
    const error = await readError(path);
    expect(error.code).toBe("IMPORT_FILE_TOO_LARGE");
    expect(error.message).toBe(
      `${path} expands to more than 1024 MB when unzipped (it may be a zip bomb); if the file is genuine, raise the limit with the environment variable CUSTRA_IMPORT_MAX_UNZIPPED_MB (in MB)`,
    );
  });

  it("stops a sheet that unzips to more than it declares as soon as it passes the declared size", async () => {
    const zip = await bomb(60_000); // ~4 MB of XML in ~40 kB
    const record = centralRecord(zip, "xl/worksheets/sheet1.xml");
    expect(zip.readUInt32LE(record + 24)).toBeGreaterThan(3_000_000);
    zip.writeUInt32LE(1000, record + 24); // a bomb that lies about its size
    const path = join(dir, "lying-bomb.xlsx");
    await writeFile(path, zip);
    const error = await readError(path);
    expect(error.code).toBe("IMPORT_FILE_DAMAGED");
    expect(error.message).toContain("xl/worksheets/sheet1.xml");
  });

  it("applies the limits given in the options or the environment, and says how to raise them", async () => {
    const path = join(dir, "bomb.xlsx");
    await writeFile(path, await bomb(60_000));
    // Honest and within the default limit: the rows are all read.
    expect((await readAll(path)).length).toBe(60_000);

    const unzipped = await readError(path, { limits: { maxUnzippedBytes: 2 * 1024 * 1024 } });
    expect(unzipped.code).toBe("IMPORT_FILE_TOO_LARGE");
    expect(unzipped.message).toContain("more than 2 MB when unzipped");

    process.env.CUSTRA_IMPORT_MAX_ROWS = "1000";
    const rows = await readError(path);
    expect(rows.message).toBe(
      `the sheet of ${path} has more than 1000 rows; to import it anyway, raise the limit with the environment variable CUSTRA_IMPORT_MAX_ROWS`,
    );
    // The options win over the environment.
    expect((await readAll(path, { limits: { maxRows: 100_000 } })).length).toBe(60_000);

    process.env.CUSTRA_IMPORT_MAX_ROWS = "many";
    expect((await openError(path)).message).toBe(
      "the environment variable CUSTRA_IMPORT_MAX_ROWS must be a positive whole number: many",
    );
  });

  it("refuses a cell longer than Excel allows, in the shared strings or in the sheet", async () => {
    const shared = join(dir, "long-shared.xlsx");
    await writeFile(
      shared,
      await writeBook([
        ["code", "note"],
        ["C1", "x".repeat(40_000)],
      ]),
    );
    const inShared = await openError(shared);
    expect(inShared.code).toBe("IMPORT_FILE_TOO_LARGE");
    expect(inShared.message).toContain("longer than 32767 characters");
    expect(inShared.message).toContain("CUSTRA_IMPORT_MAX_CELL_CHARS");

    const inline = join(dir, "long-inline.xlsx");
    await writeFile(inline, await bomb(3, "y".repeat(40_000)));
    const inSheet = await readError(inline);
    expect(inSheet.message).toBe(
      `${inline} line 2, column A: the cell is longer than 32767 characters (the most an Excel cell holds); if the data is genuine, raise the limit with the environment variable CUSTRA_IMPORT_MAX_CELL_CHARS`,
    );
    expect(inSheet.line).toBe(2);
    expect((await readAll(inline, { limits: { maxCellChars: 50_000 } })).length).toBe(3);

    // One text of a million characters is refused while it is being read, not once it is whole.
    const endless = join(dir, "endless.xlsx");
    await writeFile(endless, await bomb(1, "z".repeat(1_000_000)));
    expect((await readError(endless)).code).toBe("IMPORT_FILE_TOO_LARGE");
  });

  it("reads a workbook whose parts are stored without compression", async () => {
    const original = await JSZip.loadAsync(
      await writeBook([
        ["code", "name"],
        ["C1", "张三"],
        ["C2", 42],
      ]),
    );
    const stored = join(dir, "stored.xlsx");
    await writeFile(stored, await original.generateAsync({ type: "nodebuffer", compression: "STORE" }));
    const source = await openTable(stored);
    expect(source.headers).toEqual(["code", "name"]);
    expect(await allRows(source)).toEqual([
      { line: 2, cells: ["C1", "张三"] },
      { line: 3, cells: ["C2", 42] },
    ]);
  });

  it("keeps characters whole across the chunks a sheet is unzipped in", async () => {
    // exceljs's own reader decoded each chunk on its own: a character cut by a chunk boundary broke.
    const names = Array.from({ length: 3000 }, (_, i) => `客户名称${i}号张三李四`); // 3 broke before
    const path = join(dir, "wide-chars.xlsx");
    await writeFile(path, await writeBook([["code", "name"], ...names.map((name, i) => [`C${i}`, name])]));
    const rows = await readAll(path);
    expect(rows.map((row) => row.cells[1])).toEqual(names);
  });
});
