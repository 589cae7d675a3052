import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setLocale } from "@custra/core";
import iconv from "iconv-lite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseDate, parseDecimal } from "../values.ts";
import { type Cell, ImportFileError, openTable, type RawRow, type TableSource } from "./open-table.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "custra-csv-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => setLocale("zh-CN"));

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

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

describe("openTable on CSV", () => {
  it("decodes GBK with Chinese headers and names", async () => {
    const text =
      "客户编号,客户名称,下单日期,金额\n" +
      'C001,北京华联商厦有限公司,2024年1月5日,"￥1,234.50"\n' +
      "C002,张三丰,2024/1/6,88\n" +
      "C003,鑫淼犇骉贸易（深圳）,2024-01-07,12.5元\n";
    const path = await file("gbk.csv", iconv.encode(text, "gbk"));
    const source = await openTable(path);
    expect(source).toMatchObject({ format: "csv", encoding: "gb18030", delimiter: ",", headerLine: 1 });
    expect(source.headers).toEqual(["客户编号", "客户名称", "下单日期", "金额"]);
    const rows = await allRows(source);
    expect(rows).toEqual([
      { line: 2, cells: ["C001", "北京华联商厦有限公司", "2024年1月5日", "￥1,234.50"] },
      { line: 3, cells: ["C002", "张三丰", "2024/1/6", "88"] },
      { line: 4, cells: ["C003", "鑫淼犇骉贸易（深圳）", "2024-01-07", "12.5元"] },
    ]);
    expect(rows.map((row) => parseDate(row.cells[2]!))).toEqual(
      ["2024-01-05", "2024-01-06", "2024-01-07"].map((value) => ({ ok: true, value })),
    );
    expect(parseDecimal(rows[0]!.cells[3]!)).toEqual({ ok: true, value: "1234.50" });
  });

  it("decodes a GBK file larger than the detection sample, across chunk boundaries", async () => {
    const lines = ["客户编号,客户名称,城市"];
    for (let i = 0; i < 20_000; i++) lines.push(`C${i},客户名称${i}号（测试）,上海市浦东新区`);
    const path = await file("gbk-big.csv", iconv.encode(`${lines.join("\r\n")}\r\n`, "gbk"));
    const source = await openTable(path);
    expect(source.encoding).toBe("gb18030");
    const rows = await allRows(source);
    expect(rows).toHaveLength(20_000);
    expect(rows.every((row, i) => row.cells[1] === `客户名称${i}号（测试）` && row.line === i + 2)).toBe(
      true,
    );
    expect(rows.every((row) => row.cells[2] === "上海市浦东新区")).toBe(true);
  });

  it("keeps UTF-8 when the detection sample ends inside a multi-byte character", async () => {
    // 64 KiB is not a multiple of 3, so a line of 3-byte characters is cut in the sample.
    const lines = ["code,name"];
    for (let i = 0; i < 3000; i++) lines.push(`${i},${"中文名称".repeat(2)}`);
    const path = await file("utf8-cut.csv", lines.join("\n"));
    const source = await openTable(path);
    expect(source.encoding).toBe("utf-8");
    const rows = await allRows(source);
    expect(rows).toHaveLength(3000);
    expect(rows.every((row) => row.cells[1] === "中文名称中文名称")).toBe(true);
  });

  it("removes the UTF-8 byte-order mark and trims the header", async () => {
    const path = await file("bom.csv", "\ufeffcustomer_code , name\nC1,Ann\n");
    const source = await openTable(path);
    expect(source.encoding).toBe("utf-8");
    expect(source.headers).toEqual(["customer_code", "name"]);
    expect(await allRows(source)).toEqual([{ line: 2, cells: ["C1", "Ann"] }]);
  });

  it.each([
    [";", "semicolon.csv", 'code;name;amount\nC1;"Müller; Sohn";"1,5"\nC2;Ann;3\n'],
    ["\t", "tab.tsv", 'code\tname\tamount\nC1\t"A, B"\t1,234\nC2\tAnn\t3\n'],
    ["\t", "tab.txt", "code\tname\tamount\nC1\tA; B\t1\nC2\tAnn\t3\n"],
    ["|", "pipe.csv", "code|name|amount\nC1|A, B|1\nC2|Ann|3\n"],
    [",", "comma.csv", 'code,name,amount\nC1,"x;y;z|w",1\nC2,Ann,3\n'],
  ])("detects the delimiter %j", async (delimiter, name, content) => {
    const source = await openTable(await file(name, content));
    expect(source.delimiter).toBe(delimiter);
    expect(source.headers).toEqual(["code", "name", "amount"]);
    const rows = await allRows(source);
    expect(rows.map((row) => row.cells.length)).toEqual([3, 3]);
    expect(rows[1]!.cells).toEqual(["C2", "Ann", "3"]);
  });

  it("gives later rows the right line after quoted fields that span lines, blank lines and CRLF", async () => {
    const content = [
      "code,name,note",
      'C1,Ann,"first line',
      "second line",
      'third line"',
      "",
      'C2,"Bob ""the builder""",plain',
      "   ",
      ",,",
      'C3,Cy,"a\r\nb"',
      "C4,Di,end",
    ].join("\r\n");
    const source = await openTable(await file("multiline.csv", content));
    const rows = await allRows(source);
    expect(rows.map((row) => [row.line, row.cells[0]])).toEqual([
      [2, "C1"],
      [6, "C2"],
      [9, "C3"],
      [11, "C4"],
    ]);
    expect(rows[0]!.cells[2]).toBe("first line\r\nsecond line\r\nthird line");
    expect(rows[1]!.cells[1]).toBe('Bob "the builder"');
  });

  it('follows an Excel "sep=" line', async () => {
    const source = await openTable(await file("sep.csv", "sep=;\r\ncode;amount\r\nC1;1,5\r\n"));
    expect(source).toMatchObject({ delimiter: ";", headers: ["code", "amount"], headerLine: 2 });
    expect(await allRows(source)).toEqual([{ line: 3, cells: ["C1", "1,5"] }]);
  });

  it("finds the header below leading blank lines", async () => {
    const source = await openTable(await file("leading.csv", "\n\ncode,name\n\nC1,Ann\n"));
    expect(source.headerLine).toBe(3);
    expect(await allRows(source)).toEqual([{ line: 5, cells: ["C1", "Ann"] }]);
  });

  it("keeps rows whose width differs from the header, for the pipeline to report", async () => {
    const source = await openTable(await file("ragged.csv", "a,b,c\n1,2\n1,2,3,4\n1,2,3\n"));
    const rows = await allRows(source);
    expect(rows.map((row) => row.cells.length)).toEqual([2, 4, 3]);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4]);
  });

  it("streams large files in batches and reports progress", async () => {
    const lines = ["code,amount"];
    for (let i = 0; i < 20_001; i++) lines.push(`C${i},${i}`);
    const path = await file("big.csv", `${lines.join("\n")}\n`);
    const source = await openTable(path);
    const sizes: number[] = [];
    let last: RawRow | undefined;
    for await (const batch of source.rows()) {
      sizes.push(batch.length);
      last = batch[batch.length - 1];
    }
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_001);
    expect(last).toEqual({ line: 20_002, cells: ["C20000", "20000"] });
    expect(source.bytesRead()).toBe(source.totalBytes);
    // rows() can be iterated again, from the start.
    expect((await allRows(source)).length).toBe(20_001);
  });

  it("gives strings, never typed cells", async () => {
    const rows = await allRows(
      await openTable(await file("typed.csv", "code,amount,flag\n007,12.50,true\n")),
    );
    const cells: Cell[] = rows[0]!.cells;
    expect(cells).toEqual(["007", "12.50", "true"]);
  });

  describe("errors", () => {
    it("names a missing file", async () => {
      setLocale("en");
      const error = await openError(join(dir, "nope.csv"));
      expect(error.code).toBe("not-found");
      expect(error.message).toBe(`file not found: ${join(dir, "nope.csv")}`);
    });

    it("names an unsupported format", async () => {
      const path = await file("data.xls", "whatever");
      const error = await openError(path);
      expect(error.code).toBe("unsupported-format");
      expect(error.message).toContain(path);
    });

    it("rejects an empty file and one of blank lines", async () => {
      expect((await openError(await file("empty.csv", ""))).code).toBe("empty");
      expect((await openError(await file("blank.csv", "\ufeff\n \r\n\n"))).code).toBe("empty");
      expect((await openError(await file("delims.csv", ",,\n,,\n"))).code).toBe("empty");
    });

    it("rejects a file whose first row is data", async () => {
      setLocale("en");
      const error = await openError(await file("noheader.csv", "1001,2024-01-05,12.50\n1002,2024-01-06,3\n"));
      expect(error.code).toBe("no-header");
      expect(error.line).toBe(1);
      expect(error.message).toContain("1001,2024-01-05,12.50");
    });

    it("rejects a workbook saved with a .csv extension", async () => {
      const error = await openError(
        await file("book.csv", Buffer.from("PK\u0003\u0004\u0014\u0000\u0006\u0000binary")),
      );
      expect(error.code).toBe("undecodable");
    });

    it("reports an unclosed quote with its line", async () => {
      setLocale("en");
      const path = await file("unclosed.csv", 'code,name\nC1,Ann\nC2,"Bob\nC3,Cy\n');
      const source = await openTable(path);
      const error = await allRows(source).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).code).toBe("malformed");
      expect((error as ImportFileError).line).toBe(3);
      expect((error as ImportFileError).message).toContain("line 3");
    });

    it("honours an explicit encoding and rejects an unknown one", async () => {
      const path = await file("explicit.csv", iconv.encode("编号,名称\nA,张三\n", "gbk"));
      const source = await openTable(path, { encoding: "gbk" });
      expect(await allRows(source)).toEqual([{ line: 2, cells: ["A", "张三"] }]);
      expect((await openError(path, { encoding: "klingon" })).code).toBe("undecodable");
    });
  });
});
