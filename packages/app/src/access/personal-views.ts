import { type AuditEntry, appendAudits, type DbHandle } from "@custra/db";
import type { AppContext } from "../context.ts";
import type { View } from "./masking.ts";

/**
 * Records that the actor was shown the unmasked personal fields of `customerIds` in `view`
 * (DESIGN.md §8: such views are audited). Nothing is recorded when the actor's rights mask or hide
 * the fields there, or when no customer was shown. Call after the read, with the ids it returned;
 * `purpose` names the use case (customer.show, customers.list …). Returns whether it recorded,
 * once the entry is written.
 */
export async function auditPersonalView(
  ctx: AppContext,
  view: View,
  customerIds: readonly number[],
  purpose: string,
): Promise<boolean> {
  if (ctx.actor.personalFields[view] !== "show" || customerIds.length === 0) return false;
  await recordView(ctx.handle, {
    actorId: ctx.actor.userId,
    actorName: ctx.actor.username ?? "local",
    action: "customer.view_personal",
    entity: "customer",
    entityId: customerIds.length === 1 ? customerIds[0]! : null,
    details: { view, purpose, customerIds: [...customerIds] },
  });
  return true;
}

/**
 * Views are written in batches (group commit): every view waits for its own entry to be written,
 * but the views that arrive while one batch is being written go together in the next, in one
 * transaction. A view is a read, and one commit each — the write lock and a disk flush — would
 * make the reads of a busy server wait on each other.
 */
interface Batch {
  readonly entries: AuditEntry[];
  readonly written: Promise<void>;
}

interface Queue {
  /** The batch taking entries; written once the one before it is. */
  next?: Batch;
  /** The end of the last batch started. */
  last: Promise<unknown>;
}

// Keyed by the handle's read connections, which every copy of a handle (forReading) shares.
const queues = new WeakMap<object, Queue>();

function recordView(handle: DbHandle, entry: AuditEntry): Promise<void> {
  let queue = queues.get(handle.read);
  if (!queue) {
    queue = { last: Promise.resolve() };
    queues.set(handle.read, queue);
  }
  const batch = queue.next ?? startBatch(queue, handle);
  batch.entries.push(entry);
  return batch.written;
}

function startBatch(queue: Queue, handle: DbHandle): Batch {
  const entries: AuditEntry[] = [];
  const written = queue.last.then(() => {
    // From here on, new views go to a new batch.
    queue.next = undefined;
    return appendAudits(handle.db, entries).then(() => {});
  });
  const batch = { entries, written };
  queue.next = batch;
  queue.last = written.catch(() => {});
  return batch;
}
