import {
  type DuckDBConnection,
  type DuckDBMaterializedResult,
  type DuckDBResult,
  ResultReturnType,
  StatementType,
} from "@duckdb/node-api";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
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

  constructor(readonly raw: DuckDBConnection) {
    this.#connection = new DuckDBKyselyConnection(raw);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  /** Runs `work` with the raw connection while no Kysely query can use it (bulk appends). */
  async exclusive<T>(work: (raw: DuckDBConnection) => Promise<T>): Promise<T> {
    await this.#mutex.lock();
    try {
      return await work(this.raw);
    } finally {
      this.#mutex.unlock();
    }
  }

  beginTransaction = beginTransaction;
  commitTransaction = commitTransaction;
  rollbackTransaction = rollbackTransaction;

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

class DuckDBKyselyConnection implements DatabaseConnection {
  constructor(readonly raw: DuckDBConnection) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.raw.run(compiledQuery.sql, compiledQuery.parameters.map(toDuckDB));
    return toQueryResult<R>(result);
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
