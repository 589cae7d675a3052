import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { loadDialect } from "../dialects/index.ts";
import type { Engine } from "../location.ts";
import { type DbHandle, type OpenDbOptions, openDb } from "../open.ts";
import { PG_URL_KEY } from "./names.ts";

/** Engine tests run once per engine: `for (const engine of ENGINES) describe(engine, …)`. */
export const ENGINES = ["duckdb", "postgres"] as const satisfies readonly Engine[];

/** A fresh, empty database location (nothing is created on DuckDB until it is opened). */
export interface TestLocation {
  readonly engine: Engine;
  /** What `--db` takes: a DuckDB file path or a PostgreSQL URL. */
  readonly location: string;
  drop(): Promise<void>;
}

export async function runDatabaseUrl(): Promise<string> {
  const fromEnv = process.env[PG_URL_KEY];
  if (fromEnv) return fromEnv;
  // Workers may be started before global setup set the variable; vitest's inject has it then.
  const { inject } = await import("vitest");
  const injected = inject(PG_URL_KEY);
  if (!injected)
    throw new Error(`${PG_URL_KEY} is not set: run the tests with vitest (see vitest.config.ts)`);
  return injected;
}

function suffix(): string {
  return `${process.pid}_${randomBytes(3).toString("hex")}`;
}

/** Where each engine's scratch databases go: a temporary directory, or beside the run's database. */
const SCRATCH_BASE: Readonly<Record<Engine, () => Promise<string>>> = {
  // Straight in the temporary directory: dropping the database removes its files, leaving nothing.
  duckdb: async () => tmpdir(),
  postgres: runDatabaseUrl,
};

/**
 * A new empty database: on DuckDB a file `custra_<pid>_<random>.duckdb` in the temporary directory, on PostgreSQL a database
 * named after the run's (`<run>_<pid>_<random>`), which global teardown drops if `drop` is not called.
 * With `template` (a closed database of this engine), a copy of it instead.
 */
export async function createTestLocation(engine: Engine, template?: string): Promise<TestLocation> {
  const scratch = await (await loadDialect(engine)).createScratchDatabase(
    await SCRATCH_BASE[engine](),
    suffix(),
    template,
  );
  return { engine, ...scratch };
}

export interface OpenTestDbOptions extends OpenDbOptions {
  /** Start from a copy of this closed database (see sharedTemplate) instead of an empty one. */
  readonly template?: string;
}

/** A migrated handle on a fresh database, empty or a template's copy; closing it also removes the database. */
export async function openTestDb(engine: Engine, options: OpenTestDbOptions = {}): Promise<DbHandle> {
  const { template, ...openOptions } = options;
  const where = await createTestLocation(engine, template);
  let handle: DbHandle;
  try {
    handle = await openDb(where.location, openOptions);
  } catch (error) {
    await where.drop();
    throw error;
  }
  return {
    ...handle,
    async close() {
      await handle.close();
      await where.drop();
    },
  };
}
