import { registerDbMessages } from "./messages.ts";

registerDbMessages();

export { ALL_CUSTOMERS, type CustomerScope, visibleCustomer } from "./access/customer-scope.ts";
export {
  type AnalysisRunRow,
  analysisRunReport,
  countAnalysisRuns,
  findAnalysisRun,
  listAnalysisRuns,
} from "./analysis-runs.repository.ts";
// Access (users, departments, roles, sessions, tokens, shares, audit): issue 10 §3–5.
export {
  AUDIT_GENESIS_HASH,
  type AuditEntry,
  type AuditFilter,
  type AuditProblem,
  type AuditRecord,
  type AuditVerification,
  appendAudit,
  appendAudits,
  canonicalJson,
  queryAudit,
  verifyAuditChain,
} from "./audit.repository.ts";
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
export {
  type DepartmentRow,
  deleteDepartment,
  departmentSubtree,
  findDepartment,
  insertDepartment,
  listDepartments,
  updateDepartment,
} from "./departments.repository.ts";

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
  countGradeRuns,
  type GradeRunRow,
  givenOrLatestGradeRun,
  gradeRunById,
  latestGradeRunOfEachScheme,
  latestGradeRuns,
  listGradeRuns,
} from "./grade-runs.repository.ts";
export {
  deleteImportProfile,
  findImportProfile,
  type ImportProfileRow,
  insertImportProfileVersion,
  listImportProfiles,
} from "./import-profiles.repository.ts";
export { invoiceBalances } from "./invoices.repository.ts";
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
export { type DbHandle, forReading, migrate, type OpenDbOptions, openDb } from "./open.ts";
export { isPurchase, isReturn, isReturnStatus, isSaleStatus, lastOrderDate } from "./orders.repository.ts";
export {
  DATA_SCOPES,
  type DataScope,
  FIELD_VISIBILITIES,
  findRole,
  insertRole,
  listRoles,
  type RoleRecord,
  type StoredFieldVisibility,
  updateRole,
} from "./roles.repository.ts";
export { RUN_ROWS, type RunTable, type RunWrite, writeRunRows } from "./runs.repository.ts";
export * from "./schema.ts";
export {
  type ApiTokenRow,
  findApiToken,
  findLiveApiToken,
  findLiveSession,
  findLiveSessionsByPrefix,
  insertApiToken,
  insertSession,
  listApiTokens,
  listLiveSessions,
  revokeApiToken,
  revokeSession,
  revokeUserSessions,
  type SessionRow,
  touchApiToken,
  touchSession,
} from "./sessions.repository.ts";
export { readCompanySettings, removeCompanySettings, writeCompanySettings } from "./settings.repository.ts";
export {
  deleteShare,
  findShare,
  insertShare,
  listShares,
  type NewShare,
  type ShareRow,
} from "./shares.repository.ts";
export { stagingTableName } from "./staging-name.ts";
export {
  countActiveUsersWithPermission,
  countUsersByDepartment,
  findUserByEmail,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  type NewUser,
  recordFailedLogin,
  resetFailedLogins,
  subordinateUsernames,
  type UserChanges,
  type UserFilter,
  type UserRow,
  updateUser,
  usernamesInDepartments,
} from "./users.repository.ts";
export {
  DEFAULT_WRITE_LOCK_TIMEOUT_MS,
  type WriteLockOptions,
  withWriteLock,
  writeLockWaitText,
} from "./write-lock.ts";
