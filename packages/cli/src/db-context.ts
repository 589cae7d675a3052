import { type DbHandle, openDb, resolveLocation, writeLockWaitMessage } from "@custra/db";
import type { Command } from "commander";
import { message } from "./output.ts";

/** Opens the database the command line points at (`--db`, DATABASE_URL, or the default file), runs `work`, closes it. */
export async function withDb<T>(command: Command, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const { db } = command.optsWithGlobals<{ db?: string }>();
  const handle = await openDb(resolveLocation(db).location, {
    // A writer waiting for another says so, or the command would seem to hang.
    writeLock: { onWait: (holder, timeoutMs) => message(writeLockWaitMessage(holder, timeoutMs)) },
  });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}
