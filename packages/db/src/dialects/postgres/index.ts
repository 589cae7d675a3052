import { userInfo } from "node:os";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { DbError, reasonOf } from "../../errors.ts";
import type { Database } from "../../schema.ts";
import {
  type Columns,
  type EngineDialect,
  type EngineSession,
  quoteIdent,
  type SqlTypes,
} from "../engine-dialect.ts";
import { postgresBulkLoad, postgresCopyCsv } from "./bulk-load.ts";
import { SessionLocks } from "./locks.ts";
import { custraTypes } from "./values.ts";

const sqlTypes: SqlTypes = {
  text: "TEXT",
  smallint: "SMALLINT",
  integer: "INTEGER",
  bigint: "BIGINT",
  decimal: "DECIMAL(18,2)",
  double: "DOUBLE PRECISION",
  date: "DATE",
  timestamp: "TIMESTAMPTZ",
  boolean: "BOOLEAN",
  // jsonb: stored parsed, comparable and indexable; pg parses it back like json.
  json: "JSONB",
};

/**
 * The comment that marks custra's staging tables, so that leftovers are found whatever their
 * name. Tables of custra before the mark (named _stage_… and __custra_task…) are found by name.
 */
const STAGING_MARK = "custra staging table";

/** double precision: returned like DuckDB's DOUBLE columns, as a Float64Array (see Columns). */
const FLOAT8_OID = 701;

export const postgresDialect: EngineDialect = {
  engine: "postgres",
  sqlTypes,
  analyticIndexes: true,
  uniqueExternalIds: true,
  bulkTableKeys: true,
  appendOnlySql: (table) => [
    `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${table} is append-only: % refused', TG_OP;
    END
    $$`,
    `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
  ],

  async open(location, { createIfMissing, gate }): Promise<EngineSession> {
    const pool = createPool(location);
    try {
      // The pool connects lazily; connecting now reports a wrong address before anything runs.
      (await pool.connect()).release();
    } catch (error) {
      await pool.end().catch(() => {});
      if (pgCode(error) === "3D000" && createIfMissing) {
        await createDatabase(location);
        return postgresDialect.open(location, { createIfMissing: false, gate });
      }
      throw connectError(error, location);
    }
    const db = new Kysely<Database>({
      dialect: gate.guard(new PostgresDialect({ pool: overloadAware(pool) })),
    });
    const locks = new SessionLocks(location);
    return {
      db,
      // The pool already gives each query a connection of its own.
      read: db,
      // Other processes may write to the same database, unseen here: no read may be cached.
      dataVersion: () => undefined,
      lockWrites: (request) => locks.lockWrites(request),
      tryLockWrites: (purpose) => locks.tryLockWrites(purpose),
      async createStagingTable(name, columns, types) {
        await locks.lockStaging(name);
        try {
          await sql.raw(postgresDialect.stagingTableSql(name, columns, types)).execute(db);
          await sql.raw(`COMMENT ON TABLE ${quoteIdent(name)} IS '${STAGING_MARK}'`).execute(db);
        } catch (error) {
          await locks.unlockStaging(name);
          throw error;
        }
      },
      async dropTable(name) {
        await sql.raw(`DROP TABLE IF EXISTS ${quoteIdent(name)}`).execute(db);
        await locks.unlockStaging(name);
      },
      async refreshStatistics(tables) {
        if (tables.length > 0) await sql.raw(`ANALYZE ${tables.map(quoteIdent).join(", ")}`).execute(db);
      },
      async dropLeftoverStaging() {
        const { rows } = await sql<{ name: string }>`
          SELECT c.relname AS name FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
          WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relpersistence = 'u'
            AND (d.description = ${STAGING_MARK} OR c.relname LIKE ${"_stage_%"} OR c.relname LIKE ${"__custra_task%"})
          ORDER BY 1`.execute(db);
        const dropped: string[] = [];
        for (const { name } of rows) {
          const unheld = await locks.ifStagingUnheld(name, async () => {
            await sql.raw(`DROP TABLE IF EXISTS ${quoteIdent(name)}`).execute(db);
          });
          if (unheld) dropped.push(name);
        }
        return dropped;
      },
      bulkLoad: (table, columns, rows) => postgresBulkLoad(pool, table, columns, rows),
      copyCsv: (table, columns, file) => postgresCopyCsv(pool, table, columns, file),
      async selectColumns(query) {
        // Rows as arrays: no object per row, then one array per column.
        const result = await pool.query({ text: query.sql, values: [...query.parameters], rowMode: "array" });
        const columns: Columns = {};
        result.fields.forEach((field, index) => {
          if (field.dataTypeID === FLOAT8_OID) {
            columns[field.name] = Float64Array.from(
              result.rows,
              (row: unknown[]) => (row[index] as number | null) ?? Number.NaN,
            );
          } else columns[field.name] = result.rows.map((row: unknown[]) => row[index]);
        });
        return columns;
      },
      async close() {
        await locks.close();
        // The pool is ended, not the Kysely instance: a query after closing then still meets the
        // gate's DB_CLOSED instead of Kysely's "driver has already been destroyed".
        await pool.end();
      },
    };
  },

  stagingTableSql(name, columns, types = {}) {
    // UNLOGGED: scratch rows need no WAL. Not TEMP: COPY may run on another pooled connection
    // (see EngineSession.createStagingTable for how a killed session's table is removed).
    // `line` numbers rows from 2 by itself when a CSV is copied in without it (copyCsv).
    const defs = [
      "line INTEGER GENERATED BY DEFAULT AS IDENTITY (START WITH 2)",
      ...columns.map((c) => `${quoteIdent(c)} ${sqlTypes[types[c] ?? "text"]}`),
    ];
    return `CREATE UNLOGGED TABLE ${quoteIdent(name)} (${defs.join(", ")})`;
  },

  async lockMigrations(trx) {
    await sql`SELECT pg_advisory_xact_lock(hashtext('custra.schema_migrations'))`.execute(trx);
  },

  async settleMigrations() {
    // A committed transaction is durable in PostgreSQL's WAL, which replays every DDL.
  },

  async createScratchDatabase(base, suffix, template) {
    const location = withDatabase(base, `${serverOf(base).database}_${suffix}`);
    await createDatabase(location, template);
    return { location, drop: () => dropDatabase(location) };
  },
};

/** How long a query waits for a free connection of the pool (or a new one) before it fails. */
const CONNECT_TIMEOUT_MS = 10_000;

export function createPool(location: string, max = 10, connectTimeoutMs = CONNECT_TIMEOUT_MS): pg.Pool {
  const pool = new pg.Pool({
    connectionString: location,
    types: custraTypes,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: "custra",
    // Sessions in UTC, like DuckDB's: casts of zone-less text and timestamp→date agree.
    options: "-c TimeZone=UTC",
  });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  return pool;
}

/**
 * The pool as Kysely asks it for connections, a wait for a free one that runs out said as
 * DB_OVERLOADED (a server answers 503, "try again shortly") instead of the driver's bare
 * "timeout exceeded when trying to connect", which a server could only answer as its own fault.
 * With connections still free the same timeout means the database did not answer: it stays the
 * driver's error.
 */
export function overloadAware(pool: pg.Pool): Pick<pg.Pool, "connect" | "end"> {
  return {
    connect: async () => {
      try {
        return await pool.connect();
      } catch (error) {
        const max = pool.options.max ?? 10;
        if (/timeout exceeded when trying to connect/i.test(reasonOf(error)) && pool.totalCount >= max) {
          const seconds = (pool.options.connectionTimeoutMillis ?? CONNECT_TIMEOUT_MS) / 1000;
          throw new DbError(
            "DB_OVERLOADED",
            "db.overloaded",
            { connections: max, seconds },
            { cause: error },
          );
        }
        throw error;
      }
    },
    end: () => pool.end(),
  } as Pick<pg.Pool, "connect" | "end">;
}

interface Server {
  host: string;
  port: string;
  user: string;
  database: string;
}

export function serverOf(location: string): Server {
  const url = new URL(location);
  const user = decodeURIComponent(url.username) || process.env.PGUSER || userInfo().username;
  return {
    host:
      decodeURIComponent(url.hostname) || url.searchParams.get("host") || process.env.PGHOST || "localhost",
    port: url.port || process.env.PGPORT || "5432",
    user,
    database: decodeURIComponent(url.pathname.slice(1)) || process.env.PGDATABASE || user,
  };
}

/** The same server URL naming another database. */
export function withDatabase(location: string, database: string): string {
  const url = new URL(location);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Runs `work` on a short-lived connection to the server's maintenance database. */
async function onServer(location: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({
    connectionString: withDatabase(location, "postgres"),
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw connectError(error, location);
  }
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A new database at `location`: empty, or a copy of the database at `template` (no one may be connected to it). */
export async function createDatabase(location: string, template?: string): Promise<void> {
  const { database } = serverOf(location);
  const from = template ? ` TEMPLATE ${quoteIdent(serverOf(template).database)}` : "";
  await onServer(location, async (client) => {
    await client.query(`CREATE DATABASE ${quoteIdent(database)}${from}`);
  });
}

export async function dropDatabase(location: string): Promise<void> {
  const { database } = serverOf(location);
  await onServer(location, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  });
}

/** Names of the server's databases that start with `prefix`. */
export async function listDatabases(location: string, prefix: string): Promise<string[]> {
  const names: string[] = [];
  await onServer(location, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1",
      [prefix],
    );
    names.push(...rows.map((row) => row.datname));
  });
  return names;
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57P03", // the server is starting up or shutting down
]);

function pgCode(error: unknown): string | undefined {
  if (error instanceof AggregateError) return pgCode(error.errors[0]) ?? (error as { code?: string }).code;
  return typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined;
}

function connectError(error: unknown, location: string): DbError {
  const { host, port, user, database } = serverOf(location);
  const code = pgCode(error);
  const reason = reasonOf(error);
  if (code === "3D000") {
    return new DbError("DB_NOT_FOUND", "db.not_found", { host, port, user, database }, { cause: error });
  }
  if (code === "28P01" || code === "28000") {
    return new DbError("DB_AUTH_FAILED", "db.auth_failed", { host, port, user, reason }, { cause: error });
  }
  if ((code !== undefined && UNREACHABLE.has(code)) || /timeout|terminated/i.test(reason)) {
    return new DbError("DB_UNREACHABLE", "db.unreachable", { host, port, reason }, { cause: error });
  }
  if (error instanceof DbError) return error;
  return new DbError("DB_UNREACHABLE", "db.unreachable", { host, port, reason }, { cause: error });
}
