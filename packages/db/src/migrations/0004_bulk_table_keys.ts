import type { SqlTypes } from "../dialects/engine-dialect.ts";
import { customerGradesTable, tasksTable } from "./0003_grading.ts";
import type { Migration } from "./migration.ts";

/*
 * On DuckDB (see EngineDialect.bulkTableKeys), customer_grades and tasks lose their key indexes:
 * each is rebuilt without them, its rows kept, as DuckDB cannot drop a constraint in place.
 */
export const bulkTableKeys: Migration = {
  version: "0004_bulk_table_keys",
  statements({ sqlTypes: ty, bulkTableKeys }) {
    if (bulkTableKeys) return [];
    const rebuild = (table: string, create: (name: string, ty: SqlTypes, keys: boolean) => string) => [
      create(`${table}_rebuilt`, ty, false),
      `INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`,
      `DROP TABLE ${table}`,
      `ALTER TABLE ${table}_rebuilt RENAME TO ${table}`,
    ];
    return [...rebuild("customer_grades", customerGradesTable), ...rebuild("tasks", tasksTable)];
  },
};
