/**
 * Exports through the app layer on both engines: the permission, the actor's scope (a limited
 * scope exports only its customers' rows, of every kind, and counts only those), the language of
 * the file, and a stream as the target.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { CustomerScope, DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { analyze, generateTasksInDb, gradeRun, importDirectory, writeDemoCsv } from "@custra/engine";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, LOCAL_OPERATOR, PERMISSIONS } from "../access/actor.ts";
import type { AppContext } from "../context.ts";
import { listCustomers } from "../customers/customer-list.service.ts";
import type { AppError } from "../errors/app-error.ts";
import { exportData } from "./export.service.ts";

let work: string;
let demoDir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-app-export-"));
  demoDir = join(work, "demo");
  await writeDemoCsv({ customers: 120, seed: 11, asOf: "2026-06-30", outDir: demoDir });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function limitedTo(owner: string): CustomerScope {
  return { kind: "limited", owners: [owner], userId: 999, departmentId: null, today: "2026-07-01" };
}

function actor(scope: CustomerScope, permissions = PERMISSIONS.filter((p) => p !== "manageUsers")): Actor {
  return {
    ...LOCAL_OPERATOR,
    userId: 999,
    username: "someone",
    role: "sales",
    scope,
    permissions: new Set(permissions),
  };
}

/** A CSV export's rows as records by header (the byte order mark checked and dropped). */
async function csvRecords(file: string): Promise<Record<string, string>[]> {
  const content = await readFile(file, "utf8");
  expect(content.startsWith("\uFEFF")).toBe(true);
  return parse(content, { bom: true, columns: true }) as Record<string, string>[];
}

for (const engine of ENGINES) {
  describe(`exports through the app on ${engine}`, () => {
    let handle: DbHandle;
    let all: AppContext;
    /** The owner with the fewest customers, and the codes of that owner's and of everyone's customers. */
    let owner: string;
    let ownCodes: string[];
    let allCodes: string[];

    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importDirectory(handle, demoDir);
      await analyze(handle);
      await gradeRun(handle);
      await generateTasksInDb(handle, { asOf: "2026-07-01" });
      all = { handle, actor: LOCAL_OPERATOR };
      const owners = await handle.db
        .selectFrom("customers")
        .select(["owner", (eb) => eb.fn.countAll<number>().as("n")])
        .where("owner", "is not", null)
        .groupBy("owner")
        .execute();
      owners.sort((a, b) => Number(a.n) - Number(b.n));
      owner = owners.find((row) => Number(row.n) > 0)!.owner!;
      const customers = await handle.db.selectFrom("customers").select(["code", "owner"]).execute();
      ownCodes = customers
        .filter((c) => c.owner === owner)
        .map((c) => c.code)
        .sort();
      allCodes = customers.map((c) => c.code).sort();
      expect(ownCodes.length).toBeGreaterThan(0);
      expect(ownCodes.length).toBeLessThan(allCodes.length);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("refuses an actor without the export permission, and writes no file", async () => {
      const out = join(work, `${engine}-forbidden.csv`);
      const ctx = { handle, actor: actor({ kind: "all" }, ["read"]) };
      const error = (await exportData(ctx, { kind: "scores", format: "csv", out }).catch(
        (e) => e,
      )) as AppError;
      expect(error.code).toBe("APP_FORBIDDEN");
      expect(error.params).toMatchObject({ permission: "export" });
      await expect(stat(out)).rejects.toThrow();
    });

    it("exports only the scope's customers, of every kind, and counts only those", async () => {
      const ctx = { handle, actor: actor(limitedTo(owner)) };
      const code = "客户编号";

      const scoresOut = join(work, `${engine}-scores-limited.csv`);
      const totals: number[] = [];
      const scores = await exportData(
        ctx,
        { kind: "scores", format: "csv", out: scoresOut },
        { onRows: (_, total) => totals.push(total) },
      );
      const scoreCodes = (await csvRecords(scoresOut)).map((row) => row[code]!).sort();
      expect(scoreCodes).toEqual(ownCodes);
      expect(scores.rows).toBe(ownCodes.length);
      expect(new Set(totals)).toEqual(new Set([ownCodes.length]));
      const everyone = await exportData(all, {
        kind: "scores",
        format: "csv",
        out: join(work, `${engine}-s.csv`),
      });
      expect(everyone.rows).toBe(allCodes.length);

      const summaryOut = join(work, `${engine}-summary-limited.csv`);
      const summary = await exportData(ctx, { kind: "summary", format: "csv", out: summaryOut });
      const summaryCodes = (await csvRecords(summaryOut)).map((row) => row.customer_id!);
      expect(summaryCodes.length).toBe(summary.rows);
      expect(summaryCodes.length).toBeGreaterThan(0);
      expect(summaryCodes.every((c) => ownCodes.includes(c))).toBe(true);

      const gradesOut = join(work, `${engine}-grades-limited.csv`);
      await exportData(ctx, { kind: "grades", format: "csv", out: gradesOut, scheme: "value" });
      expect((await csvRecords(gradesOut)).map((row) => row[code]!).sort()).toEqual(ownCodes);

      const tasksOut = join(work, `${engine}-tasks-limited.csv`);
      const tasks = await exportData(ctx, { kind: "tasks", format: "csv", out: tasksOut, status: "all" });
      const everyTask = await exportData(all, {
        kind: "tasks",
        format: "csv",
        out: join(work, `${engine}-t.csv`),
        status: "all",
      });
      const taskCodes = (await csvRecords(tasksOut)).map((row) => row[code]!);
      expect(taskCodes.every((c) => ownCodes.includes(c))).toBe(true);
      expect(tasks.rows).toBe(taskCodes.length);
      expect(tasks.rows).toBeLessThan(everyTask.rows);
    });

    it("exports nothing of another owner's customers, even asked for by code", async () => {
      const other = allCodes.find((c) => !ownCodes.includes(c))!;
      const out = join(work, `${engine}-other.csv`);
      const ctx = { handle, actor: actor(limitedTo(owner)) };
      const result = await exportData(ctx, {
        kind: "tasks",
        format: "csv",
        out,
        status: "all",
        customerCode: other,
      });
      expect(result.rows).toBe(0);
      expect(await csvRecords(out)).toEqual([]);
    });

    it("writes to a stream, in the company's language unless another is asked for", async () => {
      const collect = async (locale?: "en") => {
        const stream = new PassThrough();
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        const done = new Promise((resolve) => stream.on("end", resolve));
        const result = await exportData(
          all,
          { kind: "grades", format: "csv", scheme: "value", ...(locale ? { locale } : {}) },
          { stream },
        );
        await done;
        return { result, text: Buffer.concat(chunks).toString("utf8") };
      };
      const zh = await collect();
      expect(zh.result.out).toBeNull();
      expect(zh.text.startsWith("\uFEFF客户编号,客户名称,负责人,分级方案")).toBe(true);
      expect(zh.text.trimEnd().split("\r\n")).toHaveLength(allCodes.length + 1);
      const en = await collect("en");
      expect(en.text.startsWith("\uFEFFCustomer code,Customer name,Owner,Grading scheme")).toBe(true);

      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => stream.on("end", resolve));
      const xlsx = await exportData(all, { kind: "scores", format: "xlsx" }, { stream });
      await ended;
      const book = new ExcelJS.Workbook();
      await book.xlsx.read(Readable.from([Buffer.concat(chunks)]));
      expect(book.worksheets[0]!.rowCount).toBe(xlsx.rows + 1);
      expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe("客户编号");
    });

    it("destroys the stream with the error when an export fails after it started", async () => {
      const stream = new PassThrough();
      stream.resume();
      const failed = new Promise<unknown>((resolve) => stream.on("error", resolve));
      const error = await exportData(
        all,
        { kind: "tasks", format: "csv", status: "all" },
        {
          stream,
          onRows: () => {
            throw new Error("the reader went away");
          },
        },
      ).catch((e: unknown) => e);
      expect((error as Error).message).toBe("the reader went away");
      expect(await failed).toBe(error);
      expect(stream.destroyed).toBe(true);
    });

    it("exports the customer list with its filters and sort: the customers the list counts, in its order", async () => {
      const ctx = { handle, actor: actor(limitedTo(owner)) };
      const industry = (
        await handle.db
          .selectFrom("customers")
          .select("industry")
          .where("owner", "=", owner)
          .executeTakeFirstOrThrow()
      ).industry!;
      const filter = { industry: [industry], sort: "revenue", order: "desc" } as const;
      // The list, page by page (a small page, so the export's own paging is not what is compared).
      const listed: string[] = [];
      let cursor: string | undefined;
      let total = 0;
      do {
        const page = await listCustomers(ctx, { ...filter, limit: 7, ...(cursor ? { cursor } : {}) });
        listed.push(...page.items.map((item) => item.code));
        total = page.total;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(listed.length).toBe(total);
      expect(total).toBeGreaterThan(0);

      const out = join(work, `${engine}-customers.csv`);
      const result = await exportData(ctx, { kind: "customers", format: "csv", out, ...filter });
      const records = await csvRecords(out);
      expect(result).toMatchObject({ kind: "customers", rows: total });
      expect(records.map((row) => row.客户编号)).toEqual(listed);
      expect(records.every((row) => row.行业 === industry && row.负责人 === owner)).toBe(true);
      expect(Object.keys(records[0]!)).toContain("价值分层");

      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => stream.on("end", resolve));
      await exportData(ctx, { kind: "customers", format: "xlsx", locale: "en", ...filter }, { stream });
      await ended;
      const book = new ExcelJS.Workbook();
      await book.xlsx.read(Readable.from([Buffer.concat(chunks)]));
      const sheet = book.worksheets[0]!;
      expect(sheet.rowCount).toBe(total + 1);
      expect(sheet.getRow(1).getCell(1).value).toBe("Customer code");
      expect(sheet.getRow(2).getCell(1).value).toBe(listed[0]);

      const refused = (await exportData(ctx, {
        kind: "customers",
        format: "csv",
        out,
        due: "2026-01-01",
      }).catch((e) => e)) as AppError;
      expect(refused.code).toBe("APP_INVALID_INPUT");
    });

    it("refuses input of another kind, and an export with nowhere to go", async () => {
      const wrong = (await exportData(all, {
        kind: "scores",
        format: "csv",
        out: join(work, "x.csv"),
        asOf: "2026-01-01",
      }).catch((e) => e)) as AppError;
      expect(wrong.code).toBe("APP_INVALID_INPUT");
      const nowhere = (await exportData(all, { kind: "scores", format: "csv" }).catch((e) => e)) as AppError;
      expect(nowhere.code).toBe("APP_INVALID_INPUT");
    });
  });
}
