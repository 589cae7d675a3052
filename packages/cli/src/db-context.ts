import { renderText } from "@custra/core/errors";
import { parseLocale } from "@custra/core/i18n";
import { type DbHandle, openDb, readCompanySettings, resolveLocation, writeLockWaitText } from "@custra/db";
import type { Command } from "commander";
import { cliLocale, useCliLocale } from "./locale.ts";
import { message } from "./output.ts";

/** Opens the database the command line points at (`--db`, DATABASE_URL, or the default file), runs `work`, closes it. */
export async function withDb<T>(command: Command, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const { db, lang } = command.optsWithGlobals<{ db?: string; lang?: string }>();
  const handle = await openDb(resolveLocation(db).location, {
    // A writer waiting for another says so, or the command would seem to hang.
    writeLock: {
      onWait: (holder, timeoutMs) => message(renderText(writeLockWaitText(holder, timeoutMs), cliLocale())),
    },
  });
  try {
    await useCompanyLocale(handle, lang);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/**
 * The company's locale setting is the language of what a command prints once the database is
 * open, when the reader chose none (neither --lang nor CUSTRA_LANG): it beats the system locale,
 * which on a server says little about its users. Only a stored setting counts, so a database
 * that never set one keeps the language chosen at start. One read of a tiny table.
 */
async function useCompanyLocale(handle: DbHandle, lang: string | undefined): Promise<void> {
  if (lang !== undefined || process.env.CUSTRA_LANG) return;
  const stored = (await readCompanySettings(handle.db)).locale;
  if (stored !== undefined) useCliLocale(parseLocale(stored));
}
