/** How use cases write the audit log: in their own transaction, naming the actor. */
import { type AuditEntry, appendAudit, type Database } from "@custra/db";
import type { Kysely } from "kysely";
import type { Actor } from "./actor.ts";

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** Appends an entry by `actor` (the local operator: no id, "local"), in `db`'s transaction if it is one. */
export function audit(
  db: Kysely<Database>,
  actor: Pick<Actor, "userId" | "username">,
  entry: Omit<AuditEntry, "actorId" | "actorName">,
): Promise<number> {
  return appendAudit(db, { ...entry, actorId: actor.userId, actorName: actor.username ?? "local" });
}

/** The fields of `after` whose value differs from `before`, each with both values. */
export function fieldChanges(before: object, after: Readonly<Record<string, unknown>>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = (before as Record<string, unknown>)[field] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(value)) changes[field] = { before: old, after: value };
  }
  return changes;
}
