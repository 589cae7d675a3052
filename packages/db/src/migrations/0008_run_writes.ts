import type { Migration } from "./migration.ts";

/*
 * Runs whose rows are being written. An analysis's scores and a grade run's grades are bulk
 * loaded before their run row is inserted (the bulk load cannot share the run row's transaction:
 * DuckDB's appender runs outside it), so readers, who find rows through the run tables, never see
 * a run's rows before the run is recorded. A crash between the two used to leave the rows for
 * good (200,000 per run of 200,000 customers); now the run is entered here before its rows are
 * loaded and leaves in the transaction that records it, so an entry still here at the next start
 * names rows to remove (runs.repository.ts). Finding orphans by an anti-join of the run tables
 * at every start instead would read every score of every run each time.
 *
 * The rows such crashes left before this version have no entry: they are removed once, here.
 */
export const runWrites: Migration = {
  version: "0008_run_writes",
  statements({ sqlTypes: ty }) {
    return [
      `CREATE TABLE run_writes (
        run_table ${ty.text} NOT NULL,
        run_id ${ty.bigint} NOT NULL,
        started_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        PRIMARY KEY (run_table, run_id)
      )`,
      "DELETE FROM customer_scores WHERE run_id NOT IN (SELECT id FROM analysis_runs)",
      "DELETE FROM customer_grades WHERE grade_run_id NOT IN (SELECT id FROM grade_runs)",
    ];
  },
};
