import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresQueryCompiler,
  type QueryCompiler,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from "kysely";

/**
 * Kysely dialect for DuckDB. DuckDB parses PostgreSQL's SQL and `$n` parameters, so Kysely's
 * PostgreSQL compiler is reused; only the driver, the migration lock and introspection differ.
 */
export class DuckDBDialect implements Dialect {
  constructor(private readonly driver: Driver) {}

  createDriver(): Driver {
    return this.driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new DuckDBAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new DuckDBIntrospector(db);
  }
}

class DuckDBAdapter extends PostgresAdapter {
  // DuckDB has no advisory locks; its file lock already keeps other processes out.
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

interface ColumnRow {
  schema: string;
  table: string;
  is_view: boolean;
  column: string;
  data_type: string;
  is_nullable: boolean;
  column_default: string | null;
}

class DuckDBIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      SELECT schema_name AS name FROM duckdb_schemas()
      WHERE database_name = current_database() AND NOT internal ORDER BY 1`.execute(this.db);
    return rows;
  }

  async getTables(_options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow>`
      SELECT c.schema_name AS schema, c.table_name AS table, t.table_type = 'VIEW' AS is_view,
             c.column_name AS column, c.data_type, c.is_nullable, c.column_default
      FROM duckdb_columns() c
      JOIN information_schema.tables t
        ON t.table_catalog = c.database_name AND t.table_schema = c.schema_name AND t.table_name = c.table_name
      WHERE c.database_name = current_database() AND NOT c.internal
      ORDER BY c.schema_name, c.table_name, c.column_index`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const row of rows) {
      const key = `${row.schema}.${row.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { name: row.table, schema: row.schema, isView: row.is_view, columns: [] };
        tables.set(key, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.data_type,
        isNullable: row.is_nullable,
        hasDefaultValue: row.column_default !== null,
        isAutoIncrementing: row.column_default?.startsWith("nextval(") ?? false,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
