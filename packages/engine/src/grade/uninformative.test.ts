/**
 * A grade run on a company whose predicted value carries no information (issue 9, A2): twenty
 * one-time buyers whose CLV is 80 for everyone but for noise in the tenth digit, on each engine.
 * The run must leave CLV and orders out of the value scheme's score, say so, and grade by what
 * does tell the customers apart.
 */
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerGrades } from "./customer-grades.ts";
import { insertAnalysisRun, insertCustomers, type ScoreRow } from "./grade.fixture.ts";
import { gradeRun } from "./grade-run.ts";

const N = 20;
const code = (i: number) => `U${String(i + 1).padStart(2, "0")}`;

/*
 * Customer i (0 … 19) bought once for 100·(i + 1), margin 30 %, 10·(i + 1) days ago: the biggest
 * bought first. CLV = 80 + (19 − i)·1e-10 favours the smallest by noise alone. Ranked as it
 * stands, the noise (45 %) and recency (10 %) outweigh revenue and margin (35 %): the biggest
 * customer would score 0.45·2.5 + 0.35·97.5 + 0.1·50 + 0.1·2.5 = 40.5, the smallest 59.5, and
 * the biggest customers would be D. Without CLV and orders the score is
 * (0.35·revenue rank + 0.1·recency rank) / 0.45, which rises with revenue.
 */
const SCORES: ScoreRow[] = Array.from({ length: N }, (_, i) => ({
  code: code(i),
  revenue: 100 * (i + 1),
  margin: 30 * (i + 1),
  orders: 1,
  recency_days: 10 * (i + 1),
  clv: 80 + (N - 1 - i) * 1e-10,
  credit_grade: "good",
}));

for (const engine of ENGINES) {
  describe(`grading a constant CLV on ${engine}`, () => {
    let handle: DbHandle;
    let ids: Map<string, number>;

    beforeAll(async () => {
      handle = await openTestDb(engine);
      ids = await insertCustomers(
        handle,
        SCORES.map((row) => ({ code: row.code })),
      );
      await insertAnalysisRun(handle, ids, "2026-06-30", SCORES);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("keeps the biggest customers out of D and warns that CLV and orders told nobody apart", async () => {
      const report = await gradeRun(handle, { scheme: "value" });
      expect(report.warnings).toEqual([
        {
          code: "GRADING_UNINFORMATIVE_DIMENSION",
          params: { scheme: "value", dimension: "clv", reason: "constant" },
        },
        {
          code: "GRADING_UNINFORMATIVE_DIMENSION",
          params: { scheme: "value", dimension: "orders", reason: "constant" },
        },
      ]);
      const rows = await handle.db
        .selectFrom("customer_grades as g")
        .innerJoin("customers as c", "c.id", "g.customer_id")
        .select(["c.code", "g.grade"])
        .where("g.grade_run_id", "=", report.gradeRunId!)
        .execute();
      const gradeOf = Object.fromEntries(rows.map((row) => [row.code, row.grade]));
      // By revenue, largest first: 10 % A, 20 % B, 30 % C, 40 % D, as the shares ask.
      const byRevenueDown = Array.from({ length: N }, (_, k) => gradeOf[code(N - 1 - k)]);
      expect(byRevenueDown.join("")).toBe("AABBBBCCCCCCDDDDDDDD");
      // The warning is kept with the run, for the explanation and the API.
      const stored = await handle.db
        .selectFrom("grade_runs")
        .select("report")
        .where("id", "=", report.gradeRunId!)
        .executeTakeFirstOrThrow();
      const kept = typeof stored.report === "string" ? JSON.parse(stored.report) : stored.report;
      expect(kept.warnings).toEqual(report.warnings);
    });

    it("explains the biggest customer's grade without CLV and orders", async () => {
      const [view] = await customerGrades(handle, ids.get(code(N - 1))!, "zh-CN");
      expect(view!.grade).toBe("A");
      const byField = Object.fromEntries(view!.components.map((component) => [component.field, component]));
      expect(byField.clv).toMatchObject({ normalized: 50, contribution: 0, uninformative: true });
      expect(byField.orders).toMatchObject({ normalized: 50, contribution: 0, uninformative: true });
      // Revenue and margin rank first (97.5), recency last (2.5), over the weights left, 0.45.
      expect(byField.revenue!.contribution).toBeCloseTo((0.2 * 97.5) / 0.45, 9);
      const total = view!.components.reduce((sum, component) => sum + component.contribution, 0);
      expect(total).toBeCloseTo(view!.score!, 2);
      expect(view!.score!).toBeCloseTo((0.35 * 97.5 + 0.1 * 2.5) / 0.45, 6);
    });
  });
}
