import type { CompiledQuery, Kysely } from "kysely";
import { seedBuiltinDefinitions } from "./definitions.repository.ts";
import { ClosingGate } from "./dialects/closing-gate.ts";
import type {
  BulkLoadOptions,
  Columns,
  EngineSession,
  RowSource,
  SqlTypes,
  StagingTypes,
} from "./dialects/engine-dialect.ts";
import { loadDialect } from "./dialects/index.ts";
import { type Engine, type Location, resolveLocation } from "./location.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import { type MigrateOutcome, runMigrations } from "./migrator.ts";
import { removeUnfinishedRuns } from "./runs.repository.ts";
import type { Database } from "./schema.ts";
import { type WithWriteLock, type WriteLockOptions, writeLockOf } from "./write-lock.ts";

export interface OpenDbOptions {
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean;
  /**
   * Create a missing PostgreSQL database (default false: a typo in the URL should not quietly
   * give an empty database; the error names the `createdb` command instead).
   */
  readonly createIfMissing?: boolean;
  /** How writers wait for each other (see withWriteLock). */
  readonly writeLock?: WriteLockOptions;
}

export interface DbHandle {
  readonly engine: Engine;
  /** The PostgreSQL URL or the absolute DuckDB path. */
  readonly location: string;
  /** The location with any password masked, for messages and logs. */
  readonly display: string;
  readonly db: Kysely<Database>;
  /**
   * For queries that only read committed data and must not wait for a long write: what a server's
   * requests read through. On DuckDB a small pool of connections beside `db`'s one (which a
   * running analysis or import holds); on PostgreSQL the same pool as `db`. It never sees work
   * not yet committed on `db`, nor staging tables.
   */
  readonly read: Kysely<Database>;
  /**
   * A number that moves whenever committed data may have changed (writes to the audit log,
   * sessions, tokens' last use and jobs' progress aside), for caching reads: a read made under one
   * version still holds while the version is the same. On DuckDB, where this process is the only
   * one with the file, every write is seen. Undefined on PostgreSQL, where other processes write
   * too: nothing may be cached there.
   */
  dataVersion(): number | undefined;
  /** SQL type names for casts in hand-written SQL, e.g. `CAST(s.tags AS ${handle.sqlTypes.json})`. */
  readonly sqlTypes: SqlTypes;
  /**
   * Loads rows of canonical text ('YYYY-MM-DD', ISO 8601 instants, '1234.50', 'true', JSON text,
   * null for NULL) into `columns` of `table`, each value cast to its column's type; columns not
   * named take their defaults. All or nothing: a failure loads no row. Returns the row count.
   * Not for use inside a transaction of this handle (on DuckDB it would wait for it forever).
   * Numbers may be given as numbers. `options.codes` names text columns whose values all come from
   * a known list (segment codes…); DuckDB then takes them as a dictionary instead of string by string.
   */
  bulkLoad(
    table: string,
    columns: readonly string[],
    rows: RowSource,
    options?: BulkLoadOptions,
  ): Promise<number>;
  /**
   * Runs a query and returns its result column by column: for results of a row per customer,
   * where building a million row objects would cost more than the query. Values come as the
   * driver gives them, so cast in SQL to the type wanted — DOUBLE (sqlTypes.double) for numbers,
   * TEXT for dates and codes — for the same values on both engines.
   */
  selectColumns(query: CompiledQuery): Promise<Columns>;
  /**
   * Loads a CSV file that custra wrote itself (UTF-8, comma-separated, RFC 4180 quoting, a header
   * naming `columns` in file order, empty for NULL, one line per record) into a staging table,
   * numbering each row's `line` from 2 as the importer does. The engine's native CSV reader does
   * the parsing (DuckDB read_csv, PostgreSQL COPY … CSV): many times faster than parsing in
   * JavaScript, and only for files that need no validation. Returns the row count.
   */
  copyCsv(table: string, columns: readonly string[], file: string): Promise<number>;
  /**
   * Creates a scratch table of `columns` after an INTEGER `line` (the source line), for staging
   * imported rows before merging them with SQL. Columns are TEXT unless `types` says otherwise:
   * a number staged in a numeric column is appended as it is, not as text to cast. Drop it with
   * `dropTable` when done. A staging table does not outlive the process: one a killed process
   * left is dropped at the next start (EngineSession.createStagingTable).
   */
  createStagingTable(name: string, columns: readonly string[], types?: StagingTypes): Promise<void>;
  dropTable(name: string): Promise<void>;
  /**
   * Tells the query planner about rows just written (an import, a run's rows, a day's tasks):
   * the statistics of each table given with at least BULK_WRITE_ROWS written are brought up to
   * date. PostgreSQL plans from sampled statistics that autovacuum refreshes only a while later:
   * until then a table loaded with a million rows looks empty, and the customer list on it took
   * 9.2 s instead of 1.9 s. Fewer rows do not change a table's shape; autovacuum sees to them.
   * DuckDB keeps its statistics as it writes: nothing to do. Outside a transaction of this handle.
   */
  refreshStatistics(written: readonly { table: string; rows: number }[]): Promise<void>;
  /**
   * Runs `work` as the database's only writer (see write-lock.ts): waits for another writer to
   * finish, or fails with DB_BUSY after the timeout. `purpose` names the work for those waiting.
   */
  withWriteLock: WithWriteLock;
  /**
   * Applies pending migrations (openDb does this unless told not to), then cleans up after
   * processes that died mid-write: their staging tables and the rows of runs they never recorded.
   */
  migrate(): Promise<MigrateOutcome>;
  /**
   * Refuses new work at once (DB_CLOSED, see ClosingGate), also that of callers still waiting for a
   * connection, waits for the queries running, then closes. A second call waits for the first.
   */
  close(): Promise<void>;
}

/** Rows written to a table from which its planner statistics are refreshed (DbHandle.refreshStatistics). */
export const BULK_WRITE_ROWS = 10_000;

/**
 * Opens the database at `location` (a resolved Location, or a `--db` value) and migrates it.
 * Failures the user can fix (file locked, server down, database missing) throw a DbError.
 */
export async function openDb(location: Location | string, options: OpenDbOptions = {}): Promise<DbHandle> {
  const where = typeof location === "string" ? resolveLocation(location) : location;
  const dialect = await loadDialect(where.engine);
  const gate = new ClosingGate();
  const session = await dialect.open(where.location, {
    createIfMissing: options.createIfMissing ?? false,
    gate,
  });
  const { db } = session;
  let closing: Promise<void> | undefined;
  /** Work outside Kysely (bulk loads, column reads) is refused like queries once closing has begun. */
  const gated = async <T>(work: () => Promise<T>): Promise<T> => {
    gate.check();
    return work();
  };
  const handle: DbHandle = {
    engine: where.engine,
    location: where.location,
    display: where.display,
    db,
    read: session.read,
    dataVersion: () => session.dataVersion(),
    sqlTypes: dialect.sqlTypes,
    bulkLoad: (table, columns, rows, options) => gated(() => session.bulkLoad(table, columns, rows, options)),
    copyCsv: (table, columns, file) => gated(() => session.copyCsv(table, columns, file)),
    selectColumns: (query) => gated(() => session.selectColumns(query)),
    createStagingTable: (name, columns, types) => session.createStagingTable(name, columns, types),
    dropTable: (name) => session.dropTable(name),
    refreshStatistics: (written) =>
      session.refreshStatistics(
        written.filter(({ rows }) => rows >= BULK_WRITE_ROWS).map(({ table }) => table),
      ),
    withWriteLock: writeLockOf(session, options.writeLock),
    async migrate() {
      const outcome = await runMigrations(db, dialect, MIGRATIONS, (trx) =>
        seedBuiltinDefinitions(trx).then(() => undefined),
      );
      await cleanUpAfterCrashes(handle, session);
      return outcome;
    },
    close() {
      if (!closing) {
        gate.close();
        closing = session.close();
      }
      return closing;
    },
  };
  if (options.migrate ?? true) {
    try {
      await handle.migrate();
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/**
 * The handle with `db` on its read connections: for code that takes a handle and only reads
 * committed data (an engine query behind a request), so that it does not wait for a long write.
 * Bulk loads and column reads still go through the handle's own connection.
 */
export function forReading(handle: DbHandle): DbHandle {
  return { ...handle, db: handle.read };
}

/** Applies the handle's pending migrations: what `custra db migrate` runs. */
export function migrate(handle: DbHandle): Promise<MigrateOutcome> {
  return handle.migrate();
}

/**
 * What a process killed mid-write leaves, removed at the next start: its staging tables (those no
 * living session holds) and the rows of runs it never recorded (only when no writer runs now: the
 * write lock is taken if free, else the next start does it). Both are cheap to look for: a catalog
 * query and the few rows of run_writes.
 */
async function cleanUpAfterCrashes(handle: DbHandle, session: EngineSession): Promise<void> {
  await session.dropLeftoverStaging();
  const unfinished = await handle.db.selectFrom("run_writes").select("run_id").limit(1).executeTakeFirst();
  if (!unfinished) return;
  const release = await session.tryLockWrites("recover");
  if (!release) return;
  try {
    await removeUnfinishedRuns(handle);
  } finally {
    await release();
  }
}
