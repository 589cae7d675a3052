import {
  type DuckDBConnection,
  type DuckDBMaterializedResult,
  type DuckDBResult,
  ResultReturnType,
  StatementType,
} from "@duckdb/node-api";
import {
  ColumnNode,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type OperationNode,
  type QueryResult,
  TableNode,
  type TransactionSettings,
  type UpdateQueryNode,
} from "kysely";
import { toDuckDB, toJs } from "./values.ts";

/**
 * Kysely driver over one `@duckdb/node-api` connection. DuckDB allows one writing process per
 * file and a connection runs one statement at a time, so, like Kysely's SQLite driver, every
 * query and transaction takes the single connection through a mutex.
 */
export class DuckDBDriver implements Driver {
  readonly #connection: DuckDBKyselyConnection;
  readonly #mutex = new Mutex();
  #version = 0;
  /** Inside a transaction: whether it changed data (the version moves when it commits). */
  #transaction: { changed: boolean } | undefined;

  constructor(readonly raw: DuckDBConnection) {
    this.#connection = new DuckDBKyselyConnection(raw, (query) => this.#executed(query));
  }

  /**
   * A number that moves whenever data other than logs and bookkeeping (see UNVERSIONED) may have
   * changed: after each such statement outside a transaction, and at the commit of a transaction
   * that ran one. This connection is the only one that writes to the file (one process has it,
   * and the read connections only read), so a read cached under a version stays true until the
   * version moves.
   */
  get version(): number {
    return this.#version;
  }

  #executed(query: CompiledQuery): void {
    if (!changesData(query)) return;
    if (this.#transaction) this.#transaction.changed = true;
    else this.#version++;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  /**
   * Runs `work` with the raw connection while no Kysely query can use it (bulk appends, column
   * reads); `writes` says whether it may change data (then the version moves after it).
   */
  async exclusive<T>(work: (raw: DuckDBConnection) => Promise<T>, options: { writes: boolean }): Promise<T> {
    await this.#mutex.lock();
    try {
      return await work(this.raw);
    } finally {
      if (options.writes) this.#version++;
      this.#mutex.unlock();
    }
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await beginTransaction(connection, settings);
    this.#transaction = { changed: false };
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const changed = this.#transaction?.changed ?? false;
    this.#transaction = undefined;
    try {
      await commitTransaction(connection);
    } finally {
      if (changed) this.#version++;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#transaction = undefined;
    await rollbackTransaction(connection);
  }

  async destroy(): Promise<void> {
    // Waits for a running query so the connection is not closed under it.
    await this.#mutex.lock();
    this.raw.closeSync();
  }
}

/**
 * Kysely driver over a small pool of connections to one DuckDB instance, for reads: a request
 * served by the server must not wait behind an analysis that holds the main connection for
 * minutes. DuckDB runs queries of different connections at once and its MVCC gives each a
 * consistent snapshot of committed data, so a reader never sees a writer's uncommitted rows (nor
 * its TEMP staging tables, which belong to the main connection). Connections are made on first
 * use, so a CLI command that never reads through the pool never pays for one.
 */
export class DuckDBReadPoolDriver implements Driver {
  readonly #idle: DuckDBKyselyConnection[] = [];
  readonly #all: DuckDBKyselyConnection[] = [];
  readonly #waiting: ((connection: DuckDBKyselyConnection) => void)[] = [];
  #opening = 0;
  #destroyed = false;

  constructor(
    readonly connect: () => Promise<DuckDBConnection>,
    readonly size: number,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error("the DuckDB read pool is closed");
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#all.length + this.#opening < this.size) {
      this.#opening++;
      try {
        const connection = new DuckDBKyselyConnection(await this.connect());
        this.#all.push(connection);
        return connection;
      } finally {
        this.#opening--;
      }
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const next = this.#waiting.shift();
    if (next) next(connection as DuckDBKyselyConnection);
    else this.#idle.push(connection as DuckDBKyselyConnection);
  }

  beginTransaction = beginTransaction;
  commitTransaction = commitTransaction;
  rollbackTransaction = rollbackTransaction;

  async destroy(): Promise<void> {
    this.#destroyed = true;
    // Waits for queries still running, so no connection is closed under one.
    while (this.#idle.length < this.#all.length) {
      await new Promise<void>((resolve) =>
        this.#waiting.push((connection) => {
          this.#idle.push(connection);
          resolve();
        }),
      );
    }
    for (const connection of this.#all) connection.raw.closeSync();
  }
}

/** Transactions are the same on the writer's connection and on a read connection. */
async function beginTransaction(
  connection: DatabaseConnection,
  settings: TransactionSettings,
): Promise<void> {
  // DuckDB transactions are always snapshot isolated; asking for anything else is a programming error.
  if (settings.isolationLevel || settings.accessMode) {
    throw new Error("DuckDB does not support transaction isolation levels or access modes");
  }
  await connection.executeQuery(CompiledQuery.raw("BEGIN TRANSACTION"));
}

async function commitTransaction(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw("COMMIT"));
}

async function rollbackTransaction(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw("ROLLBACK"));
}

const WRITES = new Set<StatementType>([
  StatementType.INSERT,
  StatementType.UPDATE,
  StatementType.DELETE,
  StatementType.MERGE_INTO,
]);

/**
 * Tables whose writes change nothing a cached read shows: the audit log and jobs' progress.
 * Their own reads are never cached, so that a finished job is seen at once.
 */
const UNVERSIONED = new Set(["audit_log", "audit_head", "jobs"]);

/**
 * Columns that only keep time: a session's last-seen time and a token's last use. An update of
 * nothing else changes no cached read (a sign-in is cached, and must not be retired each minute
 * by its own last-seen time).
 */
const BOOKKEEPING: Readonly<Record<string, readonly string[]>> = {
  sessions: ["last_seen_at"],
  api_tokens: ["last_used_at"],
};

/** Statements that only read, by their first word (raw SQL: Kysely's builder names its kind). */
const READ_ONLY =
  /^\s*(SELECT|EXPLAIN|DESCRIBE|SHOW|PRAGMA|SUMMARIZE|BEGIN|COMMIT|ROLLBACK|SET|CHECKPOINT)\b/i;

/** Whether `query` may change data a cached read shows; when in doubt, yes. */
function changesData(query: CompiledQuery): boolean {
  const node = query.query;
  switch (node.kind) {
    case "SelectQueryNode":
      return false;
    case "InsertQueryNode":
      return !UNVERSIONED.has(tableName(node.into));
    case "UpdateQueryNode": {
      const table = tableName(node.table);
      return !UNVERSIONED.has(table) && !onlyBookkeeping(table, node);
    }
    case "DeleteQueryNode":
      return !(node.from.froms.length === 1 && UNVERSIONED.has(tableName(node.from.froms[0])));
    default:
      return !READ_ONLY.test(query.sql) || /\b(INSERT|UPDATE|DELETE|COPY)\b/i.test(query.sql);
  }
}

/** The name of the table `node` names, "" when it is not a plain table (a join, a subquery). */
function tableName(node: OperationNode | undefined): string {
  return node !== undefined && TableNode.is(node) ? node.table.identifier.name : "";
}

/** Whether an update of `table` sets bookkeeping columns only. */
function onlyBookkeeping(table: string, node: UpdateQueryNode): boolean {
  const columns = BOOKKEEPING[table];
  return (
    columns !== undefined &&
    (node.updates ?? []).every(
      (update) => ColumnNode.is(update.column) && columns.includes(update.column.column.name),
    )
  );
}

class DuckDBKyselyConnection implements DatabaseConnection {
  constructor(
    readonly raw: DuckDBConnection,
    /** Told of each statement once it has run (the writer counts its writes). */
    private readonly executed: (query: CompiledQuery) => void = () => {},
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const result = await this.raw.run(compiledQuery.sql, compiledQuery.parameters.map(toDuckDB));
      return toQueryResult<R>(result);
    } finally {
      // Also after a failure: a statement that failed midway may still have written in a transaction.
      this.executed(compiledQuery);
    }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.raw.stream(compiledQuery.sql, compiledQuery.parameters.map(toDuckDB));
    const json = jsonColumns(result);
    let rows: R[] = [];
    for await (const batch of result.yieldConvertedRowObjects(toJs)) {
      for (const row of batch) {
        rows.push(parseJson(row, json) as R);
        if (rows.length >= chunkSize) {
          yield { rows };
          rows = [];
        }
      }
    }
    if (rows.length > 0) yield { rows };
  }
}

async function toQueryResult<R>(result: DuckDBMaterializedResult): Promise<QueryResult<R>> {
  let rows: R[] = [];
  if (result.returnType === ResultReturnType.QUERY_RESULT) {
    const json = jsonColumns(result);
    rows = (await result.convertRowObjects(toJs)).map((row) => parseJson(row, json) as R);
  }
  if (!WRITES.has(result.statementType)) return { rows };
  // With RETURNING, DuckDB reports the returned rows but no change count.
  const changed = result.returnType === ResultReturnType.CHANGED_ROWS ? result.rowsChanged : rows.length;
  return { rows, numAffectedRows: BigInt(changed) };
}

/**
 * JSON columns, which must be parsed to match pg's jsonb. Only the result's column types carry
 * the JSON alias; the vectors the converter sees are plain VARCHAR.
 */
function jsonColumns(result: DuckDBResult): string[] {
  const names = result.deduplicatedColumnNames();
  return names.filter((_, i) => result.columnType(i).alias === "JSON");
}

function parseJson(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  for (const column of columns) {
    const text = row[column];
    if (typeof text === "string") row[column] = JSON.parse(text);
  }
  return row;
}

class Mutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}
