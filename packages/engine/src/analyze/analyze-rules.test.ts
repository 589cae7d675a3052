/**
 * The analysis on small hand-made data sets, each with one awkward property of real company data,
 * on each engine: customers who did not exist yet at the as-of date, mostly one-time buyers on less
 * than a year of data, and returns as negative amounts and as a status.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { gradeMigrationBetween, gradeRun } from "../grade/index.ts";
import { importFile } from "../import/pipeline.ts";
import { analyze } from "./analyze.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-analyze-rules-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function importCsv(handle: DbHandle, entity: "customers" | "orders", name: string, lines: string[]) {
  const file = join(work, `${name}.csv`);
  await writeFile(file, `${lines.join("\n")}\n`);
  await importFile(handle, { entity, file, createCustomers: entity === "orders" });
}

/** The run's scores by customer code. */
async function scoresOf(handle: DbHandle, runId: number) {
  const { rows } = await sql<{
    code: string;
    orders: number;
    revenue: string | number;
    monetary: string | number | null;
    f_score: number | null;
    rfm_segment: string;
    rfm_class: string;
    lifecycle_stage: string;
  }>`SELECT c.code, s.orders, s.revenue, s.monetary, s.f_score, s.rfm_segment, s.rfm_class, s.lifecycle_stage
     FROM customer_scores s JOIN customers c ON c.id = s.customer_id
     WHERE s.run_id = ${runId} ORDER BY c.code`.execute(handle.db);
  return new Map(rows.map((row) => [row.code, row]));
}

const day = (offset: number) =>
  new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

for (const engine of ENGINES) {
  describe(`analysis rules on ${engine}`, () => {
    let handle: DbHandle;
    beforeEach(async () => {
      handle = await openTestDb(engine);
    });
    afterEach(async () => {
      await handle.close();
    });

    it("analyses and grades only the customers who existed; the migration calls the later ones new", async () => {
      // K01..K12 registered in 2025 and bought in 2026 Q1; N1, N2 registered in May 2026 (one has
      // already bought); N3 has no registration date and first buys in May 2026.
      const customers = ["code,name,registered_on"];
      const orders = ["order_id,customer_code,order_date,amount"];
      for (let k = 1; k <= 12; k++) {
        const code = `K${String(k).padStart(2, "0")}`;
        customers.push(`${code},Kunde ${k},2025-0${1 + (k % 9)}-15`);
        for (let j = 0; j < 1 + (k % 4); j++)
          orders.push(`${code}-${j},${code},${day(5 * k + 20 * j)},${10 * k + j}`);
        orders.push(`${code}-m,${code},2026-05-20,${5 * k}`);
      }
      customers.push("N1,Neu 1,2026-05-02", "N2,Neu 2,2026-05-03", "N3,Neu 3,");
      orders.push("n1,N1,2026-05-10,400", "n3,N3,2026-05-12,300");
      await importCsv(handle, "customers", `existence-customers-${engine}`, customers);
      await importCsv(handle, "orders", `existence-orders-${engine}`, orders);

      const april = await analyze(handle, { asOf: "2026-04-30", timeUnit: "day" });
      expect(april.customers).toBe(12);
      const aprilScores = await scoresOf(handle, april.runId);
      expect([...aprilScores.keys()].some((code) => code.startsWith("N"))).toBe(false);
      const june = await analyze(handle, { asOf: "2026-06-30", timeUnit: "day" });
      expect(june.customers).toBe(15);

      const first = await gradeRun(handle, { analysisRunId: april.runId });
      expect(first.customers).toBe(12);
      const second = await gradeRun(handle, { analysisRunId: june.runId });
      expect(second.customers).toBe(15);
      const migration = await gradeMigrationBetween(handle);
      expect(migration.newCustomers.customers).toBe(3);
      expect(migration.newCustomers.revenue).toBeCloseTo(700, 6);
      expect(migration.goneCustomers.customers).toBe(0);
      const moved = migration.up.customers + migration.same.customers + migration.down.customers;
      expect(moved).toBe(12);
    });

    it("never makes one-time buyers champions, loyal or growing on eight months of data", async () => {
      // 36 one-time buyers (some recent and big), 12 repeat buyers; data from January to August.
      const orders = ["order_id,customer_code,order_date,amount"];
      for (let k = 0; k < 36; k++)
        orders.push(`s${k},S${k},${day((7 * k) % 230)},${k % 6 === 0 ? 5000 : 40 + k}`);
      for (let k = 0; k < 12; k++) {
        const gap = 12 + ((k * 17) % 50);
        for (let j = 0; j < 2 + (k % 5); j++)
          orders.push(`r${k}-${j},R${k},${day(3 * k + gap * j)},${60 + 7 * j + k}`);
      }
      await importCsv(handle, "orders", `single-${engine}`, orders);
      const report = await analyze(handle, { asOf: "2026-08-31", timeUnit: "week" });
      expect(report.customers).toBe(48);
      const scores = await scoresOf(handle, report.runId);
      let singles = 0;
      for (const [code, row] of scores) {
        if (!code.startsWith("S")) continue;
        singles++;
        expect(Number(row.f_score), code).toBe(1);
        expect(["champions", "loyal", "cant_lose"], code).not.toContain(row.rfm_segment);
        expect(row.rfm_class, code).not.toMatch(/^(important|general)_(value|maintain)$/);
        expect(["new", "lost"], code).toContain(row.lifecycle_stage);
      }
      expect(singles).toBe(36);
      // Less than a year of data: no stage compares this year with one the data does not hold.
      expect(report.structure.lifecycle.map((group) => group.code)).not.toContain("mature");
    });

    it("nets returns (negative amounts and returned or cancelled orders) out of revenue", async () => {
      await importCsv(handle, "orders", `returns-${engine}`, [
        "order_id,customer_code,order_date,amount,status",
        "a1,A,2026-01-05,100,completed",
        "a2,A,2026-02-05,60,completed",
        "a3,A,2026-03-05,40,completed",
        "a4,A,2026-03-06,-40,completed",
        "b1,B,2026-01-10,200,completed",
        "b2,B,2026-02-10,80,returned",
        "b3,B,2026-03-10,30,cancelled",
        "c1,C,2026-01-20,10,completed",
        "c2,C,2026-01-21,-300,",
      ]);
      const report = await analyze(handle, { asOf: "2026-03-31", timeUnit: "day" });
      expect(report.structure.revenue).toBeCloseTo(160 + 200 + 0, 6);
      expect(report.structure.returns).toBeCloseTo(40 + 80 + 30 + 300, 6);
      const scores = await scoresOf(handle, report.runId);
      expect([scores.get("A")!.orders, Number(scores.get("A")!.revenue)]).toEqual([3, 160]);
      expect(Number(scores.get("A")!.monetary)).toBeCloseTo(((60 + 40) / 2) * (160 / 200), 6);
      expect([scores.get("B")!.orders, Number(scores.get("B")!.revenue)]).toEqual([1, 200]);
      expect([scores.get("C")!.orders, Number(scores.get("C")!.revenue)]).toEqual([1, 0]);
      for (const row of scores.values()) expect(Number(row.monetary ?? 0)).toBeGreaterThanOrEqual(0);
    });
  });
}
