import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rendered } from "../../testing/render.ts";
import { parseDate, parseDecimal } from "../values.ts";
import { MAX_QUOTED_LINES } from "./csv.ts";
import { type Cell, ImportFileError, openTable, type RawRow, type TableSource } from "./open-table.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "custra-csv-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
      const error = await openError(join(dir, "nope.csv"));
      expect(error.code).toBe("IMPORT_FILE_NOT_FOUND");
      expect(error.message).toBe(`file not found: ${join(dir, "nope.csv")}`);
    });

    it("names an unsupported format", async () => {
      const path = await file("data.json", "whatever");
      const error = await openError(path);
      expect(error.code).toBe("IMPORT_FILE_UNSUPPORTED_FORMAT");
      expect(error.message).toContain(path);
    });

    it("rejects an empty file and one of blank lines", async () => {
      expect((await openError(await file("empty.csv", ""))).code).toBe("IMPORT_FILE_EMPTY");
      expect((await openError(await file("blank.csv", "\ufeff\n \r\n\n"))).code).toBe("IMPORT_FILE_EMPTY");
      expect((await openError(await file("delims.csv", ",,\n,,\n"))).code).toBe("IMPORT_FILE_EMPTY");
    });

    it("rejects a file whose first row is data", async () => {
      const error = await openError(await file("noheader.csv", "1001,2024-01-05,12.50\n1002,2024-01-06,3\n"));
      expect(error.code).toBe("IMPORT_FILE_NO_HEADER");
      expect(error.line).toBe(1);
      expect(error.message).toContain("1001,2024-01-05,12.50");
    });

    it("rejects a workbook saved with a .csv extension", async () => {
      const error = await openError(
        await file("book.csv", Buffer.from("PK\u0003\u0004\u0014\u0000\u0006\u0000binary")),
      );
      expect(error.code).toBe("IMPORT_FILE_UNDECODABLE");
    });

    it("reports a quote never closed as a bad row on the line it opens, keeping the rows before", async () => {
      const path = await file("unclosed.csv", 'code,name\nC1,Ann\nC2,"Bob\nC3,Cy\n');
      const rows = await allRows(await openTable(path));
      expect(rendered(rows)).toEqual([
        { line: 2, cells: ["C1", "Ann"] },
        {
          line: 3,
          cells: [],
          problem:
            'the quote opened on line 3 is never closed (it runs to the end of the file): close it; a quote inside a quoted field is written twice ("")',
        },
      ]);
    });

    it("stops a quote that swallows the rest of a large file at the record size limit, naming its line", async () => {
      const rest = Array.from({ length: 20_000 }, (_, i) => `C${i},name ${i}`).join("\n");
      const path = await file("runaway-big.csv", `code,name\nC0,"Ann\n${rest}\n`);
      const error = await allRows(await openTable(path, { limits: { maxCellChars: 1000 } })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).line).toBe(2);
      expect((error as ImportFileError).message).toContain("line 2");
      expect((error as ImportFileError).message).toContain("most likely a quote that is never closed");
    });

    it("honours an explicit encoding and rejects an unknown one", async () => {
      const path = await file("explicit.csv", iconv.encode("编号,名称\nA,张三\n", "gbk"));
      const source = await openTable(path, { encoding: "gbk" });
      expect(await allRows(source)).toEqual([{ line: 2, cells: ["A", "张三"] }]);
      expect((await openError(path, { encoding: "klingon" })).code).toBe("IMPORT_FILE_UNDECODABLE");
    });
  });
});

describe("openTable on CSV with quotes left open", () => {
  it("makes a quote that swallows rows a bad row on its line, and reads the rows after it", async () => {
    // The quote on line 2 is closed in the middle of line 4's field: csv-parse's relaxed reading
    // merged lines 2-4 into one record of the right width.
    const content = ["code,name,note", 'C1,"Ann,x', "C2,Bob,y", 'C3,"Cy",z', "C4,Di,w"].join("\n");
    const rows = await allRows(await openTable(await file("swallow.csv", content)));
    expect(rendered(rows)).toEqual([
      {
        line: 2,
        cells: [],
        problem:
          'the quote opened on line 2 is not closed where its field ends and swallows the 2 lines after it (to line 4): close it at the end of its field; a quote inside a quoted field is written twice ("")',
      },
      { line: 5, cells: ["C4", "Di", "w"] },
    ]);
  });

  it("makes a record that swallowed rows and lost its width a bad row", async () => {
    const content = ["code,name,note", 'C1,Ann,"hello', "C2,Bob,y", 'C3,Cy,z"', "C4,Di,w"].join("\n");
    const rows = await allRows(await openTable(await file("swallow-width.csv", content)));
    expect(rows.map((row) => [row.line, row.problem !== undefined])).toEqual([
      [2, false],
      [5, false],
    ]);
    // Closed at the end of a field, the swallowing record has the header's width: only the line
    // count can tell, and three lines are a legitimate note.
    expect(rows[0]!.cells[2]).toBe("hello\nC2,Bob,y\nC3,Cy,z");

    const narrow = ["code,name,note", 'C1,"Ann', "C2,Bob", 'C3,Cy",z,extra', "C4,Di,w"].join("\n");
    const merged = await allRows(await openTable(await file("swallow-narrow.csv", narrow)));
    expect(
      merged.map((row) => [row.line, row.problem && String(rendered(row.problem)).slice(0, 27)]),
    ).toEqual([
      [2, "the quote opened on line 2 "],
      [5, undefined],
    ]);
  });

  it("makes a cell longer than Excel allows a bad row, unless the limit is raised", async () => {
    const path = await file("long-cell.csv", `code,note\nC1,${"x".repeat(40_000)}\nC2,short\n`);
    const rows = await allRows(await openTable(path));
    expect(rendered(rows)).toEqual([
      {
        line: 2,
        cells: [],
        problem:
          "field 2 is longer than 32767 characters; if the data is genuine, raise the limit with the environment variable CUSTRA_IMPORT_MAX_CELL_CHARS",
      },
      { line: 3, cells: ["C2", "short"] },
    ]);
    const raised = await allRows(await openTable(path, { limits: { maxCellChars: 50_000 } }));
    expect(raised[0]!.cells[1]).toHaveLength(40_000);
  });

  it(`makes a quoted field of more than ${MAX_QUOTED_LINES} lines a bad row`, async () => {
    const note = Array.from({ length: MAX_QUOTED_LINES + 1 }, (_, i) => `line ${i}`).join("\n");
    const content = `code,name,note\nC1,Ann,"${note}"\nC2,Bob,y\n`;
    const rows = await allRows(await openTable(await file("long-note.csv", content)));
    expect(rendered(rows[0]!.problem)).toContain(`swallows the ${MAX_QUOTED_LINES} lines after it`);
    expect(rows[1]).toEqual({ line: MAX_QUOTED_LINES + 3, cells: ["C2", "Bob", "y"] });
  });

  it("still reads real multi-line fields: addresses and notes of a few lines, with quotes inside", async () => {
    const content = [
      "code,name,address",
      'C1,"Ann ""A"" Lee","上海市浦东新区',
      '世纪大道100号, 8楼"',
      'C2,Bob,"line 1',
      "line 2",
      "line 3, with a comma",
      'line 4 ""quoted"""',
      "C3,Cy,plain",
    ].join("\r\n");
    const rows = await allRows(await openTable(await file("multi-ok.csv", content)));
    expect(rows).toEqual([
      { line: 2, cells: ["C1", 'Ann "A" Lee', "上海市浦东新区\r\n世纪大道100号, 8楼"] },
      { line: 4, cells: ["C2", "Bob", 'line 1\r\nline 2\r\nline 3, with a comma\r\nline 4 "quoted"'] },
      { line: 8, cells: ["C3", "Cy", "plain"] },
    ]);
  });
});

describe("openTable on CSV: the encoding of the whole file", () => {
  /** Lines of ASCII filling more than the detection sample. */
  const asciiLines = (count: number) => Array.from({ length: count }, (_, i) => `C${i},name ${i}`);

  it("reads a GBK name far beyond the detection sample as GBK, not as broken UTF-8", async () => {
    const lines = asciiLines(8000); // ~110 kB of ASCII before the first Chinese name
    const content = Buffer.concat([
      Buffer.from(`code,name\n${lines.join("\n")}\n`),
      iconv.encode("C8000,张三贸易有限公司\n", "gbk"),
    ]);
    expect(content.indexOf(0xd5)).toBeGreaterThan(64 * 1024);
    const source = await openTable(await file("late-gbk.csv", content));
    expect(source.encoding).toBe("gb18030");
    const rows = await allRows(source);
    expect(rows.at(-1)).toEqual({ line: 8002, cells: ["C8000", "张三贸易有限公司"] });
  });

  it("refuses a file that is UTF-8 at first and GBK later, naming the line", async () => {
    const content = Buffer.concat([
      Buffer.from(`code,name\nC0,张三\n${asciiLines(8000).join("\n")}\n`),
      iconv.encode("C8000,李四\n", "gbk"),
    ]);
    const error = await openError(await file("mixed.csv", content));
    expect(error.code).toBe("IMPORT_FILE_UNDECODABLE");
    expect(error.line).toBe(8003);
    expect(error.message).toContain("up to line 8003");
    expect(error.message).toContain("save the whole file again as UTF-8");
  });

  it("makes a row with a NUL byte a bad row on its line, early or late in the file", async () => {
    const lines = asciiLines(8000);
    lines[2] = "C2,na\u0000me";
    lines[7000] = "C7000,\u0000";
    const source = await openTable(await file("nul.csv", `code,name\n${lines.join("\n")}\n`));
    const bad = (await allRows(source)).filter((row) => row.problem !== undefined);
    expect(rendered(bad)).toEqual([
      {
        line: 4,
        cells: [],
        problem:
          "field 2 holds a NUL byte (0x00), which is not text: the file may be damaged; export it again",
      },
      { line: 7002, cells: [], problem: expect.stringContaining("NUL byte") },
    ]);
    // A file of NUL bytes is no text file at all.
    const binary = await file(
      "binary.csv",
      Buffer.concat([Buffer.from("code,name\n"), Buffer.alloc(500, 0)]),
    );
    expect((await openError(binary)).message).toContain("does not look like a text file");
  });

  it("decodes Big5 (traditional Chinese) as Big5, never as GBK", async () => {
    const text = "客戶編號,客戶名稱,地區\nC001,張三貿易有限公司,臺北市信義區\nC002,李四科技,高雄市前鎮區\n";
    const source = await openTable(await file("big5.csv", iconv.encode(text, "big5")));
    expect(source.encoding).toBe("big5");
    expect(source.headers).toEqual(["客戶編號", "客戶名稱", "地區"]);
    expect(await allRows(source)).toEqual([
      { line: 2, cells: ["C001", "張三貿易有限公司", "臺北市信義區"] },
      { line: 3, cells: ["C002", "李四科技", "高雄市前鎮區"] },
    ]);
    // And GBK stays GBK, traditional characters included.
    const gbk = await openTable(await file("gbk-trad.csv", iconv.encode(text, "gbk")));
    expect(gbk.encoding).toBe("gb18030");
    expect(gbk.headers).toEqual(["客戶編號", "客戶名稱", "地區"]);
  });

  it("decides a Big5 file that starts with pages of ASCII on its Big5 text", async () => {
    const content = Buffer.concat([
      Buffer.from(`code,name\n${asciiLines(8000).join("\n")}\n`),
      iconv.encode("C8000,張三貿易有限公司,臺北市信義區市府路\n", "big5"),
    ]);
    const source = await openTable(await file("late-big5.csv", content));
    expect(source.encoding).toBe("big5");
    expect((await allRows(source)).at(-1)!.cells).toEqual([
      "C8000",
      "張三貿易有限公司",
      "臺北市信義區市府路",
    ]);
  });
});
