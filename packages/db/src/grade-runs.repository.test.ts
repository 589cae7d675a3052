import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  givenOrLatestGradeRun,
  gradeRunById,
  latestGradeRunOfEachScheme,
  latestGradeRuns,
} from "./grade-runs.repository.ts";
import type { DbHandle } from "./open.ts";
import { ENGINES, openTestDb } from "./testing/engines.ts";

/** Grade run rows alone (no grades): what these queries read. */
async function insertRun(handle: DbHandle, scheme: string, asOf: string): Promise<number> {
  const row = await handle.db
    .insertInto("grade_runs")
    .values({
      scheme_name: scheme,
      scheme_version: 1,
      analysis_run_id: 1,
      as_of: asOf,
      customers: 3,
      report: "{}",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

for (const engine of ENGINES) {
  describe(`grade runs on ${engine}`, () => {
    let handle: DbHandle;
    let runs: { value1: number; credit: number; value2: number };
    beforeAll(async () => {
      handle = await openTestDb(engine);
      const value1 = await insertRun(handle, "value", "2026-01-31");
      const credit = await insertRun(handle, "credit", "2026-02-28");
      const value2 = await insertRun(handle, "value", "2026-03-31");
      runs = { value1, credit, value2 };
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("finds the given run, else the latest of the scheme", async () => {
      expect(await givenOrLatestGradeRun(handle.db, { scheme: "value" })).toMatchObject({
        id: runs.value2,
        scheme: "value",
        asOf: "2026-03-31",
        customers: 3,
      });
      expect((await givenOrLatestGradeRun(handle.db, { id: runs.value1, scheme: "value" }))?.asOf).toBe(
        "2026-01-31",
      );
      expect(await givenOrLatestGradeRun(handle.db, { scheme: "key_account" })).toBeUndefined();
      expect(await gradeRunById(handle.db, 999_999)).toBeUndefined();
    });

    it("lists the latest of a scheme newest first, and the latest of each scheme", async () => {
      expect((await latestGradeRuns(handle.db, "value", 2)).map((run) => run.id)).toEqual([
        runs.value2,
        runs.value1,
      ]);
      expect((await latestGradeRunOfEachScheme(handle.db)).map((run) => [run.scheme, run.id])).toEqual([
        ["credit", runs.credit],
        ["value", runs.value2],
      ]);
    });
  });
}
