import { ENGINES } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_AS_OF,
  type DemoCompany,
  failure,
  limitedActor,
  openDemoCompany,
} from "../testing/demo-company.fixture.ts";
import { runDailyPipeline } from "./pipeline.service.ts";

for (const engine of ENGINES) {
  describe(`the daily pipeline on ${engine}`, () => {
    let company: DemoCompany;
    beforeAll(async () => {
      company = await openDemoCompany(engine);
    }, 120_000);
    afterAll(async () => {
      await company?.close();
    });

    it("analyzes, grades with every scheme on that analysis, and generates the day's tasks", async () => {
      const { analysis, grading, tasks } = company.pipeline;
      expect(analysis.customers).toBe(200);
      expect(grading.map((report) => report.scheme.name)).toEqual(["credit", "key_account", "value"]);
      for (const report of grading) {
        expect(report.analysisRunId).toBe(analysis.runId);
        expect(report.gradeRunId).toBeGreaterThan(0);
      }
      // Every playbook's basis was computed, so none was skipped.
      expect(tasks.skipped).toEqual([]);
      expect(tasks.playbooks.map((p) => p.gradeRunId).sort()).toEqual(
        grading.map((report) => report.gradeRunId).sort(),
      );
      expect(tasks.asOf).toBe(DEMO_AS_OF);
    });

    it("runs again as a new analysis and new grade runs, with the steps reported as they start", async () => {
      const steps: string[] = [];
      const again = await runDailyPipeline(
        company.local,
        { tasksAsOf: DEMO_AS_OF },
        { onStep: (step, detail) => steps.push(detail ? `${step}:${detail.scheme}` : step) },
      );
      expect(steps).toEqual(["analyze", "grade:credit", "grade:key_account", "grade:value", "tasks"]);
      expect(again.analysis.runId).toBeGreaterThan(company.pipeline.analysis.runId);
      expect(again.tasks.created).toBe(0);
    });

    it("needs the analyze permission", async () => {
      const sales = { handle: company.handle, actor: limitedActor(company.owners[0], ["read", "edit"]) };
      expect(await failure(runDailyPipeline(sales, {}))).toMatchObject({
        code: "APP_FORBIDDEN",
        params: { permission: "analyze" },
      });
    });
  });
}
