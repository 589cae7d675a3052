/**
 * Data that cannot identify the models, on each engine: two repeat buyers among thousands of
 * one-time buyers. The fits must say so, the analysis must use the fallback predictors and say
 * which, and P(alive) must not be the degenerate fit's 1.000 for one-time buyers and ~0 for the
 * two repeaters.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderText } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backtest } from "../backtest/backtest.ts";
import { importFile } from "../import/pipeline.ts";
import { type AnalysisWarning, analyze, warningAsText, warningText } from "./analyze.ts";

const ONE_TIME_BUYERS = 3000;

let work: string;
let ordersCsv: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-fallback-"));
  const lines = ["customer_code,order_date,amount"];
  // One-time buyers over 2025 (a first purchase on each day of the year in turn), 20.00–69.00.
  for (let i = 0; i < ONE_TIME_BUYERS; i++) {
    const day = new Date(Date.UTC(2025, 0, 1 + (i % 365))).toISOString().slice(0, 10);
    lines.push(`C${String(i).padStart(5, "0")},${day},${20 + (i % 50)}.00`);
  }
  // The only two repeat buyers: R1 bought four times, R2 twice.
  lines.push("R1,2025-01-05,100.00", "R1,2025-04-10,120.00", "R1,2025-07-20,80.00", "R1,2025-10-01,100.00");
  lines.push("R2,2025-02-01,60.00", "R2,2025-03-15,90.00");
  ordersCsv = join(work, "orders.csv");
  await writeFile(ordersCsv, `${lines.join("\n")}\n`);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function codes(warnings: readonly AnalysisWarning[]): string[] {
  return warnings.map((warning) => warning.code);
}

for (const engine of ENGINES) {
  describe(`analysis of data the models cannot identify, on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importFile(handle, { entity: "orders", file: ordersCsv, createCustomers: true });
    });
    afterAll(async () => {
      await handle.close();
    });

    it("marks BG/NBD and Gamma-Gamma not identifiable, falls back and says so", async () => {
      const report = await analyze(handle, { asOf: "2025-12-31", timeUnit: "week", horizon: 52 });
      expect(report.buyers).toBe(ONE_TIME_BUYERS + 2);
      const bg = report.models.bgnbd!;
      expect(bg.converged).toBe(true); // what the run said before: "converged"
      expect(bg.identifiable).toBe(false);
      expect(bg.kkt2).toBe(false);
      expect(bg.problems).toContainEqual({
        code: "model.tooFewRepeatBuyers",
        params: { model: "BG/NBD", repeatBuyers: 2, minimum: 40 },
      });
      expect(bg.problems.map((problem) => problem.params.reason)).toContain("hessianNotPositiveDefinite");
      expect(report.models.gammaGamma!.identifiable).toBe(false);
      expect(report.predictor).toEqual({ transactions: "empirical", spend: "historical-mean" });
      expect(codes(report.warnings)).toEqual(
        expect.arrayContaining([
          "model.tooFewRepeatBuyers",
          "model.notIdentifiable",
          "analyze.transactionFallback",
          "analyze.spendFallback",
        ]),
      );
      // Every warning reads in both languages, with every placeholder filled.
      for (const locale of ["en", "zh-CN"] as const) {
        for (const warning of report.warnings) {
          expect(warningText(warning, locale)).not.toMatch(/[{}]/);
          expect(renderText(warningAsText(warning), locale)).toBe(warningText(warning, locale));
        }
      }

      // The run row keeps the predictor and the warnings.
      const run = await handle.db
        .selectFrom("analysis_runs")
        .select("report")
        .where("id", "=", report.runId)
        .executeTakeFirstOrThrow();
      const stored = (typeof run.report === "string" ? JSON.parse(run.report) : run.report) as typeof report;
      expect(stored.predictor).toEqual(report.predictor);
      expect(stored.warnings).toEqual(report.warnings);
    });

    it("scores customers with the fallback: no degenerate P(alive), repeaters above one-time buyers", async () => {
      const report = await analyze(handle, { asOf: "2025-12-31", timeUnit: "week", horizon: 52 });
      const rows = await handle.db
        .selectFrom("customer_scores")
        .innerJoin("customers", "customers.id", "customer_scores.customer_id")
        .select([
          "customers.code",
          "p_alive",
          "expected_purchases",
          "expected_spend",
          "clv",
          "revenue",
          "x",
          "age",
        ])
        .where("run_id", "=", report.runId)
        .execute();
      const byCode = new Map(rows.map((row) => [row.code, row]));
      // P(alive) is not invented: empty for everybody, neither 1.000 for the one-time buyers nor ~0
      // for the two repeaters.
      expect(rows.every((row) => row.p_alive === null)).toBe(true);
      const r1 = byCode.get("R1")!;
      const r2 = byCode.get("R2")!;
      const oneTime = rows.filter((row) => row.code.startsWith("C"));
      expect(oneTime).toHaveLength(ONE_TIME_BUYERS);
      const mostOneTime = Math.max(...oneTime.map((row) => row.expected_purchases!));
      expect(r1.expected_purchases!).toBeGreaterThan(mostOneTime);
      expect(r2.expected_purchases!).toBeGreaterThan(0);
      // Shrunk toward the population: R1 bought 3 times again in 51 weeks, and is not promised as much.
      expect(r1.expected_purchases!).toBeLessThan(3);
      // Historical mean spend per purchase: R1 400 / 4, a one-time buyer its one order.
      expect(r1.expected_spend).toBeCloseTo(100, 6);
      const c7 = byCode.get("C00007")!;
      expect(c7.expected_spend).toBeCloseTo(27, 6);
      // CLV from the fallback: the discounted purchases (a bit below the undiscounted) × spend.
      expect(c7.clv!).toBeGreaterThan(0);
      expect(c7.clv!).toBeLessThan(c7.expected_purchases! * 27);
      expect(c7.clv!).toBeGreaterThan(0.9 * c7.expected_purchases! * 27);
    });

    it("falls back from Pareto/NBD too", async () => {
      const report = await analyze(handle, { asOf: "2025-12-31", model: "pareto-nbd" });
      expect(report.models.paretoNbd!.identifiable).toBe(false);
      expect(report.predictor.transactions).toBe("empirical");
      expect(report.warnings).toContainEqual({
        code: "analyze.transactionFallback",
        params: { model: "Pareto/NBD" },
      });
    });

    it("backtests such a fit, and says the data do not identify it", async () => {
      const report = await backtest(handle, { calibrationEnd: "2025-09-30", holdoutEnd: "2025-12-31" });
      expect(report.cohort.repeatBuyers).toBe(2);
      expect(report.models.bgnbd!.identifiable).toBe(false);
      const texts = report.warnings.map((warning) => warningText(warning, "en"));
      expect(texts).toContain(
        "the data do not identify the BG/NBD model (see above), so the analysis would not use it; the results below show how far such a fit is off.",
      );
      expect(report.warnings).toContainEqual({
        code: "model.tooFewRepeatBuyers",
        params: { model: "BG/NBD", repeatBuyers: 2, minimum: 40 },
      });
    });
  });
}
