/**
 * Writing a run: its rows in bulk, then its run row, so that a run is seen whole or not at all.
 * Readers find a run's rows through its run row ("the given run, else the latest" reads the run
 * table), and the run row is inserted only after every row is in. In between, the run is entered
 * in run_writes; a crash there leaves the entry, and the next start removes the rows it names
 * (migrations/0008_run_writes.ts says why a ledger and not a search for orphans).
 */
import { sql, type Transaction } from "kysely";
import type { DbHandle } from "./open.ts";
import type { Database } from "./schema.ts";

/** The table of each kind of run, and the bulk table of its rows with the column naming the run. */
export const RUN_ROWS = {
  analysis_runs: { rows: "customer_scores", run: "run_id" },
  grade_runs: { rows: "customer_grades", run: "grade_run_id" },
} as const;

export type RunTable = keyof typeof RUN_ROWS;

export interface RunWrite {
  readonly runs: RunTable;
  /** The run's id, taken from its sequence before its rows are written under it. */
  readonly runId: number;
  /** What writes, for the write lock's messages ("analyze", "grade"). */
  readonly purpose: string;
  /** How many rows the run has (one per customer). */
  readonly rows: number;
  /** Bulk loads the run's rows (all or nothing, as DbHandle.bulkLoad is). */
  readonly load: () => Promise<void>;
  /** Inserts the run row, in the transaction that also closes the run's entry. */
  readonly record: (trx: Transaction<Database>) => Promise<void>;
}

/**
 * Writes a run's rows and then its run row, holding the write lock. If anything fails, the rows
 * are removed before the error goes on; if the process dies, the next start removes them.
 */
export async function writeRunRows(handle: DbHandle, write: RunWrite): Promise<void> {
  await handle.withWriteLock(write.purpose, async () => {
    const entry = { run_table: write.runs, run_id: write.runId } as const;
    await handle.db.insertInto("run_writes").values(entry).execute();
    try {
      await write.load();
      await handle.db.transaction().execute(async (trx) => {
        await write.record(trx);
        await trx
          .deleteFrom("run_writes")
          .where("run_table", "=", entry.run_table)
          .where("run_id", "=", entry.run_id)
          .execute();
      });
    } catch (error) {
      await removeRun(handle, write.runs, write.runId);
      throw error;
    }
    await handle.refreshStatistics([{ table: RUN_ROWS[write.runs].rows, rows: write.rows }]);
  });
}

/**
 * Removes the rows of runs whose writing never finished (the process died between the bulk load
 * and the run row) and returns how many runs that was. Only while no writer runs: the caller
 * holds the write lock (at start, and only when it is free at once; else the next start does it).
 */
export async function removeUnfinishedRuns(handle: DbHandle): Promise<number> {
  const unfinished = await handle.db.selectFrom("run_writes").select(["run_table", "run_id"]).execute();
  for (const entry of unfinished) await removeRun(handle, entry.run_table, Number(entry.run_id));
  return unfinished.length;
}

/** Deletes a run's rows and its entry; the run row never existed (it is inserted as the entry leaves). */
async function removeRun(handle: DbHandle, runs: RunTable, runId: number): Promise<void> {
  const { rows, run } = RUN_ROWS[runs];
  await handle.db.transaction().execute(async (trx) => {
    await sql`DELETE FROM ${sql.table(rows)} WHERE ${sql.ref(run)} = ${runId}`.execute(trx);
    await trx.deleteFrom("run_writes").where("run_table", "=", runs).where("run_id", "=", runId).execute();
  });
}
