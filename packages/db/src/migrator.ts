import { type Kysely, sql, type Transaction } from "kysely";
import type { EngineDialect } from "./dialects/engine-dialect.ts";
import { DbError, reasonOf } from "./errors.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import type { Migration } from "./migrations/migration.ts";
import type { Database } from "./schema.ts";

/*
 * Our own migrator rather than Kysely's: Kysely's keeps a separate lock table and needs a
 * session-level lock, while here one transaction holds everything — the engine's lock, the
 * schema_migrations table, the pending migrations — so concurrent starts on PostgreSQL wait for
 * each other, and a failed migration leaves the database as it was.
 */

export interface MigrateOutcome {
  /** Versions applied by this call, oldest first; empty when the schema was up to date. */
  readonly applied: string[];
  /** The newest version the database now has. */
  readonly current: string | undefined;
}

/** Applies the migrations not yet recorded in schema_migrations. */
export async function runMigrations(
  db: Kysely<Database>,
  dialect: EngineDialect,
  migrations: readonly Migration[] = MIGRATIONS,
  /** Work that needs the schema up to date and must not run twice at once (the ready-made definitions). */
  afterMigrations?: (trx: Transaction<Database>) => Promise<void>,
): Promise<MigrateOutcome> {
  let current = "";
  try {
    const outcome = await db.transaction().execute(async (trx) => {
      await dialect.lockMigrations(trx);
      await sql
        .raw(
          `CREATE TABLE IF NOT EXISTS schema_migrations (
             version ${dialect.sqlTypes.text} PRIMARY KEY,
             applied_at ${dialect.sqlTypes.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
        )
        .execute(trx);
      const done = new Set(
        (await trx.selectFrom("schema_migrations").select("version").execute()).map((r) => r.version),
      );
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        current = migration.version;
        for (const statement of migration.statements(dialect)) await sql.raw(statement).execute(trx);
        await trx.insertInto("schema_migrations").values({ version: migration.version }).execute();
        applied.push(migration.version);
        done.add(migration.version);
      }
      if (afterMigrations) await afterMigrations(trx);
      return { applied, current: [...done].sort().at(-1) };
    });
    if (outcome.applied.length > 0) await dialect.settleMigrations(db);
    return outcome;
  } catch (error) {
    throw new DbError(
      "DB_MIGRATION_FAILED",
      "db.migration_failed",
      { version: current || "schema_migrations", reason: reasonOf(error) },
      { cause: error },
    );
  }
}
