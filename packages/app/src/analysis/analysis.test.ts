import { errorText, renderText } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { warningAsText } from "@custra/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOf } from "../errors/error-outcomes.ts";
import { AS_OF, contextOf, loadCompany, READER, salesActor } from "../testing/customers.fixture.ts";
import { getAnalysisRun, runAnalysis, runBacktest } from "./analysis.service.ts";

async function failure(work: Promise<unknown>): Promise<Error & { code: string }> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & { code: string };
}

const runCount = async (handle: DbHandle) =>
  Number(
    (
      await handle.db
        .selectFrom("analysis_runs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const engine of ENGINES) {
  describe(`analysis runs on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("says there is nothing to analyse or read before there are orders and runs", async () => {
      const noOrders = await failure(runAnalysis(contextOf(handle), {}));
      expect(noOrders.code).toBe("ANALYZE_NO_ORDERS");
      expect(outcomeOf(noOrders.code).status).toBe(422);
      // The message names no command: that is the CLI's hint.
      expect(noOrders.message).not.toContain("custra");
      const noRun = await failure(getAnalysisRun(contextOf(handle), {}));
      expect(noRun.code).toBe("ANALYZE_NO_RUN");
      await loadCompany(handle);
    });

    it("runs an analysis only for a role that may, and checks its options", async () => {
      const refused = await failure(runAnalysis(contextOf(handle, READER), { asOf: AS_OF }));
      expect(refused.code).toBe("APP_FORBIDDEN");
      expect(await runCount(handle)).toBe(0);
      const bad = await failure(
        runAnalysis(contextOf(handle), { asOf: "2025-02-30", horizon: 0, timeUnit: "month" }),
      );
      expect(bad.code).toBe("APP_INVALID_INPUT");
      const en = errorText(bad as never, "en");
      expect(en).toContain("asOf");
      expect(en).toContain("horizon");
      expect(en).toContain("timeUnit");
      expect(await runCount(handle)).toBe(0);

      const report = await runAnalysis(contextOf(handle), { asOf: AS_OF, horizon: 26 });
      expect(report).toMatchObject({ asOf: AS_OF, horizon: 26, customers: 4, buyers: 4 });
      // Four customers identify no model: the run says so, with codes the reader's edge renders.
      expect(report.predictor).toEqual({ transactions: "empirical", spend: "historical-mean" });
      expect(report.warnings.map((warning) => warning.code)).toContain("analyze.transactionFallback");
      for (const warning of report.warnings) {
        expect(renderText(warningAsText(warning), "zh-CN")).not.toMatch(/[{}]/);
      }
      expect(await runCount(handle)).toBe(1);
    });

    it("reads the latest run or a given one; the whole base's structure only for a reader who sees it all", async () => {
      const latest = await getAnalysisRun(contextOf(handle, READER));
      expect(latest.run).toMatchObject({ asOf: AS_OF, horizon: 26, customers: 4 });
      expect(latest.report).toMatchObject({ customers: 4, buyers: 4, runId: latest.run.id });
      expect(latest.warnings.map((warning) => warning.code)).toContain("analyze.transactionFallback");
      expect(latest.structure?.abc.reduce((sum, group) => sum + group.customers, 0)).toBe(4);
      expect((await getAnalysisRun(contextOf(handle), { runId: latest.run.id })).run.id).toBe(latest.run.id);

      const limited = await getAnalysisRun(contextOf(handle, salesActor()));
      expect(limited.structure).toBeNull();
      expect(limited.report).toMatchObject({ customers: null, buyers: null });
      expect(limited.warnings).toEqual(latest.warnings);

      const unknown = await failure(getAnalysisRun(contextOf(handle), { runId: latest.run.id + 100 }));
      expect(unknown.code).toBe("APP_NOT_FOUND");
      expect(errorText(unknown as never, "en")).toBe(`No analysis run ${latest.run.id + 100}`);
      expect((await failure(getAnalysisRun(contextOf(handle, salesActor([]))))).code).toBe("APP_FORBIDDEN");
    });

    it("backtests only for a role that may, with the engine's refusals as codes", async () => {
      const input = { calibrationEnd: "2024-12-31", holdoutEnd: "2025-12-31" };
      expect((await failure(runBacktest(contextOf(handle, READER), input))).code).toBe("APP_FORBIDDEN");
      const reversed = await failure(
        runBacktest(contextOf(handle), { calibrationEnd: "2025-12-31", holdoutEnd: "2024-12-31" }),
      );
      expect(reversed.code).toBe("BACKTEST_HOLDOUT_NOT_AFTER_CALIBRATION");
      expect(outcomeOf(reversed.code).exit).toBe(1);
      // A fit the data do not identify is still tested, and the report says so with codes.
      const report = await runBacktest(contextOf(handle), input);
      expect(report.cohort.customers).toBe(3);
      expect(report.warnings.map((warning) => warning.code)).toContain("backtest.notIdentified");
      // Before anyone bought twice there is nothing to fit.
      const none = await failure(
        runBacktest(contextOf(handle), { calibrationEnd: "2023-12-31", holdoutEnd: "2025-12-31" }),
      );
      expect(none.code).toBe("BACKTEST_TOO_FEW_REPEAT_BUYERS");
      expect(
        (
          await failure(
            runBacktest(contextOf(handle), { calibrationEnd: "2024-13-01", holdoutEnd: "2025-01-01" }),
          )
        ).code,
      ).toBe("APP_INVALID_INPUT");
    });
  });
}
