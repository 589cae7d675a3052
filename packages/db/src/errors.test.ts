import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { errorText } from "@custra/core/errors";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { withDatabase } from "./dialects/postgres/index.ts";
import { DbError, isDbError } from "./errors.ts";
import { openDb } from "./open.ts";
import { createTestLocation } from "./testing/engines.ts";
import { PG_URL_KEY } from "./testing/names.ts";

const dir = mkdtempSync(path.join(tmpdir(), "custra-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<DbError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DbError) return error;
    throw error;
  }
  throw new Error("expected the database to fail to open");
}

describe("a DuckDB file held by another process", () => {
  let holder: ChildProcess | undefined;
  afterEach(async () => {
    if (holder && holder.exitCode === null) {
      holder.stdin?.end();
      await once(holder, "exit");
    }
  });

  it("fails with DB_LOCKED naming the holding process and what to do", async () => {
    const file = path.join(dir, "held.duckdb");
    holder = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "testing/hold-duckdb.ts"), file],
      {
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    const [ready] = await once(holder.stdout!, "data");
    expect(String(ready)).toContain("ready");

    const error = await failure(openDb(file));
    expect(error.code).toBe("DB_LOCKED");
    expect(error.message).toContain(file);
    expect(error.message).toContain(`PID ${holder.pid}`);
    expect(error.message).toContain("hold-duckdb.ts");
    expect(errorText(error, "zh-CN")).toContain("正被另一个进程占用");

    holder.stdin!.end();
    await once(holder, "exit");
    const handle = await openDb(file);
    await handle.close();
  });
});

describe("opening DuckDB", () => {
  it("creates the file's directory", async () => {
    const file = path.join(dir, "new", "sub", "custra.duckdb");
    const handle = await openDb(file);
    expect(handle.engine).toBe("duckdb");
    expect(handle.display).toBe(file);
    await handle.close();
  });

  it("reports a file that is not a database as DB_OPEN_FAILED", async () => {
    const error = await failure(openDb(path.join(import.meta.dirname, "errors.test.ts")));
    expect(error.code).toBe("DB_OPEN_FAILED");
  });
});

describe("opening PostgreSQL", () => {
  it("fails with DB_UNREACHABLE naming host and port when nothing listens", async () => {
    const error = await failure(openDb("postgres://postgres:secret@127.0.0.1:1/x"));
    expect(error.code).toBe("DB_UNREACHABLE");
    expect(error.message).toContain("127.0.0.1:1");
    expect(error.message).toMatch(/PostgreSQL is running/);
    expect(error.message).not.toContain("secret");
  });

  it("fails with DB_NOT_FOUND and the createdb command for a missing database", async () => {
    const missing = withDatabase(process.env[PG_URL_KEY]!, `custra_missing_${process.pid}`);
    const error = await failure(openDb(missing));
    expect(error.code).toBe("DB_NOT_FOUND");
    expect(error.message).toContain(
      `createdb -h 127.0.0.1 -p 5432 -U postgres custra_missing_${process.pid}`,
    );
  });

  it("creates a missing database when asked to", async () => {
    const place = await createTestLocation("postgres");
    await place.drop();
    const handle = await openDb(place.location, { createIfMissing: true });
    try {
      expect((await handle.migrate()).applied).toEqual([]);
    } finally {
      await handle.close();
      await place.drop();
    }
  });

  it("throws DbError instances that isDbError recognizes", async () => {
    const error = await failure(openDb("postgres://postgres@127.0.0.1:1/x"));
    expect(isDbError(error, "DB_UNREACHABLE")).toBe(true);
    expect(isDbError(error, "DB_LOCKED")).toBe(false);
    expect(isDbError(new Error("x"))).toBe(false);
  });
});
