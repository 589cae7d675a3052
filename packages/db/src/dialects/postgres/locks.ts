import { hostname } from "node:os";
import pg from "pg";
import { DbError } from "../../errors.ts";
import { holderParams } from "../../write-lock-holder.ts";
import type { Release, WriteLockHolder, WriteLockRequest } from "../engine-dialect.ts";
import { custraTypes } from "./values.ts";

/*
 * custra's advisory locks, in the two-key form (pg_locks shows the keys as classid and objid):
 * the first key says which kind of lock, the second which one. Advisory locks belong to one
 * database, so "the write lock" is per database by itself. (Migrations take a transaction-level
 * lock of the one-key form, which never conflicts with these.)
 */
const WRITE_LOCK = [1668641652, 1] as const; // 'cust' as a 32-bit number
const STAGING_LOCK_KIND = 1668641653;

/** How often a waiting writer asks again; taking a free lock is one round trip. */
const POLL_MS = 200;

/**
 * The connection that holds a session's advisory locks: one plain client, opened when the first
 * lock is taken and kept until the session closes. Not a pooled connection: a session-level lock
 * stays with its connection, and the pool would hand the connection, lock and all, to other work
 * or close it when idle. When the process dies the server ends the connection and its locks.
 */
export class SessionLocks {
  #client: Promise<pg.Client> | undefined;

  constructor(readonly location: string) {}

  #connect(): Promise<pg.Client> {
    this.#client ??= (async () => {
      const client = new pg.Client({
        connectionString: this.location,
        types: custraTypes,
        connectionTimeoutMillis: 10_000,
        application_name: "custra",
      });
      // A dropped connection must not crash the process; its locks are gone with it.
      client.on("error", () => {});
      await client.connect();
      return client;
    })();
    return this.#client;
  }

  async #query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    const client = await this.#connect();
    return (await client.query<R>(text, values)).rows;
  }

  async lockWrites(request: WriteLockRequest): Promise<Release> {
    const started = Date.now();
    let told = false;
    for (;;) {
      const release = await this.tryLockWrites(request.purpose);
      if (release) return release;
      if (!told) {
        told = true;
        request.onWait?.(await this.writeLockHolder());
      }
      if (Date.now() - started >= request.timeoutMs) {
        const holder = await this.writeLockHolder();
        const seconds = Math.round(request.timeoutMs / 1000);
        throw holder
          ? new DbError("DB_BUSY", "db.busy", { ...holderParams(holder), seconds })
          : new DbError("DB_BUSY", "db.busy_unknown", { seconds });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async tryLockWrites(purpose: string): Promise<Release | undefined> {
    // Who holds the lock is told by the connection's application_name, which every other
    // session can read in pg_stat_activity: set before taking the lock, so it is there as soon as
    // the lock is held. (At most 63 bytes: the purpose is a short command name.)
    const name = `custra|${purpose}|${process.pid}|${Date.now()}|${hostname()}`.slice(0, 63);
    const [row] = await this.#query<{ locked: boolean }>(
      "SELECT set_config('application_name', $1, false), pg_try_advisory_lock($2, $3) AS locked",
      [name, ...WRITE_LOCK],
    );
    if (!row?.locked) return undefined;
    return async () => {
      await this.#query(
        "SELECT pg_advisory_unlock($1, $2), set_config('application_name', 'custra', false)",
        [...WRITE_LOCK],
      );
    };
  }

  /** The session holding the write lock, as it named itself; undefined when it just ended. */
  async writeLockHolder(): Promise<WriteLockHolder | undefined> {
    const [row] = await this.#query<{ name: string | null; host: string | null }>(
      `SELECT a.application_name AS name, host(a.client_addr) AS host
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
         AND l.classid = $1 AND l.objid = $2
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [...WRITE_LOCK],
    );
    // A role without the right to see other sessions reads NULLs there: then the holder is unknown.
    const [custra, purpose, pid, since, host] = (row?.name ?? "").split("|");
    if (custra !== "custra" || !purpose || !pid) return undefined;
    return {
      purpose,
      pid: Number(pid),
      since: new Date(Number(since)),
      ...hostOf(host || row?.host),
    };
  }

  /** Marks `table` as this session's staging table until unlockStaging; taken before it is created. */
  async lockStaging(table: string): Promise<void> {
    await this.#query("SELECT pg_advisory_lock($1, hashtext($2))", [STAGING_LOCK_KIND, table]);
  }

  async unlockStaging(table: string): Promise<void> {
    if (!this.#client) return;
    await this.#query("SELECT pg_advisory_unlock($1, hashtext($2))", [STAGING_LOCK_KIND, table]);
  }

  /**
   * Runs `work` holding the staging lock of `table` if nobody holds it, and says whether it did. A
   * staging table's session locks it before creating it and unlocks it after dropping it, so a
   * table whose lock is free has no living session. (Two names may share a hash: then a dead
   * table is left until the next start, a living one is never touched.)
   */
  async ifStagingUnheld(table: string, work: () => Promise<void>): Promise<boolean> {
    const [row] = await this.#query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked",
      [STAGING_LOCK_KIND, table],
    );
    if (!row?.locked) return false;
    try {
      await work();
    } finally {
      await this.unlockStaging(table);
    }
    return true;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client) await (await client.catch(() => undefined))?.end();
  }
}

function hostOf(host: string | null | undefined): { host?: string } {
  return host ? { host } : {};
}
