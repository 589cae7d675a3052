/**
 * Grades and tasks exports on each engine, read back as a spreadsheet or pandas would: the demo
 * company graded under two schemes with a pin, its tasks generated, two customers renamed to a
 * formula and to a name with a comma, quotes and a line break.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.ts";
import { writeDemoCsv } from "../demo/index.ts";
import { gradeRun } from "../grade/grade-run.ts";
import { pinGrade } from "../grade/pins.ts";
import { importDirectory } from "../import/directory.ts";
import { resetSettings, updateSettings } from "../settings/settings.ts";
import { generateTasksInDb } from "../tasks/generate.ts";
import { ExportError, exportGrades, exportTasks } from "./index.ts";

const CUSTOMERS = 150;
const FORMULA_NAME = '=HYPERLINK("http://example.com","open me")';
const AWKWARD_NAME = '李, "Bob"\nJr.';

let work: string;
let demoDir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-export-gt-"));
  demoDir = join(work, "demo");
  await writeDemoCsv({ customers: CUSTOMERS, seed: 23, asOf: "2026-06-30", outDir: demoDir });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function readCsv(file: string | null): Promise<Record<string, string>[]> {
  const [headers, ...body] = parse(await readFile(file!), { bom: true }) as string[][];
  return body.map((row) => Object.fromEntries(headers!.map((header, i) => [header, row[i]!])));
}

async function readXlsx(file: string | null): Promise<Record<string, unknown>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file!);
  const sheet = book.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number > 1)
      rows.push(Object.fromEntries(headers.map((header, i) => [header, row.getCell(i + 1).value])));
  });
  return rows;
}

for (const engine of ENGINES) {
  describe(`export grades and tasks on ${engine}`, () => {
    let handle: DbHandle;
    let codes: { formula: string; awkward: string; pinned: string };
    let valueRun: number;
    let creditRun: number;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importDirectory(handle, demoDir);
      const first = await handle.db
        .selectFrom("customers")
        .select(["id", "code"])
        .orderBy("id")
        .limit(3)
        .execute();
      codes = { formula: first[0]!.code, awkward: first[1]!.code, pinned: first[2]!.code };
      await handle.db
        .updateTable("customers")
        .set({ name: FORMULA_NAME })
        .where("id", "=", first[0]!.id)
        .execute();
      await handle.db
        .updateTable("customers")
        .set({ name: AWKWARD_NAME })
        .where("id", "=", first[1]!.id)
        .execute();
      await analyze(handle);
      await gradeRun(handle);
      await pinGrade(handle, {
        code: codes.pinned,
        scheme: "value",
        grade: "A",
        reason: "战略合作，董事会决定",
        author: "王芳",
      });
      valueRun = (await gradeRun(handle)).gradeRunId!;
      creditRun = (await gradeRun(handle, { scheme: "credit" })).gradeRunId!;
      await generateTasksInDb(handle, { asOf: "2026-07-01" });
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("writes each scheme's latest grade of every customer with score, reasons, flags and pin", async () => {
      const out = join(work, `${engine}-grades.csv`);
      const result = await exportGrades(handle, { format: "csv", out });
      expect(result).toMatchObject({ kind: "grades", rows: 2 * CUSTOMERS });
      expect(result.gradeRuns).toEqual([
        { scheme: "credit", runId: creditRun, asOf: "2026-06-30" },
        { scheme: "value", runId: valueRun, asOf: "2026-06-30" },
      ]);
      const rows = await readCsv(out);
      expect(rows).toHaveLength(2 * CUSTOMERS);
      const stored = await handle.db
        .selectFrom("customer_grades as g")
        .innerJoin("customers as c", "c.id", "g.customer_id")
        .select(["c.code", "g.grade", "g.score", "g.flags"])
        .where("g.grade_run_id", "=", valueRun)
        .execute();
      const value = new Map(
        rows.filter((row) => row.分级方案代码 === "value").map((row) => [row.客户编号, row]),
      );
      expect(value.size).toBe(CUSTOMERS);
      for (const grade of stored) {
        const row = value.get(grade.code)!;
        expect(row.等级代码).toBe(grade.grade);
        expect(row.分级批次).toBe(String(valueRun));
        const flags = typeof grade.flags === "string" ? JSON.parse(grade.flags) : grade.flags;
        expect(row.标记代码).toBe((flags ?? []).join(";"));
        expect(row.综合评分 === "" ? null : Number(row.综合评分)).toBe(
          grade.score === null ? null : Number(grade.score),
        );
      }
      const pinned = value.get(codes.pinned)!;
      expect(pinned).toMatchObject({
        等级代码: "A",
        等级: "A 级 · 重要客户",
        人工固定: "是",
        固定原因: "战略合作，董事会决定",
      });
      expect(value.get(codes.awkward)!.人工固定).toBe("否");
      // A rule that decided shows its reason in the scheme's words.
      expect([...value.values()].some((row) => row.标记代码 === "open_complaint")).toBe(true);
      const ruled = rows.filter((row) => row.规则原因 !== "");
      expect(ruled.length).toBeGreaterThan(0);
      expect(ruled.every((row) => /信用|投诉|个人|流失|增长|逾期|付款/.test(row.规则原因!))).toBe(true);

      // The formula name is text, quoted; the awkward one comes back exactly.
      expect(value.get(codes.formula)!.客户名称).toBe(`'${FORMULA_NAME}`);
      expect(value.get(codes.awkward)!.客户名称).toBe(AWKWARD_NAME);
    });

    it("writes one scheme or one run as XLSX with English headers, and says what to do when there is none", async () => {
      const out = join(work, `${engine}-credit.xlsx`);
      const result = await exportGrades(handle, { format: "xlsx", out, scheme: "credit", locale: "en" });
      expect(result.rows).toBe(CUSTOMERS);
      const rows = await readXlsx(out);
      expect(rows).toHaveLength(CUSTOMERS);
      expect(
        rows.every((row) => row["Grading scheme code"] === "credit" && row["Grade run"] === creditRun),
      ).toBe(true);
      expect(rows.find((row) => row["Customer code"] === codes.awkward)!["Customer name"]).toBe(AWKWARD_NAME);
      expect(rows.find((row) => row["Customer code"] === codes.formula)!["Customer name"]).toBe(
        `'${FORMULA_NAME}`,
      );
      expect(rows[0]!["As of"]).toEqual(new Date("2026-06-30T00:00:00Z"));

      const first = await exportGrades(handle, {
        format: "csv",
        out: join(work, "first.csv"),
        gradeRunId: 1,
      });
      expect(first.gradeRuns).toEqual([{ scheme: "value", runId: 1, asOf: "2026-06-30" }]);
      await expect(
        exportGrades(handle, {
          format: "csv",
          out: join(work, "x.csv"),
          gradeRunId: creditRun,
          scheme: "value",
        }),
      ).rejects.toThrow(`grade run #${creditRun} graded the scheme credit, not value`);
      await expect(
        exportGrades(handle, { format: "csv", out: join(work, "x.csv"), gradeRunId: 99 }),
      ).rejects.toThrow(`there is no grade run #99 (the latest is #${creditRun})`);
      await expect(
        exportGrades(handle, { format: "csv", out: join(work, "x.csv"), scheme: "key_account" }),
      ).rejects.toThrow(
        "the scheme key_account has not graded anyone yet; the schemes with grades are: credit, value",
      );
      const empty = await openTestDb(engine);
      try {
        const none = exportGrades(empty, { format: "csv", out: join(work, "x.csv") });
        await expect(none).rejects.toThrow(ExportError);
        await expect(none).rejects.toMatchObject({ code: "EXPORT_NO_GRADES" });
      } finally {
        await empty.close();
      }
    });

    it("writes every task the filters select, reasons in words with money in the company's currency", async () => {
      await updateSettings(handle, { currency: "USD" });
      try {
        const out = join(work, `${engine}-tasks.csv`);
        const result = await exportTasks(handle, { format: "csv", out, status: "all" });
        const stored = await handle.db
          .selectFrom("tasks")
          .select(["id", "kind", "owner", "due_on"])
          .orderBy("id")
          .execute();
        expect(stored.length).toBeGreaterThan(0);
        expect(result).toMatchObject({ kind: "tasks", rows: stored.length });
        const rows = await readCsv(out);
        expect(rows.map((row) => Number(row.任务编号))).toEqual(stored.map((task) => Number(task.id)));
        expect(rows.map((row) => row.任务类型代码)).toEqual(stored.map((task) => task.kind));
        const collection = rows.filter((row) => row.原因代码 === "collection_overdue");
        expect(collection.length).toBeGreaterThan(0);
        expect(collection.every((row) => row.原因!.startsWith("回款逾期") && row.原因!.includes("US$"))).toBe(
          true,
        );
        expect(rows.every((row) => !row.原因!.includes("¥") && !row.原因!.includes("{"))).toBe(true);
        expect(rows.every((row) => /^\d{4}-\d{2}-\d{2}$/.test(row.到期日!) && row.状态 === "待办")).toBe(
          true,
        );
        const formula = rows.filter((row) => row.客户编号 === codes.formula);
        expect(formula.every((row) => row.客户名称 === `'${FORMULA_NAME}`)).toBe(true);

        // Filters as tasks list takes them.
        const owner = stored.find((task) => task.owner !== null && task.kind === "collection")!.owner!;
        const mine = await exportTasks(handle, {
          format: "csv",
          out: join(work, "mine.csv"),
          owner,
          kind: "collection",
          due: "2026-07-31",
        });
        const expected = stored.filter(
          (task) => task.owner === owner && task.kind === "collection" && String(task.due_on) <= "2026-07-31",
        );
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan(stored.length);
        expect(mine.rows).toBe(expected.length);
        expect((await readCsv(mine.out)).map((row) => Number(row.任务编号))).toEqual(
          expected.map((t) => Number(t.id)),
        );

        const xlsx = await exportTasks(handle, {
          format: "xlsx",
          out: join(work, `${engine}-tasks.xlsx`),
          kind: "collection",
          locale: "en",
        });
        const sheet = await readXlsx(xlsx.out);
        expect(sheet).toHaveLength(collection.length);
        expect(
          sheet.every(
            (row) => String(row.Reason).startsWith("Payment overdue") && String(row.Reason).includes("$"),
          ),
        ).toBe(true);
        expect(sheet[0]!["Due on"]).toBeInstanceOf(Date);
        expect(sheet[0]!.Status).toBe("open");
      } finally {
        await resetSettings(handle, ["currency"]);
      }
    });
  });
}
