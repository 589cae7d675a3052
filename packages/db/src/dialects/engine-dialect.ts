import type { CompiledQuery, Kysely, Transaction } from "kysely";
import { markSourceError } from "../errors.ts";
import type { Engine } from "../location.ts";
import type { Database } from "../schema.ts";
import type { ClosingGate } from "./closing-gate.ts";

/**
 * One row for a bulk load: canonical text values ('YYYY-MM-DD', ISO instants, '1234.50', 'true',
 * JSON text), or plain numbers for numeric columns (written as numbers, never formatted and
 * parsed back); null is SQL NULL, "" an empty string.
 */
export type BulkRow = readonly (string | number | null)[];

/**
 * A query result by column, each column's values in row order: DOUBLE columns as a Float64Array
 * with NaN for NULL, others as the engine's driver gives them.
 */
export type Columns = Record<string, Float64Array | unknown[]>;

/** Staging columns that hold something other than text, by their SqlTypes name (`{ customer_id: "bigint" }`). */
export type StagingTypes = Readonly<Record<string, keyof SqlTypes>>;

export interface BulkLoadOptions {
  /** Text columns whose every value is null or one of these codes. */
  readonly codes?: Readonly<Record<string, readonly string[]>>;
}

/** Rows one at a time, or batches of rows as they arrive (e.g. from a file being parsed). */
export type RowSource = Iterable<BulkRow> | AsyncIterable<readonly BulkRow[]>;

/** The SQL type names the schema and the importer's casts use; only `json` differs today. */
export interface SqlTypes {
  readonly text: string;
  readonly smallint: string;
  readonly integer: string;
  readonly bigint: string;
  readonly decimal: string;
  /** Model outputs (probabilities, predicted values): binary floating point. */
  readonly double: string;
  readonly date: string;
  readonly timestamp: string;
  readonly boolean: string;
  readonly json: string;
}

export interface OpenOptions {
  /** Create a missing PostgreSQL database instead of failing with DB_NOT_FOUND. */
  readonly createIfMissing: boolean;
  /** Refuses the session's queries once its handle starts closing: Kysely's dialects go through `gate.guard`. */
  readonly gate: ClosingGate;
}

/** What a process holding a database's write lock says about itself, for the messages of those waiting. */
export interface WriteLockHolder {
  /** The writing work ("import", "analyze", "grade", "tasks", "demo"…). */
  readonly purpose: string;
  readonly pid: number;
  /** The address the holder connects from, when the engine knows it. */
  readonly host?: string;
  readonly since: Date;
}

export interface WriteLockRequest {
  /** What is about to write, shown to the processes that wait for it. */
  readonly purpose: string;
  /** How long to wait for another writer before failing with DB_BUSY. */
  readonly timeoutMs: number;
  /** Called once when another process holds the lock, before waiting for it. */
  readonly onWait?: (holder: WriteLockHolder | undefined) => void;
}

/** Gives a lock back. */
export type Release = () => Promise<void>;

/** An open database of one engine. */
export interface EngineSession {
  readonly db: Kysely<Database>;
  /** Connections for reads of committed data (see DbHandle.read). */
  readonly read: Kysely<Database>;
  /** See DbHandle.dataVersion. */
  dataVersion(): number | undefined;
  /** Appends text rows to `table` (casting each value to its column type) and returns how many. */
  bulkLoad(
    table: string,
    columns: readonly string[],
    rows: RowSource,
    options?: BulkLoadOptions,
  ): Promise<number>;
  /** Runs a query and returns its result column by column (see DbHandle.selectColumns). */
  selectColumns(query: CompiledQuery): Promise<Columns>;
  /** Loads a canonical CSV file (see DbHandle.copyCsv) with the engine's own CSV reader. */
  copyCsv(table: string, columns: readonly string[], file: string): Promise<number>;
  /**
   * Takes the database's write lock across processes, waiting at most `timeoutMs` for another
   * holder (then DB_BUSY). Writing work checks the database and then inserts (rows not there yet,
   * tasks not yet created, definitions not yet stored): two such jobs at once both find a row
   * missing and the second insert breaks a unique key (two imports of one customer file on
   * PostgreSQL ended with "duplicate key value violates unique constraint customers_code_key").
   * - PostgreSQL: many processes may open the database, so a session-level advisory lock, held on
   *   a connection of its own (not a pooled one, which would take the lock back to the pool), and
   *   ended by the server when the process dies, so a killed writer never keeps it.
   * - DuckDB: nothing to take: one process at a time opens the file (another gets DB_LOCKED, naming
   *   the holder), and writers within the process queue on the handle (write-lock.ts).
   */
  lockWrites(request: WriteLockRequest): Promise<Release>;
  /** The write lock if it is free right now, else undefined: for clean-ups that can wait for the next start. */
  tryLockWrites(purpose: string): Promise<Release | undefined>;
  /**
   * Creates a staging table (see DbHandle.createStagingTable) that does not outlive this session,
   * even when the process is killed (a killed PostgreSQL import left its 1.96M staged rows behind):
   * - DuckDB: a TEMP table, gone with the process.
   * - PostgreSQL: an UNLOGGED table marked as staging, not TEMP: the bulk load's COPY runs on
   *   another pooled connection than the SQL around it, and a temporary table is seen by its own
   *   connection only. Before it is created, the session takes an advisory lock named after it, held
   *   until it is dropped, so a staging table whose lock nobody holds belongs to a process that
   *   ended without dropping it; dropLeftoverStaging removes those.
   */
  createStagingTable(name: string, columns: readonly string[], types?: StagingTypes): Promise<void>;
  /** Drops a table (a staging table's lock with it). */
  dropTable(name: string): Promise<void>;
  /** Drops the staging tables of sessions that ended without dropping them; returns their names. */
  dropLeftoverStaging(): Promise<string[]>;
  /** Brings the planner's statistics of `tables` up to date (see DbHandle.refreshStatistics). */
  refreshStatistics(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** A database created for a test or a benchmark, removed by `drop`. */
export interface ScratchDatabase {
  readonly location: string;
  drop(): Promise<void>;
}

/**
 * Everything that differs between DuckDB and PostgreSQL. The rest of custra writes one SQL for
 * both; each engine folder under dialects/ implements this once.
 */
export interface EngineDialect {
  readonly engine: Engine;
  readonly sqlTypes: SqlTypes;
  /** Opens the database, turning the driver's failures into DbErrors the user can act on. */
  open(location: string, options: OpenOptions): Promise<EngineSession>;
  /** DDL for a scratch table of TEXT columns plus the source `line` (see handle.createStagingTable). */
  stagingTableSql(name: string, columns: readonly string[], types?: StagingTypes): string;
  /** Whether to build indexes that only speed up reads (DuckDB scans without them, and loads faster). */
  readonly analyticIndexes: boolean;
  /**
   * Whether the database itself enforces unique external ids. PostgreSQL does (many writers).
   * DuckDB is opened by one process at a time and every write goes through the importer, which
   * rejects duplicate ids in SQL before merging; there the unique index would only add ~70 % to
   * the cost of loading a million orders (BENCHMARKS.md).
   */
  readonly uniqueExternalIds: boolean;
  /**
   * Whether the tables custra writes in bulk and alone keep their key indexes: customer_grades
   * (one row per customer of a grade run) and tasks (unique per customer and occasion).
   * PostgreSQL does (many writers, lookups by key). On DuckDB the keys hold by construction: a
   * grade run grades each customer once, and tasks are only inserted by task generation's one
   * INSERT … WHERE NOT EXISTS, which runs alone on the handle's single connection (no other
   * process can open the file). There the indexes would cost more than the rows: on a million
   * customers, 0.3-0.5 s per grade run and 1.3 s of the 1.9 s inserting a first day's 473k tasks
   * (BENCHMARKS.md).
   */
  readonly bulkTableKeys: boolean;
  /**
   * DDL that makes `table` refuse UPDATE, DELETE and TRUNCATE, for the audit log. PostgreSQL does
   * it with a trigger: a bug or an injected statement in the application cannot rewrite history
   * (an owner who drops the trigger still can, which the hash chain then shows). DuckDB has no
   * triggers; there the file's one process is the application itself, and the chain is the guard.
   */
  appendOnlySql(table: string): string[];
  /** Holds off other processes migrating the same database until `trx` ends. */
  lockMigrations(trx: Transaction<Database>): Promise<void>;
  /**
   * Makes applied migrations durable on their own, after their transaction committed. DuckDB 1.5
   * cannot replay a write-ahead log holding `ALTER TABLE … ADD COLUMN` on a table whose defaults
   * call functions (nextval, current_timestamp): a process killed after such a migration and
   * before the next checkpoint left a database that no longer opened ("Failure while replaying
   * WAL file"). A checkpoint right after migrating writes them into the file.
   */
  settleMigrations(db: Kysely<Database>): Promise<void>;
  /**
   * A new empty database beside `base`: a file in the directory `base` (DuckDB), or a database
   * named `<base's database>_<suffix>` on base's server (PostgreSQL). With `template` (a closed
   * database of the same engine), it starts as a copy of that one instead.
   */
  createScratchDatabase(base: string, suffix: string, template?: string): Promise<ScratchDatabase>;
}

/** Double-quoted SQL identifier; both engines quote the same way. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Rows 0 … count − 1, made batch by batch as a bulk load takes them: a million rows made up front
 * would all live through the load (and be copied from V8's young generation to the old one).
 */
export async function* rowBatches(
  count: number,
  row: (i: number) => BulkRow,
  size = 8192,
): AsyncGenerator<readonly BulkRow[]> {
  for (let start = 0; start < count; start += size) {
    const end = Math.min(start + size, count);
    const batch: BulkRow[] = [];
    for (let i = start; i < end; i++) batch.push(row(i));
    yield batch;
  }
}

/**
 * The rows in batches of at most `size`, whichever shape the source has. An error the source
 * throws is marked as the source's (see isSourceError): the loader's own code runs outside this
 * generator, so nothing else reaches its catch.
 */
export async function* inBatches(rows: RowSource, size: number): AsyncGenerator<readonly BulkRow[]> {
  try {
    if (Symbol.asyncIterator in rows) {
      for await (const batch of rows) {
        if (batch.length <= size) yield batch;
        else for (let start = 0; start < batch.length; start += size) yield batch.slice(start, start + size);
      }
      return;
    }
    let batch: BulkRow[] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw markSourceError(error);
  }
}
