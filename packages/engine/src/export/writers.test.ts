import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "@custra/core/errors";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExportError } from "./errors.ts";
import { type ExportColumn, openTableWriter } from "./writers.ts";

const COLUMNS: readonly ExportColumn[] = [
  { header: "客户名称", kind: "text" },
  { header: "amount, in ¥", kind: "money" },
  { header: "p", kind: "probability" },
  { header: "n", kind: "integer" },
  { header: "day", kind: "date" },
];

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-writers-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("CSV writer", () => {
  it("writes a BOM, CRLF records and RFC 4180 quoting that csv-parse reads back", async () => {
    const out = join(work, "quoting.csv");
    const writer = await openTableWriter("csv", out, COLUMNS, "x");
    writer.add(['杭州 "一号", 有限公司\n第二行', 1234.5, 0.123456789, 3, "2024-02-29"]);
    writer.add([null, -0.001, Number.NaN, null, null]);
    await writer.close();
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain('客户名称,"amount, in ¥",p,n,day\r\n');
    expect(text.endsWith(",,,\r\n")).toBe(true);
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows).toEqual([
      ["客户名称", "amount, in ¥", "p", "n", "day"],
      ['杭州 "一号", 有限公司\n第二行', "1234.50", "0.123456789", "3", "2024-02-29"],
      // Money rounds to cents without a negative zero; missing values are empty fields.
      ["", "0.00", "", "", ""],
    ]);
  });
});

describe("XLSX writer", () => {
  it("writes numbers and dates as typed cells under a bold, frozen header", async () => {
    const out = join(work, "typed.xlsx");
    const writer = await openTableWriter("xlsx", out, COLUMNS, "客户评分");
    writer.add(["上海二号", 1234.567, 0.5, 7, "2024-02-29"]);
    writer.add(["C2", null, Number.NaN, null, null]);
    await writer.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet("客户评分")!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe("客户名称");
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe(1234.57);
    expect(row.getCell(2).numFmt).toBe("#,##0.00");
    expect(row.getCell(3).value).toBe(0.5);
    expect(row.getCell(3).numFmt).toBe("0.0000");
    expect(row.getCell(4).value).toBe(7);
    expect(row.getCell(5).value).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(row.getCell(5).numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10);
  });
});

describe("output files", () => {
  it("names the path and the reason when it cannot be written", async () => {
    const missing = join(work, "no-such-folder", "scores.csv");
    await expect(openTableWriter("csv", missing, COLUMNS, "x")).rejects.toThrow(
      new ExportError("EXPORT_CANNOT_WRITE", { path: missing, reason: text("export.reason.ENOENT") }),
    );
    await expect(openTableWriter("xlsx", work, COLUMNS, "x")).rejects.toThrow(/it is a folder/);
  });

  it("leaves an earlier file as it was when an export is aborted, and no temporary file", async () => {
    const out = join(work, "kept.csv");
    await writeFile(out, "old\n");
    for (const format of ["csv", "xlsx"] as const) {
      const writer = await openTableWriter(format, out, COLUMNS, "x");
      writer.add(["new", 1, 0.5, 1, null]);
      await writer.flush();
      await writer.abort();
    }
    expect(await readFile(out, "utf8")).toBe("old\n");
    expect((await readdir(work)).filter((name) => name.endsWith(".part"))).toEqual([]);
  });
});

describe("cells that would run as formulas (OWASP CSV injection)", () => {
  const TEXTS: readonly ExportColumn[] = [
    { header: "name", kind: "text" },
    { header: "amount", kind: "money" },
    { header: "n", kind: "integer" },
  ];
  const hostile = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"];
  const awkward = ['杭州 "一号", 有限公司', "line one\nline two", "a,b", '"quoted"', "O'Neil", "1-2"];

  it("gets a single quote in front of a text cell in CSV; numbers and awkward names stay as they are", async () => {
    const out = join(work, "injection.csv");
    const writer = await openTableWriter("csv", out, TEXTS, "x");
    for (const text of [...hostile, ...awkward]) writer.add([text, -12.5, -3]);
    await writer.close();
    const rows = (parse(await readFile(out), { bom: true }) as string[][]).slice(1);
    expect(rows.map((row) => row[0])).toEqual([...hostile.map((text) => `'${text}`), ...awkward]);
    // A negative amount is a number, not a formula: it is written as it is.
    expect(rows.every((row) => row[1] === "-12.50" && row[2] === "-3")).toBe(true);
  });

  it("does the same in XLSX, where the cells are text and numbers", async () => {
    const out = join(work, "injection.xlsx");
    const writer = await openTableWriter("xlsx", out, TEXTS, "x", { currency: "USD" });
    for (const text of [...hostile, ...awkward]) writer.add([text, -12.5, -3]);
    await writer.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    const names: unknown[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      names.push(row.getCell(1).value);
      expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(2).value).toBe(-12.5);
      expect(row.getCell(3).value).toBe(-3);
    });
    // XML reads a carriage return in text as a line feed (exceljs writes it unescaped): the cell
    // still starts with the quote, and that one character is all the format changes.
    const expected = [...hostile.map((text) => `'${text}`), ...awkward].map((text) =>
      text.replace("\r", "\n"),
    );
    expect(names).toEqual(expected);
    // Money cells show the currency's symbol, the value stays a plain number.
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('"US$"#,##0.00');
  });
});
