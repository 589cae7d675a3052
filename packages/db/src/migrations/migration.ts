import type { EngineDialect } from "../dialects/engine-dialect.ts";

/**
 * One schema version. Migrations are SQL statements, written once for both engines with the
 * few engine-specific parts (type names, which indexes) taken from the dialect.
 */
export interface Migration {
  /** Sorts in the order migrations apply: "0001_initial", "0002_…". */
  readonly version: string;
  statements(
    dialect: Pick<
      EngineDialect,
      "sqlTypes" | "analyticIndexes" | "uniqueExternalIds" | "bulkTableKeys" | "appendOnlySql"
    >,
  ): string[];
}
