/**
 * Reads kept while the data they come from cannot have changed: keyed by what was asked and
 * valid for one data version of the handle (DbHandle.dataVersion), so the first write after them
 * retires every one at once. A server's many sessions ask the same pages again and again (a
 * list opened, a customer looked at twice); on DuckDB, which has no indexes to answer them
 * narrowly, each is a pass over a million customers. Where the handle has no data version
 * (PostgreSQL, where other processes write unseen) nothing is kept.
 *
 * The promise is kept, not only the result, so that requests asking the same thing at once share
 * one read. What is kept must be treated as frozen: callers mask and shape copies of it.
 */
import type { DbHandle } from "@custra/db";

/**
 * Which bound a read is kept under. `sign-in`: the small reads every request makes before its
 * own (sessions, API tokens, users, actors, the company settings). `page`: the big reads of what
 * users look at (customer lists, 360 views), which come in endless variety. In one bound a flood of
 * distinct list queries would push out the sign-ins, and every request would read them again.
 */
export type ReadPool = "sign-in" | "page";

/** Reads kept per handle and pool at most; the least recently used of a pool goes first. */
const MAX_ENTRIES: Readonly<Record<ReadPool, number>> = { "sign-in": 1000, page: 1000 };

interface Kept {
  readonly version: number;
  readonly pools: Readonly<Record<ReadPool, Map<string, Promise<unknown>>>>;
}

// Keyed by the handle's read connections, which every copy of a handle (forReading) shares.
const kept = new WeakMap<object, Kept>();

/** What `read` gives, kept in `pool` under `key` for the handle's current data version. */
export function cachedRead<T>(
  handle: DbHandle,
  pool: ReadPool,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const version = handle.dataVersion();
  if (version === undefined) return read();
  let cache = kept.get(handle.read);
  if (cache?.version !== version) {
    cache = { version, pools: { "sign-in": new Map(), page: new Map() } };
    kept.set(handle.read, cache);
  }
  const entries = cache.pools[pool];
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return hit as Promise<T>;
  }
  const promise = read();
  entries.set(key, promise);
  // A failed read is not kept: the next request tries again.
  promise.catch(() => {
    if (entries.get(key) === promise) entries.delete(key);
  });
  if (entries.size > MAX_ENTRIES[pool]) entries.delete(entries.keys().next().value!);
  return promise;
}
