import type { Migration } from "./migration.ts";

/*
 * Who started an analysis run: the user whose request ran it (users.id), so the run history says
 * who as well as when. Null for the runs custra starts itself (the command line, the daily
 * schedule) and for the runs written before the column existed, which no one can now name.
 */
export const analysisRunStarter: Migration = {
  version: "0015_analysis_run_starter",
  statements({ sqlTypes: ty }) {
    return [`ALTER TABLE analysis_runs ADD COLUMN started_by ${ty.bigint}`];
  },
};
