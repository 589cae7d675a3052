/**
 * Work done once per test run across the test workers (oncePerRun), and on it a database built
 * once and copied for every test file that asks for it (sharedTemplate). Building the demo
 * company and analysing it took most of each browser test file's time, and every file wants the
 * same one. Whichever worker asks first builds it while the others wait; each file then opens its
 * own copy (openTestDb's `template`), so what one file changes no other file sees.
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

/** How long a worker waits for another one's work before it gives up. */
const WAIT_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 250;

/** Work done once per test run, by key: in this process, the first call's promise. */
const once = new Map<string, Promise<void>>();

/**
 * Runs `work` once in the whole test run, whichever worker asks first; every other caller, in
 * any worker, waits until it has finished (and fails with its reason if it failed).
 */
export function oncePerRun(key: string, work: () => Promise<void>): Promise<void> {
  let done = once.get(key);
  if (!done) {
    done = runOrWait(key, work);
    once.set(key, done);
  }
  return done;
}

async function runOrWait(key: string, work: () => Promise<void>): Promise<void> {
  // Named after the run's database: global teardown deletes `<run>_*` in the temporary directory.
  const lock = path.join(tmpdir(), `${serverOf(await runDatabaseUrl()).database}_${key}.lock`);
  const ready = path.join(lock, "ready");
  const failed = path.join(lock, "failed");
  if (await claim(lock)) {
    try {
      await work();
    } catch (error) {
      await writeFile(failed, reasonOf(error));
      throw error;
    }
    await writeFile(ready, "");
    return;
  }
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await exists(ready)) return;
    const reason = await readFile(failed, "utf8").catch(() => undefined);
    if (reason !== undefined) throw new Error(`"${key}" failed in another test worker: ${reason}`);
    await sleep(POLL_MS);
  }
  throw new Error(`"${key}" was not done in another test worker within ${WAIT_TIMEOUT_MS} ms`);
}

/**
 * The location of the run's database `key` on `engine`, made by `build` on a fresh migrated
 * database the first time any worker asks, and closed: pass it to openTestDb as `template`.
 * Global teardown removes it with the run's other databases.
 */
export async function sharedTemplate(
  engine: Engine,
  key: string,
  build: (handle: DbHandle) => Promise<void>,
): Promise<string> {
  const runUrl = await runDatabaseUrl();
  const name = `${serverOf(runUrl).database}_${key}_${engine}`;
  const location = engine === "duckdb" ? path.join(tmpdir(), `${name}.duckdb`) : withDatabase(runUrl, name);
  await oncePerRun(`${key}_${engine}`, async () => {
    if (engine === "postgres") await createDatabase(location);
    const handle = await openDb(location);
    try {
      await build(handle);
    } finally {
      await handle.close();
    }
  });
  return location;
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
