/**
 * What a process that dies mid-write leaves, and how the next start removes it: staging tables
 * of ended sessions (never a living one's), and the rows of runs loaded but never recorded (never
 * a run still being written). The deaths are simulated by closing a handle (a killed process's
 * connections end the same way) or by leaving the rows and entry a killed writer leaves;
 * packages/engine/src/writers.test.ts kills real processes.
 */
import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "./open.ts";
import { writeRunRows } from "./runs.repository.ts";
import type { Database } from "./schema.ts";
import { createTestLocation, ENGINES, type TestLocation } from "./testing/engines.ts";

async function tableNames(handle: DbHandle): Promise<string[]> {
  const query =
    handle.engine === "postgres"
      ? sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`
      : sql<{ name: string }>`SELECT table_name AS name FROM duckdb_tables()`;
  return (await query.execute(handle.db)).rows.map((row) => row.name).sort();
}

async function scoresOf(handle: DbHandle | { db: Kysely<Database> }, runId: number): Promise<number> {
  const row = await handle.db
    .selectFrom("customer_scores")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("run_id", "=", runId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const SCORE = { orders: 1, revenue: 10, revenue_12m: 10, margin: 2 };

async function recordRun(db: Kysely<Database>, id: number): Promise<void> {
  await db
    .insertInto("analysis_runs")
    .values({
      id,
      as_of: "2026-06-30",
      time_unit: "week",
      horizon: 52,
      model: "bgnbd",
      discount_rate: 0.1,
      customers: 2,
      report: "{}",
    })
    .execute();
}

for (const engine of ENGINES) {
  describe(`clean-up after crashes on ${engine}`, () => {
    let where: TestLocation;
    const open: DbHandle[] = [];
    const reopen = async () => {
      const handle = await openDb(where.location);
      open.push(handle);
      return handle;
    };
    beforeEach(async () => {
      where = await createTestLocation(engine);
    });
    afterEach(async () => {
      for (const handle of open.splice(0)) await handle.close().catch(() => {});
      await where.drop();
    });

    it("removes at the next start the rows of a run loaded but never recorded, and keeps recorded runs", async () => {
      const first = await reopen();
      await recordRun(first.db, 1);
      await first.db
        .insertInto("customer_scores")
        .values([1, 2].map((customer_id) => ({ ...SCORE, run_id: 1, customer_id })))
        .execute();
      // What a writer killed after the bulk load of run 2 leaves: its entry and its rows, no run row.
      await first.db.insertInto("run_writes").values({ run_table: "analysis_runs", run_id: 2 }).execute();
      await first.db
        .insertInto("customer_scores")
        .values([1, 2].map((customer_id) => ({ ...SCORE, run_id: 2, customer_id })))
        .execute();
      await first.db.insertInto("run_writes").values({ run_table: "grade_runs", run_id: 7 }).execute();
      await first.db
        .insertInto("customer_grades")
        .values({ grade_run_id: 7, customer_id: 1, grade: "A", score_grade: "A", pinned: false })
        .execute();
      await first.close();

      const next = await reopen();
      expect(await scoresOf(next, 1)).toBe(2);
      expect(await scoresOf(next, 2)).toBe(0);
      expect(await next.db.selectFrom("customer_grades").selectAll().execute()).toEqual([]);
      expect(await next.db.selectFrom("run_writes").selectAll().execute()).toEqual([]);
    });

    it("writes a run's rows, then its run row, and removes the rows when recording fails", async () => {
      const handle = await reopen();
      const load = async (runId: number) => {
        await handle.bulkLoad(
          "customer_scores",
          ["run_id", "customer_id", "orders", "revenue", "revenue_12m", "margin"],
          [
            [runId, 1, 1, "10.00", "10.00", "2.00"],
            [runId, 2, 1, "10.00", "10.00", "2.00"],
          ],
        );
      };
      await writeRunRows(handle, {
        runs: "analysis_runs",
        runId: 3,
        rows: 2,
        purpose: "analyze",
        load: () => load(3),
        record: async (trx) => {
          // Before the run is recorded, its rows are in and its entry open (read in the transaction:
          // DuckDB's one connection is the transaction's).
          expect(await scoresOf({ db: trx }, 3)).toBe(2);
          expect(await trx.selectFrom("run_writes").select("run_id").execute()).toEqual([{ run_id: 3 }]);
          await trx
            .insertInto("analysis_runs")
            .values({
              id: 3,
              as_of: "2026-06-30",
              time_unit: "week",
              horizon: 52,
              model: "bgnbd",
              discount_rate: 0.1,
              customers: 2,
              report: "{}",
            })
            .execute();
        },
      });
      expect(await scoresOf(handle, 3)).toBe(2);
      expect(await handle.db.selectFrom("run_writes").selectAll().execute()).toEqual([]);

      const failing = writeRunRows(handle, {
        runs: "analysis_runs",
        runId: 4,
        rows: 2,
        purpose: "analyze",
        load: () => load(4),
        record: async () => {
          throw new Error("the run row could not be written");
        },
      });
      await expect(failing).rejects.toThrow("the run row could not be written");
      expect(await scoresOf(handle, 4)).toBe(0);
      expect(await handle.db.selectFrom("run_writes").selectAll().execute()).toEqual([]);
    });

    it("drops at the next start the staging tables of a session that ended without dropping them", async () => {
      const first = await reopen();
      await first.createStagingTable("_stage_customers_dead", ["code"]);
      await first.bulkLoad("_stage_customers_dead", ["line", "code"], [["2", "C1"]]);
      expect(await tableNames(first)).toContain("_stage_customers_dead");
      await first.close();

      const next = await reopen();
      expect(await tableNames(next)).not.toContain("_stage_customers_dead");
      // And the name can be staged again.
      await next.createStagingTable("_stage_customers_dead", ["code"]);
      await next.dropTable("_stage_customers_dead");
    });
  });
}

describe("clean-up after crashes on postgres, beside living sessions", () => {
  let where: TestLocation;
  const open: DbHandle[] = [];
  const reopen = async () => {
    const handle = await openDb(where.location);
    open.push(handle);
    return handle;
  };
  beforeEach(async () => {
    where = await createTestLocation("postgres");
  });
  afterEach(async () => {
    for (const handle of open.splice(0)) await handle.close().catch(() => {});
    await where.drop();
  });

  it("leaves a living session's staging tables, whatever their name", async () => {
    const living = await reopen();
    await living.createStagingTable("any_name_for_staging", ["code"]);
    await living.createStagingTable("_stage_orders_living", ["code"]);
    const other = await reopen();
    expect(await tableNames(other)).toEqual(
      expect.arrayContaining(["_stage_orders_living", "any_name_for_staging"]),
    );
    await living.dropTable("any_name_for_staging");
    // Once its session ended, the next start drops what it left.
    await living.close();
    const after = await reopen();
    expect(await tableNames(after)).not.toContain("_stage_orders_living");
  });

  it("leaves the rows of a run another session is writing, and that run ends whole", async () => {
    const writer = await reopen();
    let loaded!: () => void;
    const wasLoaded = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const writing = writeRunRows(writer, {
      runs: "analysis_runs",
      runId: 9,
      rows: 2,
      purpose: "analyze",
      load: async () => {
        await writer.db
          .insertInto("customer_scores")
          .values([1, 2].map((customer_id) => ({ ...SCORE, run_id: 9, customer_id })))
          .execute();
        loaded();
        await finished;
      },
      record: (trx) => recordRun(trx, 9),
    });
    await wasLoaded;
    // A process starting now finds run 9 open, but its writer holds the write lock: hands off.
    const other = await reopen();
    expect(await scoresOf(other, 9)).toBe(2);
    expect(await other.db.selectFrom("run_writes").select("run_id").execute()).toEqual([{ run_id: 9 }]);
    finish();
    await writing;
    expect(await scoresOf(other, 9)).toBe(2);
    expect(await other.db.selectFrom("analysis_runs").select("id").execute()).toEqual([{ id: 9 }]);
  });
});
