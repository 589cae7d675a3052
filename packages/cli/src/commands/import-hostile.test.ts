/**
 * `custra import` on hostile files, through the whole command line on both engines: a clear
 * message and exit 1 within seconds (never a hang, a stack trace or an internal name), or the bad
 * rows by line. Each test is bounded in time so that a hang fails the run.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { binary, custra } from "../testing/run-cli.ts";

let work: string;
let workbook: Buffer;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-import-hostile-"));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("客户");
  sheet.addRow(["客户编号", "客户名称"]);
  for (let i = 0; i < 3000; i++) sheet.addRow([`C${i}`, `客户${i}`]);
  workbook = Buffer.from(await book.xlsx.writeBuffer());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** What the user reads: no stack trace, no internal table, no library's own words. */
function expectClean(stderr: string): void {
  expect(stderr).not.toMatch(/_stage_|Bulk loading|FILE_ENDED|invalid signature|internal error|\n\s+at /);
}

for (const engine of ENGINES) {
  describe(`custra import of hostile files on ${engine}`, { timeout: 60_000 }, () => {
    let db: TestLocation;
    beforeAll(async () => {
      db = await createTestLocation(engine);
      // Loading the commands and migrating the new database are not the import's time.
      expect((await custra(["db", "info", "--db", db.location])).code).toBe(0);
    });
    afterAll(async () => {
      await db?.drop();
    });

    const customerCount = async () => {
      const run = await custra(["db", "info", "--json", "--db", db.location]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout).tables.customers as number;
    };

    it("fails on a truncated workbook within seconds, exit 1, saying so", async () => {
      const file = join(work, `${engine}-broken.xlsx`);
      await writeFile(file, workbook.subarray(0, workbook.length >> 1));
      const started = performance.now();
      const run = await custra(["import", "customers", file, "--db", db.location]);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("the workbook is truncated or damaged");
      expect(run.stderr).toContain("Export it again");
      expectClean(run.stderr);
      expect(await customerCount()).toBe(0);
    });

    // A real process starts slowly on a busy machine (tsx loads every command), hence the time.
    it("ends the real process with exit 1 on a truncated workbook (it exited early or hung before)", {
      timeout: 240_000,
    }, async () => {
      const file = join(work, `${engine}-broken-process.xlsx`);
      await writeFile(file, workbook.subarray(0, workbook.length >> 1));
      const run = await binary(["import", "customers", file, "--db", db.location]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("the workbook is truncated or damaged");
      expectClean(run.stderr);
    });

    it("says the same in Chinese by default", async () => {
      const file = join(work, `${engine}-broken-zh.xlsx`);
      await writeFile(file, workbook.subarray(0, workbook.length >> 1));
      const run = await custra(["import", "customers", file, "--db", db.location], "zh-CN");
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("工作簿已截断或损坏");
    });

    it("names an old .xls and an OLE2 file saved as .xlsx", async () => {
      const ole2 = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(2048)]);
      for (const name of [`${engine}-old.xls`, `${engine}-encrypted.xlsx`]) {
        const file = join(work, name);
        await writeFile(file, ole2);
        const run = await custra(["import", "customers", file, "--db", db.location]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain("is an old .xls or an encrypted workbook: save it as .xlsx");
        expectClean(run.stderr);
      }
    });

    it("stops at the row limit set in the environment, saying how to raise it", async () => {
      const file = join(work, `${engine}-rows.xlsx`);
      await writeFile(file, workbook);
      vi.stubEnv("CUSTRA_IMPORT_MAX_ROWS", "100");
      const run = await custra(["import", "customers", file, "--db", db.location]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("has more than 100 rows");
      expect(run.stderr).toContain("CUSTRA_IMPORT_MAX_ROWS");
      expect(await customerCount()).toBe(0);
    });

    it("reports a quote left open as a bad row on its line and writes nothing", async () => {
      const file = join(work, `${engine}-quote.csv`);
      await writeFile(file, ["code,name", "C1,Ann", 'C2,"Bob', "C3,Cy", 'C4,"Di"x', "C5,Ed", ""].join("\n"));
      const run = await custra(["import", "customers", file, "--db", db.location]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${engine}-quote.csv:3: *: the quote opened on line 3 is not closed`);
      expectClean(run.stderr);
      expect(await customerCount()).toBe(0);
    });

    it("reports a late NUL byte as a bad row on its line", async () => {
      const lines = Array.from({ length: 6000 }, (_, i) => `C${i},customer ${i}`);
      lines[4000] = "C4000,bad\u0000";
      const file = join(work, `${engine}-nul.csv`);
      await writeFile(file, `code,name\n${lines.join("\n")}\n`);
      const run = await custra(["import", "customers", file, "--db", db.location]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${engine}-nul.csv:4002: *: field 2 holds a NUL byte`);
      expectClean(run.stderr);
      expect(await customerCount()).toBe(0);
    });

    it("refuses a file that turns from UTF-8 to GBK, naming the line", async () => {
      const lines = Array.from({ length: 6000 }, (_, i) => `C${i},customer ${i}`);
      const file = join(work, `${engine}-mixed.csv`);
      await writeFile(
        file,
        Buffer.concat([
          Buffer.from(`code,name\nC0,张三\n${lines.join("\n")}\n`),
          iconv.encode("C9,李四\n", "gbk"),
        ]),
      );
      const run = await custra(["import", "customers", file, "--db", db.location]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("is UTF-8 up to line 6003");
      expectClean(run.stderr);
    });
  });
}
