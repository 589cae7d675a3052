/**
 * Vitest global setup: every run gets its own PostgreSQL database, so runs (and engineers) on
 * the same server never see each other's rows. A PostgreSQL that cannot be reached fails the
 * run — the PostgreSQL half of the tests must never be skipped silently.
 */
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, listDatabases, withDatabase } from "../dialects/postgres/index.ts";
import { reasonOf } from "../errors.ts";
import { PG_SERVER_KEY, PG_URL_KEY } from "./names.ts";

declare module "vitest" {
  export interface ProvidedContext {
    [PG_URL_KEY]: string;
  }
}

const DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = process.env[PG_SERVER_KEY] || DEFAULT_SERVER;
  const name = `custra_test_${timestamp(new Date())}_${process.pid}`;
  const url = withDatabase(server, name);
  try {
    await createDatabase(url);
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for the tests and could not be used at ${server}: ${reasonOf(error)}\n` +
        `Start PostgreSQL, or point ${PG_SERVER_KEY} at a server where this user may create databases.`,
      { cause: error },
    );
  }
  process.env[PG_URL_KEY] = url;
  project.provide(PG_URL_KEY, url);

  return async () => {
    // The run's database and every per-test database named after it (openTestDb's).
    const spawned = await listDatabases(server, `${name}_`);
    for (const database of [name, ...spawned]) await dropDatabase(withDatabase(server, database));
    // The run's shared DuckDB templates and their locks (sharedTemplate's).
    for (const entry of await readdir(tmpdir())) {
      if (entry.startsWith(`${name}_`))
        await rm(path.join(tmpdir(), entry), { recursive: true, force: true });
    }
  };
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}
