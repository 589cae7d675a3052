import { type DbHandle, openDb, resolveLocation } from "@custra/db";
import type { Command } from "commander";

/** Opens the database the command line points at (`--db`, DATABASE_URL, or the default file), runs `work`, closes it. */
export async function withDb<T>(command: Command, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const { db } = command.optsWithGlobals<{ db?: string }>();
  const handle = await openDb(resolveLocation(db).location);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}
