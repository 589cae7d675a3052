/**
 * Hostile files through the whole import, on both engines: each fails fast with the user's
 * message (never a staging table's name or a driver's text) or reports its bad rows by line,
 * and writes nothing. Every test is bounded in time, so a hang fails instead of stalling the run.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rendered } from "../testing/render.ts";
import { importFile } from "./pipeline.ts";
import { ImportFileError } from "./read/open-table.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-hostile-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A customers workbook in Excel's part order (shared strings before the sheet), as bytes. */
async function customersWorkbook(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("客户");
  sheet.addRow(["客户编号", "客户名称"]);
  for (let i = 0; i < rows; i++) sheet.addRow([`C${String(i).padStart(5, "0")}`, `客户${i}`]);
  const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const names = Object.keys(written.files).filter((name) => !written.files[name]!.dir);
  const sheets = names.filter((name) => name.startsWith("xl/worksheets/"));
  const reordered = new JSZip();
  for (const name of [...names.filter((n) => !sheets.includes(n)), ...sheets])
    reordered.file(name, await written.file(name)!.async("uint8array"));
  return reordered.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The offset of `name`'s central directory record in a zip. */
function centralRecord(zip: Buffer, name: string): number {
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let i = zip.indexOf(signature); i >= 0; i = zip.indexOf(signature, i + 1)) {
    if (zip.toString("utf8", i + 46, i + 46 + zip.readUInt16LE(i + 28)) === name) return i;
  }
  throw new Error(`no ${name} in the zip`);
}

/** No internal name, no driver or library text: what the user reads names the file and the remedy. */
function expectUserMessage(message: string): void {
  expect(message).not.toMatch(/_stage_|Bulk loading|FILE_ENDED|invalid signature|zlib|TypeError|undefined/);
}

for (const engine of ENGINES) {
  describe(`hostile files on ${engine}`, { timeout: 30_000 }, () => {
    let handle: DbHandle;
    beforeEach(async () => {
      handle = await openTestDb(engine);
    });
    afterEach(async () => {
      await handle.close();
    });

    const customerCodes = async () =>
      (await handle.db.selectFrom("customers").select("code").orderBy("code").execute()).map(
        (row) => row.code,
      );

    async function importError(file: string): Promise<ImportFileError> {
      const error = await importFile(handle, { entity: "customers", file }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportFileError);
      expectUserMessage((error as Error).message);
      expect(await customerCodes()).toEqual([]);
      return error as ImportFileError;
    }

    it("fails on a workbook cut in half within seconds, saying it is truncated", async () => {
      const whole = await customersWorkbook(5000);
      const file = join(work, `${engine}-half.xlsx`);
      await writeFile(file, whole.subarray(0, whole.length >> 1));
      const started = performance.now();
      const error = await importError(file);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(error.code).toBe("IMPORT_FILE_DAMAGED");
      expect(error.message).toContain("the workbook is truncated or damaged");
    });

    it("fails on a sheet that breaks in the middle of its rows, while they are being loaded", async () => {
      // The header reads fine at opening; the failure comes out of the bulk load's stream.
      const whole = await customersWorkbook(3000);
      const record = centralRecord(whole, "xl/worksheets/sheet1.xml");
      const start = whole.readUInt32LE(record + 42) + 30 + whole.readUInt16LE(record + 28);
      const broken = Buffer.from(whole);
      const middle = start + Math.floor(whole.readUInt32LE(record + 20) * 0.7);
      for (let i = middle; i < middle + 200; i++) broken[i] = 0;
      const file = join(work, `${engine}-broken-rows.xlsx`);
      await writeFile(file, broken);
      const error = await importError(file);
      expect(error.code).toBe("IMPORT_FILE_DAMAGED");
      expect(error.message).toContain("xl/worksheets/sheet1.xml");
    });

    it("stops a zip bomb before unzipping it, naming the limit and how to raise it", async () => {
      const bomb = await customersWorkbook(10);
      bomb.writeUInt32LE(0xc0000000, centralRecord(bomb, "xl/worksheets/sheet1.xml") + 24); // 3 GiB
      const file = join(work, `${engine}-bomb.xlsx`);
      await writeFile(file, bomb);
      const error = await importError(file);
      expect(error.code).toBe("IMPORT_FILE_TOO_LARGE");
      expect(error.message).toContain("more than 1024 MB when unzipped");
      expect(error.message).toContain("CUSTRA_IMPORT_MAX_UNZIPPED_MB");
    });

    it("names an old .xls (an OLE2 file) and tells to save it as .xlsx", async () => {
      const file = join(work, `${engine}-old.xlsx`);
      await writeFile(file, Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(2048)]));
      const error = await importError(file);
      expect(error.code).toBe("IMPORT_FILE_LEGACY_FORMAT");
      expect(error.message).toContain("save it as .xlsx");
    });

    it("reports a quote left open in the middle of a CSV as a bad row on its line, writing nothing", async () => {
      const file = join(work, `${engine}-quote.csv`);
      await writeFile(file, ["code,name", "C1,Ann", 'C2,"Bob', "C3,Cy", 'C4,"Di"x', "C5,Ed", ""].join("\n"));
      const result = await importFile(handle, { entity: "customers", file });
      expect(result.written).toBe(false);
      expect(rendered(result.problems)).toEqual([
        {
          file: `${engine}-quote.csv`,
          line: 3,
          column: "*",
          kind: "row",
          reason: expect.stringContaining("the quote opened on line 3 is not closed where its field ends"),
        },
      ]);
      expect(result.rowsRead).toBe(3);
      expect(await customerCodes()).toEqual([]);
    });

    it("still imports real multi-line quoted fields", async () => {
      const file = join(work, `${engine}-multiline.csv`);
      await writeFile(
        file,
        'code,name,address\nC1,Ann,"上海市浦东新区\n世纪大道100号"\nC2,Bob,"a ""b"" c"\n',
      );
      const result = await importFile(handle, { entity: "customers", file });
      expect(result).toMatchObject({ written: true, inserted: 2, rejected: 0 });
      const rows = await handle.db
        .selectFrom("customers")
        .select(["code", "address"])
        .orderBy("code")
        .execute();
      expect(rows).toEqual([
        { code: "C1", address: "上海市浦东新区\n世纪大道100号" },
        { code: "C2", address: 'a "b" c' },
      ]);
    });

    it("reads a GBK name that first appears far beyond the sniffed prefix", async () => {
      const ascii = Array.from({ length: 6000 }, (_, i) => `C${String(i).padStart(5, "0")},customer ${i}`);
      const file = join(work, `${engine}-late-gbk.csv`);
      await writeFile(
        file,
        Buffer.concat([
          Buffer.from(`code,name\n${ascii.join("\n")}\n`),
          iconv.encode("C99999,张三贸易\n", "gbk"),
        ]),
      );
      const result = await importFile(handle, { entity: "customers", file });
      expect(result).toMatchObject({ written: true, inserted: 6001 });
      const last = await handle.db
        .selectFrom("customers")
        .select("name")
        .where("code", "=", "C99999")
        .execute();
      expect(last).toEqual([{ name: "张三贸易" }]);
    });

    it("reports a late NUL byte as a bad row with its line, the same on every engine", async () => {
      const lines = Array.from({ length: 6000 }, (_, i) => `C${String(i).padStart(5, "0")},customer ${i}`);
      lines[5000] = "C05000,bad\u0000name";
      const file = join(work, `${engine}-nul.csv`);
      await writeFile(file, `code,name\n${lines.join("\n")}\n`);
      const result = await importFile(handle, { entity: "customers", file });
      expect(result.written).toBe(false);
      expect(rendered(result.problems)).toEqual([
        {
          file: `${engine}-nul.csv`,
          line: 5002,
          column: "*",
          kind: "row",
          reason:
            "field 2 holds a NUL byte (0x00), which is not text: the file may be damaged; export it again",
        },
      ]);
      expect(await customerCodes()).toEqual([]);
    });

    it("reads a Big5 file as Big5", async () => {
      const file = join(work, `${engine}-big5.csv`);
      await writeFile(file, iconv.encode("code,name\nT001,張三貿易有限公司\nT002,臺灣李四科技\n", "big5"));
      const result = await importFile(handle, { entity: "customers", file });
      expect(result).toMatchObject({ written: true, inserted: 2 });
      const rows = await handle.db.selectFrom("customers").select(["code", "name"]).orderBy("code").execute();
      expect(rows).toEqual([
        { code: "T001", name: "張三貿易有限公司" },
        { code: "T002", name: "臺灣李四科技" },
      ]);
    });

    it("turns a failed bulk load into the user's message, without the staging table or the driver's text", async () => {
      // A real failure of the engine: the load names a column the staging table does not have.
      const failing = new Proxy(handle, {
        get(target, property, receiver) {
          if (property !== "bulkLoad") return Reflect.get(target, property, receiver);
          return (table: string, columns: readonly string[], rows: Parameters<DbHandle["bulkLoad"]>[2]) =>
            target.bulkLoad(table, [...columns, "no_such_column"], rows);
        },
      });
      const file = join(work, `${engine}-fine.csv`);
      await writeFile(file, "code,name\nC1,Ann\n");
      const error = await importFile(failing, { entity: "customers", file }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).name).toBe("ImportError");
      expect((error as Error).message).toBe(
        `${engine}-fine.csv: the rows could not be written to the database, so nothing was imported; check that the database is running and has free disk space, then import again`,
      );
      // What was hidden: the load's own message, naming an internal table.
      expect(String(((error as Error).cause as Error).message)).toMatch(/_stage_customers_|__custra_bulk_/);
      expect(await customerCodes()).toEqual([]);
    });

    it("passes a file error met in the middle of the rows on as the user's error, not the bulk load's", async () => {
      const rest = Array.from({ length: 20_000 }, (_, i) => `C${i},name ${i}`).join("\n");
      const file = join(work, `${engine}-runaway.csv`);
      await writeFile(file, `code,name\nC0,Ann\nC1,"Bob\n${rest}\n`);
      const error = await importFile(handle, {
        entity: "customers",
        file,
        limits: { maxCellChars: 1000 },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).line).toBe(3);
      expect((error as Error).message).toContain("line 3");
      expectUserMessage((error as Error).message);
      expect(await customerCodes()).toEqual([]);
    });
  });
}
