import type { WriteLockHolder } from "./dialects/engine-dialect.ts";

/** A write lock holder as message params: `{purpose}`, `{pid}`, `{host}`, `{since}` (UTC). */
export function holderParams(holder: WriteLockHolder): Record<string, string | number> {
  return {
    purpose: holder.purpose,
    pid: holder.pid,
    host: holder.host ?? "?",
    since: `${holder.since.toISOString().replace("T", " ").slice(0, 19)} UTC`,
  };
}
