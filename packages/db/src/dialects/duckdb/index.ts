import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { type DuckDBDataChunk, DuckDBInstance, type DuckDBResult, DuckDBTypeId } from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";
import { Kysely, sql } from "kysely";
import { DbError, reasonOf } from "../../errors.ts";
import type { Database } from "../../schema.ts";
import {
  type Columns,
  type EngineDialect,
  type EngineSession,
  quoteIdent,
  type SqlTypes,
} from "../engine-dialect.ts";
import { duckdbBulkLoad } from "./bulk-load.ts";
import { DuckDBDialect } from "./dialect.ts";
import { DuckDBDriver, DuckDBReadPoolDriver } from "./driver.ts";
import { toDuckDB, toJs } from "./values.ts";

const sqlTypes: SqlTypes = {
  text: "TEXT",
  smallint: "SMALLINT",
  integer: "INTEGER",
  bigint: "BIGINT",
  decimal: "DECIMAL(18,2)",
  double: "DOUBLE",
  date: "DATE",
  // TIMESTAMPTZ, not TIMESTAMP: DuckDB's cast of "…+08:00" text to TIMESTAMP drops the offset.
  timestamp: "TIMESTAMPTZ",
  boolean: "BOOLEAN",
  json: "JSON",
};

/**
 * Read connections beside the main one. The machines here have 2 cores and DuckDB parallelises
 * each query itself, so a few connections are enough to keep reads from queueing behind a long
 * write; more would only compete for the same cores.
 */
const READERS = 4;

export const duckdbDialect: EngineDialect = {
  engine: "duckdb",
  sqlTypes,
  analyticIndexes: false,
  uniqueExternalIds: false,
  bulkTableKeys: false,
  appendOnlySql: () => [],

  async open(location: string, { gate }): Promise<EngineSession> {
    if (location !== ":memory:") mkdirSync(path.dirname(location), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location);
    } catch (error) {
      throw openError(error, location);
    }
    const connect = async () => {
      const raw = await instance.connect();
      // Dates and casts of zone-less text must not depend on the machine's time zone.
      await raw.run("SET TimeZone = 'UTC'");
      return raw;
    };
    const driver = new DuckDBDriver(await connect());
    const db = new Kysely<Database>({ dialect: gate.guard(new DuckDBDialect(driver)) });
    const readers = new DuckDBReadPoolDriver(connect, READERS);
    const read = new Kysely<Database>({ dialect: gate.guard(new DuckDBDialect(readers)) });
    return {
      db,
      read,
      dataVersion: () => driver.version,
      bulkLoad: (table, columns, rows, options) => duckdbBulkLoad(driver, table, columns, rows, options),
      selectColumns: (query) =>
        driver.exclusive(
          async (raw) => readColumns(await raw.stream(query.sql, query.parameters.map(toDuckDB))),
          {
            writes: false,
          },
        ),
      async copyCsv(table, columns, file) {
        const names = columns.map(quoteIdent).join(", ");
        const types = columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(", ");
        const result = await sql
          .raw(
            `INSERT INTO ${quoteIdent(table)} (line, ${names})
             SELECT CAST(row_number() OVER () AS INTEGER) + 1, ${names}
             FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"',
                           escape = '"', columns = {${types}})`,
          )
          .execute(db);
        return Number(result.numAffectedRows ?? 0n);
      },
      // One process has the file (see EngineSession.lockWrites): no other can be writing.
      lockWrites: async () => async () => {},
      tryLockWrites: async () => async () => {},
      async createStagingTable(name, columns, types) {
        await sql.raw(duckdbDialect.stagingTableSql(name, columns, types)).execute(db);
      },
      async dropTable(name) {
        await sql.raw(`DROP TABLE IF EXISTS ${quoteIdent(name)}`).execute(db);
      },
      // Staging tables are TEMP: a killed process takes them with it.
      dropLeftoverStaging: async () => [],
      // DuckDB keeps each column's statistics up to date as it writes.
      refreshStatistics: async () => {},
      // The drivers are closed, not the Kysely instances: a query after closing then still meets
      // the gate's DB_CLOSED instead of Kysely's "driver has already been destroyed".
      async close() {
        await readers.destroy();
        await driver.destroy();
        instance.closeSync();
      },
    };
  },

  stagingTableSql(name, columns, types = {}) {
    // Temporary: kept in memory (spilling to disk if needed) and appended to ~2.5x faster; the
    // handle's single connection is the only one that needs to see it.
    const defs = ["line INTEGER", ...columns.map((c) => `${quoteIdent(c)} ${sqlTypes[types[c] ?? "text"]}`)];
    return `CREATE TEMP TABLE ${quoteIdent(name)} (${defs.join(", ")})`;
  },

  async lockMigrations() {
    // One process at a time can open the file for writing, so nobody else can be migrating it.
  },

  async settleMigrations(db) {
    await sql`CHECKPOINT`.execute(db);
  },

  async createScratchDatabase(base, suffix, template) {
    const location = path.join(base, `custra_${suffix}.duckdb`);
    if (template) {
      copyFileSync(template, location);
      if (existsSync(`${template}.wal`)) copyFileSync(`${template}.wal`, `${location}.wal`);
    }
    return {
      location,
      async drop() {
        rmSync(location, { force: true });
        rmSync(`${location}.wal`, { force: true });
      },
    };
  },
};

const LOCK_HOLDER = /Conflicting lock is held in (.*?) \(PID (\d+)\)/;

function openError(error: unknown, location: string): DbError {
  const reason = reasonOf(error);
  if (/Could not set lock on file/i.test(reason)) {
    const holder = LOCK_HOLDER.exec(reason);
    if (!holder) return new DbError("DB_LOCKED", "db.locked_unknown", { path: location }, { cause: error });
    const pid = holder[2]!;
    const command = commandLine(pid) ?? holder[1]!;
    return new DbError("DB_LOCKED", "db.locked", { path: location, pid, command }, { cause: error });
  }
  return new DbError("DB_OPEN_FAILED", "db.open_failed", { path: location, reason }, { cause: error });
}

/** The holder's full command line, which says more than DuckDB's executable name ("node"). */
function commandLine(pid: string): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return text || undefined;
  } catch {
    return undefined;
  }
}

/** A SQL string literal (read_csv takes its file and column names as literals, not parameters). */
function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A result by column. DOUBLE columns are copied straight out of DuckDB's vectors into a
 * Float64Array (NaN for NULL): converting a million-row summary value by value through the
 * generic converter took 10 s of its 15. Other columns go through the usual converter. The result
 * is streamed and each chunk converted as it comes, so a large result is not held twice (DuckDB's
 * chunks and the columns) at the peak: ~0.3 GB less for the million-customer summary.
 */
async function readColumns(result: DuckDBResult): Promise<Columns> {
  const names = result.deduplicatedColumnNames();
  const isDouble = names.map((_, index) => result.columnType(index).typeId === DuckDBTypeId.DOUBLE);
  const doubles = names.map(() => new Float64Array(4096));
  const others = names.map((): unknown[] => []);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    // rowCount is a native call: read it once per chunk, not once per value.
    const count = chunk?.rowCount ?? 0;
    if (!chunk || count === 0) break;
    names.forEach((_, index) => {
      if (!isDouble[index]) {
        for (const value of chunk.convertColumnValues(index, toJs)) others[index]!.push(value);
        return;
      }
      let out = doubles[index]!;
      if (rows + count > out.length) {
        const grown = new Float64Array(Math.max(2 * out.length, rows + count));
        grown.set(out.subarray(0, rows));
        out = grown;
        doubles[index] = out;
      }
      copyDoubles(chunk, index, count, out, rows);
    });
    rows += count;
  }
  const columns: Columns = {};
  names.forEach((name, index) => {
    columns[name] = isDouble[index] ? doubles[index]!.subarray(0, rows) : others[index]!;
  });
  return columns;
}

/**
 * A DOUBLE column of a result chunk into `out` from `at`, NULL as NaN. The vector's values are
 * copied in one go and its validity mask read as bytes, through the C API's bindings (which
 * @duckdb/node-api is built on): node-api's getItem tests each value's bit with BigInt arithmetic,
 * half a second per million-row query of a few columns.
 */
function copyDoubles(
  chunk: DuckDBDataChunk,
  index: number,
  count: number,
  out: Float64Array,
  at: number,
): void {
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, index);
  const data = duckdb.vector_get_data(vector, count * Float64Array.BYTES_PER_ELEMENT);
  out.set(new Float64Array(data.buffer, data.byteOffset, count), at);
  // One bit per row, set when the value is valid; no mask at all when every value is.
  const valid = duckdb.vector_get_validity(vector, Math.ceil(count / 64) * 8);
  if (!valid) return;
  for (let i = 0; i < count; i++) {
    if (((valid[i >> 3]! >> (i & 7)) & 1) === 0) out[at + i] = Number.NaN;
  }
}
