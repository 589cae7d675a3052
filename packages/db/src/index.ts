import { registerDbMessages } from "./messages.ts";

registerDbMessages();

export { ALL_CUSTOMERS, type CustomerScope, visibleCustomer } from "./access/customer-scope.ts";
export { tableCounts } from "./counts.ts";
export {
  type DefinitionKind,
  type DefinitionRow,
  type DefinitionSource,
  definitionVersionRows,
  insertDefinitionRow,
  latestDefinitionRow,
  latestDefinitionRows,
  sameDefinitionContent,
  seedBuiltinDefinitions,
} from "./definitions.repository.ts";
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
export { DbError, type DbErrorCode, isDbError } from "./errors.ts";
export {
  type GradeRunRow,
  givenOrLatestGradeRun,
  gradeRunById,
  latestGradeRunOfEachScheme,
  latestGradeRuns,
} from "./grade-runs.repository.ts";
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
  writeLockWaitMessage,
} from "./write-lock.ts";
