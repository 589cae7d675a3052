import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setLocale } from "@custra/core";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseCode, parseDate, parseDecimal, parseTimestamp } from "../values.ts";
import { ImportFileError, openTable, type RawRow, type TableSource } from "./open-table.ts";

let dir: string;
let book: string;
const originalTz = process.env.TZ;

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
  process.env.TZ = originalTz;
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  setLocale("zh-CN");
  process.env.TZ = originalTz;
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
      process.env.TZ = zone;
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
      expect((await openError(book, { sheet: "空白" })).code).toBe("empty");
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
    setLocale("en");
    const error = await openError(book, { sheet: "Orders" });
    expect(error.code).toBe("sheet-not-found");
    expect(error.message).toBe(`no sheet named "Orders" in ${book}; its sheets are: 客户, 订单, 空白`);
  });

  it("rejects a sheet without rows as empty", async () => {
    expect((await openError(book, { sheet: "空白" })).code).toBe("empty");
  });

  it("rejects a file that is not a workbook", async () => {
    const { writeFile } = await import("node:fs/promises");
    const path = join(dir, "fake.xlsx");
    await writeFile(path, "code,name\nC1,Ann\n");
    expect((await openError(path)).code).toBe("undecodable");
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
