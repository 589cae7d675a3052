/**
 * The whole analysis on real data, on each engine: CDNOW imported as a plain transaction log must
 * give the published model values (../shared/data/cdnow/README.md) through SQL, models and
 * write-back alike.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoCsv } from "../demo/index.ts";
import { importDirectory } from "../import/directory.ts";
import { importFile } from "../import/pipeline.ts";
import { CDNOW_SAMPLE, writeCdnowCsv } from "../testing/cdnow.ts";
import { AnalyzeError, analyze } from "./analyze.ts";
import { customerProfile } from "./customer-profile.ts";

let work: string;
let cdnowCsv: string;
let demoDir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-analyze-"));
  cdnowCsv = await writeCdnowCsv(CDNOW_SAMPLE, join(work, "cdnow.csv"));
  demoDir = join(work, "demo");
  await writeDemoCsv({ customers: 400, seed: 3, asOf: "2026-06-30", outDir: demoDir });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** `value` to three significant digits, as the papers publish it. */
function expectSignificant(value: number | undefined, published: number): void {
  expect(value).toBeDefined();
  expect(Number(value!.toPrecision(3))).toBe(Number(published.toPrecision(3)));
}

for (const engine of ENGINES) {
  describe(`analyze on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importFile(handle, { entity: "orders", file: cdnowCsv, createCustomers: true });
    });
    afterAll(async () => {
      await handle.close();
    });

    it("reproduces the published BG/NBD and Gamma-Gamma values on CDNOW, and customer 00004", async () => {
      const report = await analyze(handle, { asOf: "1997-09-30", timeUnit: "week", horizon: 39 });
      expect(report).toMatchObject({ asOf: "1997-09-30", customers: 2357, buyers: 2357, warnings: [] });
      const bg = report.models.bgnbd!;
      expectSignificant(bg.params.r, 0.243);
      expectSignificant(bg.params.alpha, 4.414);
      expectSignificant(bg.params.a, 0.793);
      expectSignificant(bg.params.b, 2.426);
      expect(bg.logLikelihood).toBeCloseTo(-9582.4, 1);
      expect(bg).toMatchObject({ identifiable: true, kkt1: true, kkt2: true, problems: [] });
      expect(report.predictor).toEqual({ transactions: "bgnbd", spend: "gamma-gamma" });
      const gg = report.models.gammaGamma!;
      expectSignificant(gg.params.p, 6.25);
      expectSignificant(gg.params.q, 3.74);
      expectSignificant(gg.params.v, 15.44);
      expect(gg.customers).toBe(946);
      expect(gg.identifiable).toBe(true);
      for (const stage of ["summary", "fit", "predict", "classify", "write"] as const) {
        expect(report.timings[stage]).toBeGreaterThanOrEqual(0);
      }

      const profile = (await customerProfile(handle, "00004"))!;
      expect(await customerProfile(handle, "no-such-code")).toBeUndefined();
      expect(profile.run?.id).toBe(report.runId);
      expect(profile.scores?.expectedPurchases).toBeCloseTo(1.226, 3);
      expect(profile.scores?.pAlive).toBeCloseTo(0.727, 3);
      expect(profile.scores?.rfm.segment).toBeTruthy();
      expect(profile.scores?.abcClass).toMatch(/^[ABC]$/);

      const stored = await handle.db
        .selectFrom("customer_scores")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("run_id", "=", report.runId)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(2357);
    });

    it("reproduces the published Pareto/NBD values with --model pareto-nbd", async () => {
      const report = await analyze(handle, {
        asOf: "1997-09-30",
        timeUnit: "week",
        horizon: 39,
        model: "pareto-nbd",
      });
      const pareto = report.models.paretoNbd!;
      expectSignificant(pareto.params.r, 0.553);
      expectSignificant(pareto.params.alpha, 10.578);
      expectSignificant(pareto.params.s, 0.606);
      expectSignificant(pareto.params.beta, 11.669);
      expect(pareto.logLikelihood).toBeCloseTo(-9595.0, 1);
      expect(pareto.identifiable).toBe(true);
      expect(report.predictor.transactions).toBe("pareto-nbd");
      expect(report.models.bgnbd).toBeUndefined();
    });

    it("keeps every run, and the ABC classes hold the configured revenue shares", async () => {
      const first = await analyze(handle, { asOf: "1997-06-30", timeUnit: "day" });
      const second = await analyze(handle, { asOf: "1997-09-30", timeUnit: "day" });
      expect(second.runId).toBeGreaterThan(first.runId);
      const runs = await handle.db
        .selectFrom("analysis_runs")
        .select(["id", "as_of"])
        .orderBy("id")
        .execute();
      expect(runs.map((run) => run.id)).toContain(first.runId);
      const a = second.structure.abc.find((group) => group.code === "A")!;
      const b = second.structure.abc.find((group) => group.code === "B")!;
      expect(a.revenueShare).toBeGreaterThanOrEqual(0.7);
      expect(a.revenueShare + b.revenueShare).toBeGreaterThanOrEqual(0.9);
      const customers = second.structure.abc.reduce((sum, group) => sum + group.customers, 0);
      expect(customers).toBe(2357);

      // The CDNOW cohort made its first purchases in 1997-01..03: three cohorts, everybody in one.
      const { cohorts } = second.structure;
      expect(cohorts.months.slice(0, 3)).toEqual(["1997-01", "1997-02", "1997-03"]);
      expect(cohorts.sizes.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(2357);
      expect(cohorts.sizes.slice(3).every((size) => size === 0)).toBe(true);
      expect(cohorts.retention[0]![0]).toBe(1);
      expect(cohorts.retention[0]![1]).toBeGreaterThan(0);
      expect(cohorts.retention[0]![1]).toBeLessThan(1);
      const february = second.structure.churnRates.find((row) => row.month === "1997-02")!;
      expect(february.customers).toBe(cohorts.sizes[0]);
      expect(february.rate).toBeCloseTo(february.churned / february.customers, 12);
    });
  });

  describe(`analyze the demo company on ${engine}`, () => {
    it("values customers with margins, grades credit from invoices and finds churn reasons", async () => {
      const handle = await openTestDb(engine);
      try {
        await importDirectory(handle, demoDir);
        const report = await analyze(handle);
        expect(report.asOf <= "2026-06-30").toBe(true);
        expect(report.structure.margin).toBeGreaterThan(0);
        expect(report.structure.margin).toBeLessThan(report.structure.revenue);
        const credit = new Map(report.structure.credit.map((group) => [group.code, group.customers]));
        expect(
          (credit.get("good") ?? 0) + (credit.get("fair") ?? 0) + (credit.get("poor") ?? 0),
        ).toBeGreaterThan(0);
        expect(credit.get("unrated")).toBeGreaterThan(0);
        const high = report.structure.valueTier.find((group) => group.code === "high")!;
        expect(high.clvShare).toBeGreaterThan(0.5);
        expect(report.structure.nps.answers).toBeGreaterThan(0);
        expect(report.structure.csi).toBeGreaterThan(0);
        expect(report.structure.csi).toBeLessThanOrEqual(100);
        const byTier = report.structure.satisfactionByValueTier;
        expect(byTier.map((group) => group.code)).toEqual(["high", "low", "mid"]);
        expect(byTier.reduce((sum, group) => sum + group.npsAnswers, 0)).toBe(report.structure.nps.answers);
        const lorenz = report.structure.lorenz;
        expect(lorenz.population[0]).toBe(0);
        expect(lorenz.revenue.at(-1)).toBeCloseTo(1, 12);
        expect(report.structure.churnReasons.length).toBeGreaterThan(0);
      } finally {
        await handle.close();
      }
    });

    it("explains that there is nothing to analyse in an empty database", async () => {
      const handle = await openTestDb(engine);
      try {
        await expect(analyze(handle)).rejects.toThrow(AnalyzeError);
      } finally {
        await handle.close();
      }
    });
  });
}
