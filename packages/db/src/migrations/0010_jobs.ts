import type { Migration } from "./migration.ts";

/*
 * Long work run in the background (an analysis, grading, the daily pipeline, an import's commit):
 * one row per job with its state, progress and outcome, so that a client can follow it and a job
 * outlives the request that started it. A running job beats `heartbeat_at` every few seconds; a
 * job still "running" with an old heartbeat belongs to a process that died, and the next start
 * marks it failed (jobs.repository.ts). Not customer-owned: a reference table on Citus.
 */
export const jobs: Migration = {
  version: "0010_jobs",
  statements({ sqlTypes: ty }) {
    return [
      "CREATE SEQUENCE jobs_id_seq",
      `CREATE TABLE jobs (
        id ${ty.bigint} NOT NULL DEFAULT nextval('jobs_id_seq') PRIMARY KEY,
        kind ${ty.text} NOT NULL,
        status ${ty.text} NOT NULL,
        input ${ty.json},
        progress ${ty.json},
        result ${ty.json},
        error ${ty.json},
        requested_by ${ty.bigint},
        trigger ${ty.text} NOT NULL,
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        started_at ${ty.timestamp},
        finished_at ${ty.timestamp},
        heartbeat_at ${ty.timestamp}
      )`,
      "CREATE INDEX jobs_status ON jobs (status)",
    ];
  },
};
