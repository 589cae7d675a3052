/**
 * Exports on each engine, read back as the tools that open them would: the demo company's scores
 * as CSV and XLSX, and the CDNOW model input against the published conventions.
 */
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { label, type RfmSegment } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.ts";
import { writeDemoCsv } from "../demo/index.ts";
import { importDirectory } from "../import/directory.ts";
import { importFile } from "../import/pipeline.ts";
import { resetSettings, updateSettings } from "../settings/settings.ts";
import { CDNOW_SAMPLE, writeCdnowCsv } from "../testing/cdnow.ts";
import { ExportError, exportScores, exportSummary } from "./index.ts";

const DEMO_CUSTOMERS = 300;

let work: string;
let demoDir: string;
let cdnowCsv: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-export-"));
  demoDir = join(work, "demo");
  await writeDemoCsv({ customers: DEMO_CUSTOMERS, seed: 11, asOf: "2026-06-30", outDir: demoDir });
  cdnowCsv = await writeCdnowCsv(CDNOW_SAMPLE, join(work, "cdnow.csv"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A CSV export as records keyed by header, the way pandas or csv-parse's `columns: true` read it. */
async function readCsv(file: string | null): Promise<{ headers: string[]; rows: Record<string, string>[] }> {
  const records = parse(await readFile(file!), { bom: true }) as string[][];
  const [headers, ...body] = records;
  return {
    headers: headers!,
    rows: body.map((row) => Object.fromEntries(headers!.map((header, i) => [header, row[i]!]))),
  };
}

async function readXlsx(
  file: string | null,
): Promise<{ headers: string[]; rows: Record<string, unknown>[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file!);
  const sheet = book.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((header, i) => [header, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}

for (const engine of ENGINES) {
  describe(`export scores on ${engine}`, () => {
    let handle: DbHandle;
    let runId: number;
    /** A customer with a purchase, predictions and churn reasons, to compare cell by cell. */
    let known: {
      code: string;
      name: string | null;
      registered_on: string | null;
      revenue: number;
      p_alive: number | null;
      clv: number | null;
      x: number | null;
      rfm_segment: string | null;
      churn_reasons: string[] | null;
    };
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importDirectory(handle, demoDir);
      runId = (await analyze(handle)).runId;
      known = await handle.db
        .selectFrom("customer_scores as s")
        .innerJoin("customers as c", "c.id", "s.customer_id")
        .select([
          "c.code",
          "c.name",
          "c.registered_on",
          "s.revenue",
          "s.p_alive",
          "s.clv",
          "s.x",
          "s.rfm_segment",
          "s.churn_reasons",
        ])
        .where("s.run_id", "=", runId)
        .where("s.p_alive", "is not", null)
        .where("s.x", ">", 2)
        .where("c.registered_on", "is not", null)
        .orderBy("s.clv", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("writes one CSV row per customer with Chinese headers, codes and names, and the stored values", async () => {
      const out = join(work, `${engine}-scores.csv`);
      const result = await exportScores(handle, { format: "csv", out });
      expect(result).toMatchObject({ kind: "scores", format: "csv", out, rows: DEMO_CUSTOMERS, runId });
      const { headers, rows } = await readCsv(out);
      expect(headers.slice(0, 3)).toEqual(["客户编号", "客户名称", "客户类型"]);
      expect(headers).toContain("存活概率");
      expect(headers).toContain("预计购买次数（未来 52 周）");
      expect(headers).toContain("RFM 细分代码");
      expect(rows).toHaveLength(DEMO_CUSTOMERS);
      expect(new Set(rows.map((row) => row.客户编号)).size).toBe(DEMO_CUSTOMERS);

      const row = rows.find((r) => r.客户编号 === known.code)!;
      expect(row.客户名称).toBe(known.name);
      expect(row.注册日期).toBe(known.registered_on);
      expect(row["历史收入（CNY）"]).toBe(known.revenue.toFixed(2));
      // Probabilities keep every digit, so other tools compute with the stored value.
      expect(Number(row.存活概率)).toBe(known.p_alive);
      expect(row["复购次数 x"]).toBe(String(known.x));
      expect(row["预测价值（未来 52 周）（CNY）"]).toBe(known.clv!.toFixed(2));
      expect(row["RFM 细分代码"]).toBe(known.rfm_segment);
      expect(row["RFM 细分"]).toBe(label("rfm", known.rfm_segment as RfmSegment, "zh-CN"));
      expect(row.流失原因代码).toBe((known.churn_reasons ?? []).join(";"));
      expect(["个人", "企业"]).toContain(row.客户类型);
    });

    it("writes XLSX with English headers and numeric and date cells", async () => {
      const out = join(work, `${engine}-scores.xlsx`);
      const result = await exportScores(handle, { format: "xlsx", out, locale: "en" });
      expect(result.rows).toBe(DEMO_CUSTOMERS);
      const { headers, rows } = await readXlsx(out);
      expect(headers.slice(0, 2)).toEqual(["Customer code", "Customer name"]);
      expect(headers).toContain("P(alive)");
      expect(headers).toContain("Predicted value (next 52 weeks) (CNY)");
      expect(rows).toHaveLength(DEMO_CUSTOMERS);
      const row = rows.find((r) => r["Customer code"] === known.code)!;
      expect(row["P(alive)"]).toBe(known.p_alive);
      expect(row["Revenue to date (CNY)"]).toBe(known.revenue);
      expect(row["Registered on"]).toEqual(new Date(`${known.registered_on}T00:00:00Z`));
      expect(row["RFM segment code"]).toBe(known.rfm_segment);
      expect(row["RFM segment"]).toBe(label("rfm", known.rfm_segment as RfmSegment, "en"));
    });

    it("names the company's currency in the money headers and shows its symbol in XLSX", async () => {
      await updateSettings(handle, { currency: "USD" });
      try {
        const csv = await readCsv(
          (await exportScores(handle, { format: "csv", out: join(work, "usd.csv") })).out,
        );
        expect(csv.headers).toContain("历史收入（USD）");
        expect(csv.headers).not.toContain("历史收入（CNY）");
        expect(csv.rows.find((r) => r.客户编号 === known.code)!["历史收入（USD）"]).toBe(
          known.revenue.toFixed(2),
        );
        const out = (
          await exportScores(handle, { format: "xlsx", out: join(work, "usd.xlsx"), locale: "en" })
        ).out;
        const { headers } = await readXlsx(out);
        expect(headers).toContain("Revenue to date (USD)");
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(out!);
        const column = headers.indexOf("Revenue to date (USD)") + 1;
        expect(book.worksheets[0]!.getRow(2).getCell(column).numFmt).toBe('"$"#,##0.00');
      } finally {
        await resetSettings(handle, ["currency"]);
      }
    });

    it("reads the run in pages without losing or repeating a customer", async () => {
      const whole = await readCsv(
        (await exportScores(handle, { format: "csv", out: join(work, "a.csv") })).out,
      );
      const pages: number[] = [];
      const paged = await exportScores(handle, {
        format: "csv",
        out: join(work, "b.csv"),
        pageSize: 37,
        onRows: (written) => pages.push(written),
      });
      expect(pages).toHaveLength(Math.ceil(DEMO_CUSTOMERS / 37));
      expect((await readCsv(paged.out)).rows).toEqual(whole.rows);
    });

    it("exports the run asked for, and names the latest when the run does not exist", async () => {
      const later = await analyze(handle, { asOf: "2026-03-31" });
      const latest = await exportScores(handle, { format: "csv", out: join(work, "latest.csv") });
      expect(latest).toMatchObject({ runId: later.runId, asOf: "2026-03-31" });
      const earlier = await exportScores(handle, { format: "csv", out: join(work, "earlier.csv"), runId });
      expect(earlier.runId).toBe(runId);
      expect(earlier.asOf).not.toBe("2026-03-31");

      const missing = exportScores(handle, { format: "csv", out: join(work, "none.csv"), runId: 9999 });
      await expect(missing).rejects.toThrow(ExportError);
      await expect(missing).rejects.toThrow(`the latest is #${later.runId}`);
      await expect(access(join(work, "none.csv"))).rejects.toThrow();
    });
  });

  describe(`export without data on ${engine}`, () => {
    it("says to run custra analyze when there is no run, and to import orders when there are none", async () => {
      const handle = await openTestDb(engine);
      try {
        const out = join(work, `${engine}-empty.csv`);
        const scores = exportScores(handle, { format: "csv", out });
        await expect(scores).rejects.toThrow(ExportError);
        await expect(scores).rejects.toMatchObject({ code: "EXPORT_NO_ANALYSIS" });
        await expect(exportSummary(handle, { format: "csv", out })).rejects.toMatchObject({
          code: "EXPORT_NO_ORDERS",
        });
        await expect(access(out)).rejects.toThrow();
      } finally {
        await handle.close();
      }
    });
  });

  describe(`export summary on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importFile(handle, { entity: "orders", file: cdnowCsv, createCustomers: true });
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("writes the CDNOW model input under lifetimes' column names, as published", async () => {
      const out = join(work, `${engine}-summary.csv`);
      const result = await exportSummary(handle, { format: "csv", out, asOf: "1997-09-30" });
      expect(result).toMatchObject({ kind: "summary", rows: 2357, asOf: "1997-09-30", timeUnit: "week" });
      const { headers, rows } = await readCsv(out);
      expect(headers).toEqual([
        "customer_id",
        "frequency",
        "recency",
        "T",
        "monetary_value",
        "first_purchase",
        "last_purchase",
      ]);
      expect(rows).toHaveLength(2357);
      expect(rows.filter((row) => Number(row.frequency) > 0)).toHaveLength(946);
      const c4 = rows.find((row) => row.customer_id === "00004")!;
      expect(Number(c4.frequency)).toBe(2);
      expect(Number(c4.recency)).toBeCloseTo(30.43, 2);
      expect(Number(c4.T)).toBeCloseTo(38.86, 2);
      // Mean of the two repeat purchase days, 29.73 and 14.96; the first purchase is left out.
      expect(Number(c4.monetary_value)).toBeCloseTo(22.345, 6);
      expect(c4.first_purchase).toBe("1997-01-01");
      expect(c4.last_purchase).toBe("1997-08-02");
    });

    it("leaves out customers without a purchase by the as-of date, and writes XLSX in days too", async () => {
      const out = join(work, `${engine}-summary.xlsx`);
      const result = await exportSummary(handle, {
        format: "xlsx",
        out,
        asOf: "1997-01-31",
        timeUnit: "day",
      });
      const { headers, rows } = await readXlsx(out);
      expect(headers[0]).toBe("customer_id");
      expect(rows).toHaveLength(result.rows);
      expect(result.rows).toBeGreaterThan(0);
      expect(result.rows).toBeLessThan(2357);
      const c4 = rows.find((row) => row.customer_id === "00004")!;
      expect(c4).toMatchObject({ frequency: 1, recency: 17, T: 30 });
      expect(c4.monetary_value).toBeCloseTo(29.73, 9);
      expect(c4.first_purchase).toEqual(new Date("1997-01-01T00:00:00Z"));
    });
  });
}
