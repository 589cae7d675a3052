/**
 * A database built once per test run and copied for every test file that asks for it. Building
 * the demo company and analysing it took most of each browser test file's time, and every file
 * wants the same one. Whichever worker asks first builds it while the others wait; each file then
 * opens its own copy (openTestDb's `template`), so what one file changes no other file sees.
 */
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createDatabase, serverOf, withDatabase } from "../dialects/postgres/index.ts";
import { reasonOf } from "../errors.ts";
import type { Engine } from "../location.ts";
import { type DbHandle, openDb } from "../open.ts";
import { runDatabaseUrl } from "./engines.ts";

/** How long a worker waits for another one's build before it gives up. */
const BUILD_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 250;

const templates = new Map<string, Promise<string>>();

/**
 * The location of the run's database `key` on `engine`, made by `build` on a fresh migrated
 * database the first time any worker asks, and closed: pass it to openTestDb as `template`.
 * Global teardown removes it with the run's other databases.
 */
export function sharedTemplate(
  engine: Engine,
  key: string,
  build: (handle: DbHandle) => Promise<void>,
): Promise<string> {
  const id = `${engine}/${key}`;
  let template = templates.get(id);
  if (!template) {
    template = buildOrWait(engine, key, build);
    templates.set(id, template);
  }
  return template;
}

async function buildOrWait(
  engine: Engine,
  key: string,
  build: (handle: DbHandle) => Promise<void>,
): Promise<string> {
  const runUrl = await runDatabaseUrl();
  // Named after the run's database: global teardown drops (PostgreSQL) or deletes (files) `<run>_*`.
  const name = `${serverOf(runUrl).database}_${key}_${engine}`;
  const location = engine === "duckdb" ? path.join(tmpdir(), `${name}.duckdb`) : withDatabase(runUrl, name);
  const lock = path.join(tmpdir(), `${name}.lock`);
  const ready = path.join(lock, "ready");
  const failed = path.join(lock, "failed");

  if (await claim(lock)) {
    try {
      if (engine === "postgres") await createDatabase(location);
      const handle = await openDb(location);
      try {
        await build(handle);
      } finally {
        await handle.close();
      }
      await writeFile(ready, "");
      return location;
    } catch (error) {
      await writeFile(failed, reasonOf(error));
      throw error;
    }
  }

  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await exists(ready)) return location;
    const reason = await readFile(failed, "utf8").catch(() => undefined);
    if (reason !== undefined)
      throw new Error(`the shared test database "${key}" on ${engine} could not be built: ${reason}`);
    await sleep(POLL_MS);
  }
  throw new Error(
    `the shared test database "${key}" on ${engine} was not built within ${BUILD_TIMEOUT_MS} ms`,
  );
}

/** True for the one caller that made the lock directory: creating a directory is atomic. */
async function claim(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
