/**
 * The audit log: append-only and tamper-evident. Each entry's hash covers its content and the
 * hash of the entry before it, so editing an entry breaks its own hash and deleting one breaks the
 * next entry's link; audit_head (one row) holds the last id and hash, so removing the newest
 * entries shows too. Appends run in the transaction of the change they record (pass the
 * transaction), and take audit_head's row first, which serialises appends (see 0009_access.ts).
 * Whoever can rewrite the whole table and recompute every hash is not stopped: that needs a copy of
 * the hashes kept elsewhere (the head can be exported and compared).
 */
import { createHash } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { AuditLogTable, Database } from "./schema.ts";

export const AUDIT_GENESIS_HASH = "0".repeat(64);

/** What happened, as the app records it; JSON-able values. */
export interface AuditEntry {
  readonly actorId: number | null;
  readonly actorName: string | null;
  /** A dotted code: user.create, session.login_failed, customer.erase … */
  readonly action: string;
  readonly entity?: string | null;
  readonly entityId?: string | number | null;
  /** Per field, the value before and after. */
  readonly changes?: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>> | null;
  readonly details?: Readonly<Record<string, unknown>> | null;
}

export interface AuditRecord {
  readonly id: number;
  readonly occurredAt: string;
  readonly actorId: number | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly entity: string | null;
  readonly entityId: string | null;
  readonly changes: Record<string, { before: unknown; after: unknown }> | null;
  readonly details: Record<string, unknown> | null;
  readonly hash: string;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : item,
  );
}

type AuditRow = Selectable<AuditLogTable>;

function hashOf(row: Omit<AuditRow, "hash">): string {
  const content = [
    row.id,
    new Date(row.occurred_at).toISOString(),
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    row.changes,
    row.details,
    row.prev_hash,
  ];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/** Appends `entry`; inside the caller's transaction when given one, else in its own. Returns its id. */
export async function appendAudit(
  db: Kysely<Database>,
  entry: AuditEntry,
  now = new Date(),
): Promise<number> {
  const [id] = await appendAudits(db, [entry], now);
  return id!;
}

/**
 * Appends `entries` in order, chained one to the next, in one transaction (the caller's when
 * given one): a batch costs one commit however many entries it holds. Returns their ids.
 */
export async function appendAudits(
  db: Kysely<Database>,
  entries: readonly AuditEntry[],
  now = new Date(),
): Promise<number[]> {
  const work = async (trx: Kysely<Database>) => {
    const head = await trx
      .updateTable("audit_head")
      .set((eb) => ({ last_id: eb("last_id", "+", entries.length) }))
      .where("id", "=", 1)
      .returning(["last_id", "last_hash"])
      .executeTakeFirstOrThrow();
    let id = Number(head.last_id) - entries.length;
    let previous = head.last_hash;
    const rows = entries.map((entry) => {
      const row = {
        id: ++id,
        // Milliseconds, as a JS Date keeps them, so the stored instant reads back exactly.
        occurred_at: new Date(Math.floor(now.getTime())),
        actor_id: entry.actorId,
        actor_name: entry.actorName,
        action: entry.action,
        entity: entry.entity ?? null,
        entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
        changes: entry.changes ? canonicalJson(entry.changes) : null,
        details: entry.details ? canonicalJson(entry.details) : null,
        prev_hash: previous,
      };
      previous = hashOf(row);
      return { ...row, hash: previous };
    });
    await trx.insertInto("audit_log").values(rows).execute();
    await trx.updateTable("audit_head").set({ last_hash: previous }).where("id", "=", 1).execute();
    return rows.map((row) => row.id);
  };
  if (entries.length === 0) return [];
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export interface AuditFilter {
  readonly actorId?: number;
  readonly action?: string;
  readonly entity?: string;
  readonly entityId?: string;
  /** Instants, inclusive from, exclusive to. */
  readonly from?: Date;
  readonly to?: Date;
  /** Entries older than this id (the cursor of the next page). */
  readonly before?: number;
  readonly limit?: number;
}

/** Entries matching `filter`, newest first. */
export async function queryAudit(db: Kysely<Database>, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  let query = db
    .selectFrom("audit_log")
    .selectAll()
    .orderBy("id", "desc")
    .limit(filter.limit ?? 100);
  if (filter.actorId !== undefined) query = query.where("actor_id", "=", filter.actorId);
  if (filter.action !== undefined) query = query.where("action", "=", filter.action);
  if (filter.entity !== undefined) query = query.where("entity", "=", filter.entity);
  if (filter.entityId !== undefined) query = query.where("entity_id", "=", filter.entityId);
  if (filter.from !== undefined) query = query.where("occurred_at", ">=", filter.from);
  if (filter.to !== undefined) query = query.where("occurred_at", "<", filter.to);
  if (filter.before !== undefined) query = query.where("id", "<", filter.before);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    changes: row.changes === null ? null : JSON.parse(row.changes),
    details: row.details === null ? null : JSON.parse(row.details),
    hash: row.hash,
  }));
}

export type AuditProblem =
  /** The entry's content does not give its hash: it was edited. */
  | "edited"
  /** The entry does not name the hash of the one before it: an entry before it was removed or replaced. */
  | "broken_link"
  /** Ids skip: entries were removed. */
  | "missing"
  /** The chain ends before the head says it does: the newest entries were removed. */
  | "truncated";

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** The first problem found, at the entry id where it shows. */
  readonly problem?: { readonly kind: AuditProblem; readonly id: number };
}

/** Reads the whole chain in id order, page by page, and checks every hash and link. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<AuditVerification> {
  const head = await db
    .selectFrom("audit_head")
    .select(["last_id", "last_hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  let previousHash = AUDIT_GENESIS_HASH;
  let expectedId = 1;
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">=", expectedId)
      .orderBy("id")
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const id = Number(row.id);
      if (id !== expectedId) return { ok: false, entries, problem: { kind: "missing", id: expectedId } };
      if (row.prev_hash !== previousHash) return { ok: false, entries, problem: { kind: "broken_link", id } };
      const { hash, ...content } = row;
      if (hashOf({ ...content, id }) !== hash) return { ok: false, entries, problem: { kind: "edited", id } };
      previousHash = hash;
      expectedId++;
      entries++;
    }
    if (rows.length < pageSize) break;
  }
  const lastId = Number(head?.last_id ?? 0);
  if (lastId !== entries || (head?.last_hash ?? AUDIT_GENESIS_HASH) !== previousHash)
    return { ok: false, entries, problem: { kind: "truncated", id: entries + 1 } };
  return { ok: true, entries };
}
