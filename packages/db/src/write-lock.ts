/**
 * One writer per database at a time. Every writing job of custra (an import's merge, an analysis's
 * or a grade run's rows, task generation, stored definitions, the demo) runs its write phase
 * inside `withWriteLock`, so two jobs at once wait for each other instead of both inserting the
 * row the other is inserting. Across processes the engine's lock does it (EngineSession.lockWrites);
 * within a process, writers on one handle queue here first (a server runs several jobs on one
 * handle, and DuckDB's file lock cannot tell them apart).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type Text, text } from "@custra/core/errors";
import type { EngineSession, WriteLockHolder } from "./dialects/engine-dialect.ts";
import type { DbHandle } from "./open.ts";
import { holderParams } from "./write-lock-holder.ts";

/** How long a writer waits for another by default: longer than a million-row import takes here. */
export const DEFAULT_WRITE_LOCK_TIMEOUT_MS = 10 * 60_000;

export interface WriteLockOptions {
  /** Give up waiting for another writer after this long (DB_BUSY); default 10 minutes. */
  readonly timeoutMs?: number;
  /** Told once when another process holds the lock, so the user knows why nothing happens. */
  readonly onWait?: (holder: WriteLockHolder | undefined, timeoutMs: number) => void;
}

/** The write locks the current async call chain holds, each handle's by its token. */
const held = new AsyncLocalStorage<ReadonlySet<object>>();

export type WithWriteLock = <T>(purpose: string, work: () => Promise<T>) => Promise<T>;

/**
 * The write lock of one handle. Reentrant along a call chain: the demo holds it while it imports,
 * and the import's own request for it then runs straight away (taking it again would wait for
 * itself); a concurrent job on the same handle still waits.
 */
export function writeLockOf(session: EngineSession, options: WriteLockOptions = {}): WithWriteLock {
  const token = {};
  const timeoutMs = options.timeoutMs ?? DEFAULT_WRITE_LOCK_TIMEOUT_MS;
  let tail: Promise<void> = Promise.resolve();
  return async (purpose, work) => {
    const mine = held.getStore();
    if (mine?.has(token)) return work();
    const before = tail;
    let done!: () => void;
    tail = new Promise((resolve) => {
      done = resolve;
    });
    try {
      await before;
      const release = await session.lockWrites({
        purpose,
        timeoutMs,
        onWait: (holder) => options.onWait?.(holder, timeoutMs),
      });
      try {
        return await held.run(new Set([...(mine ?? []), token]), work);
      } finally {
        // A lock whose connection is gone is released already; that must not hide the work's result.
        await release().catch(() => {});
      }
    } finally {
      done();
    }
  };
}

/** Runs `work` as the only writer of the handle's database (DbHandle.withWriteLock). */
export function withWriteLock<T>(handle: DbHandle, purpose: string, work: () => Promise<T>): Promise<T> {
  return handle.withWriteLock(purpose, work);
}

/** What to tell the user while waiting for another writer, to render in their language. */
export function writeLockWaitText(holder: WriteLockHolder | undefined, timeoutMs: number): Text {
  const seconds = Math.round(timeoutMs / 1000);
  return holder
    ? text("db.write_lock_wait", { ...holderParams(holder), seconds })
    : text("db.write_lock_wait_unknown", { seconds });
}
