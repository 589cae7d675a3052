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

/** Reads kept per handle at most; the least recently used goes first. */
const MAX_ENTRIES = 1000;

interface Kept {
  readonly version: number;
  readonly entries: Map<string, Promise<unknown>>;
}

// Keyed by the handle's read connections, which every copy of a handle (forReading) shares.
const kept = new WeakMap<object, Kept>();

export function cachedRead<T>(handle: DbHandle, key: string, read: () => Promise<T>): Promise<T> {
  const version = handle.dataVersion();
  if (version === undefined) return read();
  let cache = kept.get(handle.read);
  if (cache?.version !== version) {
    cache = { version, entries: new Map() };
    kept.set(handle.read, cache);
  }
  const { entries } = cache;
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
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return promise;
}
