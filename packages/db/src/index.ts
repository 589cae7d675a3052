import { registerDbMessages } from "./messages.ts";

registerDbMessages();

export { ALL_CUSTOMERS, type CustomerScope, visibleCustomer } from "./access/customer-scope.ts";
export { tableCounts } from "./counts.ts";
export type {
  BulkLoadOptions,
  BulkRow,
  Columns,
  RowSource,
  SqlTypes,
  StagingTypes,
  WriteLockHolder,
} from "./dialects/engine-dialect.ts";
export { rowBatches } from "./dialects/engine-dialect.ts";
export { DbError, type DbErrorCode, isDbError, reasonOf } from "./errors.ts";
export {
  beatJobs,
  failAbandonedJobs,
  findJob,
  finishJob,
  insertJob,
  type JobFilter,
  type JobOutcome,
  type JobProgress,
  type JobRecord,
  type JobTrigger,
  listJobs,
  markJobRunning,
  type NewJob,
  writeJobProgress,
} from "./jobs.repository.ts";
export {
  DEFAULT_DUCKDB_PATH,
  type Engine,
  type Location,
  maskPassword,
  resolveLocation,
} from "./location.ts";
export { dbMessages } from "./messages.ts";
export { MIGRATIONS } from "./migrations/index.ts";
export type { Migration } from "./migrations/migration.ts";
export type { MigrateOutcome } from "./migrator.ts";
export { type DbHandle, migrate, type OpenDbOptions, openDb } from "./open.ts";
export { RUN_ROWS, type RunTable, type RunWrite, writeRunRows } from "./runs.repository.ts";
export * from "./schema.ts";
export { readCompanySettings, removeCompanySettings, writeCompanySettings } from "./settings.repository.ts";
export {
  DEFAULT_WRITE_LOCK_TIMEOUT_MS,
  type WriteLockOptions,
  withWriteLock,
  writeLockWaitText,
} from "./write-lock.ts";
