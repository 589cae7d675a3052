import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../analysis/analysis.service.ts";
import { AppError } from "../errors/app-error.ts";
import { AS_OF, contextOf, loadCompany, salesActor } from "../testing/customers.fixture.ts";
import { structureOverview, structureRetention } from "./overview.service.ts";
import { customerStructure } from "./structure.service.ts";

for (const engine of ENGINES) {
  describe(`structure cross-tabs on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await loadCompany(handle);
      await runAnalysis(contextOf(handle), { asOf: AS_OF });
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("counts every customer for a reader who sees them all", async () => {
      const report = await customerStructure(contextOf(handle), { by: ["owner"] });
      expect(report.totals).toMatchObject({ customers: 4, revenue: 13190 });
      expect(report.cells.map((cell) => [cell.keys[0], cell.customers])).toEqual([
        ["bob", 2],
        ["alice", 2],
      ]);
    });

    it("counts only the reader's own customers: another owner's are in no cell and no total", async () => {
      const report = await customerStructure(contextOf(handle, salesActor()), { by: ["region", "owner"] });
      expect(report.by).toEqual(["province", "owner"]);
      expect(report.totals).toMatchObject({ customers: 2, revenue: 3380 });
      expect(report.cells).toHaveLength(1);
      expect(report.cells[0]).toMatchObject({
        keys: ["浙江", "alice"],
        customers: 2,
        customerShare: 1,
        revenueShare: 1,
      });
    });

    it("refuses a reader without the read permission and a dimension it does not know", async () => {
      await expect(
        customerStructure(contextOf(handle, salesActor([])), { by: ["owner"] }),
      ).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
      });
      const bad = await customerStructure(contextOf(handle), { by: ["colour"] }).catch(
        (error: unknown) => error,
      );
      expect(bad).toBeInstanceOf(AppError);
      expect(bad).toMatchObject({ code: "APP_INVALID_INPUT" });
    });

    it("puts each run's key figures beside the run before; a reader sees their customers' only", async () => {
      const first = await structureOverview(contextOf(handle));
      expect(first.current).toMatchObject({ customers: 4, revenue: 13190 });
      await runAnalysis(contextOf(handle), { asOf: AS_OF });
      const second = await structureOverview(contextOf(handle));
      expect(second.current.analysisRunId).toBeGreaterThan(first.current.analysisRunId);
      expect(second.previous).toEqual(first.current);
      // A run named: its own figures, and the one before it (none for the first).
      const named = await structureOverview(contextOf(handle), { runId: first.current.analysisRunId });
      expect(named.current).toEqual(first.current);
      expect(named.previous).toBeNull();
      const alice = await structureOverview(contextOf(handle, salesActor()));
      expect(alice.current).toMatchObject({ customers: 2, revenue: 3380 });
      expect(alice.previous).toMatchObject({ customers: 2, revenue: 3380 });
      await expect(structureOverview(contextOf(handle), { runId: 9999 })).rejects.toMatchObject({
        code: "GRADE_UNKNOWN_ANALYSIS_RUN",
      });
      await expect(structureRetention(contextOf(handle, salesActor([])))).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
      });
      expect((await structureRetention(contextOf(handle))).asOf).toBe(AS_OF);
    });

    it("gives every reader's retention by the rules of the run's report", async () => {
      // A reader of all customers gets the run's report; one whose scope is every owner gets the
      // same figures computed from the purchases.
      const reported = await structureRetention(contextOf(handle));
      const base = salesActor();
      const everyOwner = {
        ...base,
        scope: { ...base.scope, owners: ["alice", "bob"] } as typeof base.scope,
      };
      const computed = await structureRetention(contextOf(handle, everyOwner));
      expect(computed).toEqual(reported);
      expect(reported.churn.length).toBeGreaterThan(0);
      expect(reported.cohorts.some((cohort) => cohort.customers > 0)).toBe(true);
    });
  });
}
