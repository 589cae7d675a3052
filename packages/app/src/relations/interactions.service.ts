/**
 * Interactions with customers (visits, calls, complaints …): the list of those of customers in
 * scope, newest first; logging one on a customer the actor may change, the actor as its owner;
 * resolving one. Each write is in the audit log, in the same transaction.
 */
import { text } from "@custra/core";
import { visibleCustomer } from "@custra/db";
import { sql } from "kysely";
import { audit } from "../access/audit.ts";
import { visibleCustomerId } from "../access/customer-by-code.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { customerFilter, decodeCursor, type Page, pageOf } from "../records/records-page.ts";
import {
  type ListInteractionsInput,
  type LogInteractionInput,
  listInteractionsSchema,
  logInteractionSchema,
  type RelationIdInput,
  type ResolveInteractionInput,
  relationIdSchema,
  resolveInteractionSchema,
} from "./relations.schemas.ts";
import { apiExternalId } from "./relations.shared.ts";

export interface Interaction {
  id: number;
  customerCode: string;
  customerName: string | null;
  kind: string;
  occurredAt: Date;
  summary: string | null;
  /** The user who had it (a user name). */
  owner: string | null;
  resolvedAt: Date | null;
}

/** How many interactions the 360 view shows. */
export const CUSTOMER_INTERACTIONS = 20;

const INTERACTION_COLUMNS = [
  "i.id",
  "i.customer_id",
  "c.code",
  "c.name as customer_name",
  "i.kind",
  "i.occurred_at",
  "i.summary",
  "i.owner",
  "i.resolved_at",
] as const;

function interactionsOf(db: AppContext["handle"]["read"]) {
  return db.selectFrom("interactions as i").innerJoin("customers as c", "c.id", "i.customer_id");
}

function interactionOf(row: {
  id: number | bigint;
  code: string;
  customer_name: string | null;
  kind: string;
  occurred_at: Date;
  summary: string | null;
  owner: string | null;
  resolved_at: Date | null;
}): Interaction {
  return {
    id: Number(row.id),
    customerCode: row.code,
    customerName: row.customer_name,
    kind: row.kind,
    occurredAt: new Date(row.occurred_at),
    summary: row.summary,
    owner: row.owner,
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
  };
}

/** Interactions of the customers in scope by customer, kind, owner and time, newest first. */
export async function listInteractions(
  ctx: AppContext,
  input: ListInteractionsInput | unknown = {},
): Promise<Page<Interaction>> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listInteractionsSchema, input ?? {});
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, "text");
  const customerId = await customerFilter(ctx, query.customerCode);
  let filtered = interactionsOf(ctx.handle.read).where(visibleCustomer(ctx.actor.scope, "i.customer_id"));
  if (customerId !== undefined) filtered = filtered.where("i.customer_id", "=", customerId);
  if (query.kind !== undefined) filtered = filtered.where("i.kind", "=", query.kind);
  if (query.owner !== undefined) filtered = filtered.where("i.owner", "=", query.owner);
  if (query.from !== undefined) filtered = filtered.where("i.occurred_at", ">=", new Date(query.from));
  if (query.to !== undefined) filtered = filtered.where("i.occurred_at", "<", new Date(query.to));
  if (query.open !== undefined)
    filtered = filtered.where("i.resolved_at", query.open ? "is" : "is not", null);
  const counted = await filtered
    .select(sql<number | bigint | string>`COUNT(*)`.as("total"))
    .executeTakeFirstOrThrow();
  let paged = filtered.select(INTERACTION_COLUMNS);
  if (cursor !== undefined) {
    const at = new Date(cursor.key);
    paged = paged.where((eb) =>
      eb.or([
        eb("i.occurred_at", "<", at),
        eb.and([eb("i.occurred_at", "=", at), eb("i.id", "<", cursor.id)]),
      ]),
    );
  }
  const rows = await paged
    .orderBy("i.occurred_at", "desc")
    .orderBy("i.id", "desc")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, Number(counted.total), interactionOf, (row) => ({
    key: new Date(row.occurred_at).toISOString(),
    id: Number(row.id),
  }));
}

/** One interaction of a customer in scope; APP_NOT_FOUND otherwise. */
export async function readInteraction(
  ctx: AppContext,
  input: RelationIdInput | unknown,
): Promise<Interaction> {
  requirePermission(ctx.actor, "read");
  const { id } = parseInput(relationIdSchema, input);
  const row = await interactionsOf(ctx.handle.read)
    .select(INTERACTION_COLUMNS)
    .where("i.id", "=", id)
    .where(visibleCustomer(ctx.actor.scope, "i.customer_id"))
    .executeTakeFirst();
  if (!row) throw notFound(id);
  return interactionOf(row);
}

/** The latest interactions of one customer (already found in scope), for the 360 view. */
export async function latestInteractions(ctx: AppContext, customerId: number): Promise<Interaction[]> {
  const rows = await interactionsOf(ctx.handle.read)
    .select(INTERACTION_COLUMNS)
    .where("i.customer_id", "=", customerId)
    .where(visibleCustomer(ctx.actor.scope, "i.customer_id"))
    .orderBy("i.occurred_at", "desc")
    .orderBy("i.id", "desc")
    .limit(CUSTOMER_INTERACTIONS)
    .execute();
  return rows.map(interactionOf);
}

/** Logs an interaction with a customer the actor may change; the actor is its owner. Audited. */
export async function logInteraction(
  ctx: AppContext,
  input: LogInteractionInput | unknown,
): Promise<Interaction> {
  requirePermission(ctx.actor, "create");
  const request = parseInput(logInteractionSchema, input);
  const id = await ctx.handle.db.transaction().execute(async (trx) => {
    const customerId = await visibleCustomerId(ctx, request.customerCode, { access: "write", db: trx });
    const values = {
      kind: request.kind,
      occurred_at: new Date(request.occurredAt),
      summary: request.summary,
      owner: ctx.actor.username,
      resolved_at: request.resolvedAt === undefined ? null : new Date(request.resolvedAt),
    };
    const created = await trx
      .insertInto("interactions")
      .values({ customer_id: customerId, external_id: apiExternalId(), ...values })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = Number(created.id);
    await audit(trx, ctx.actor, {
      action: "interaction.log",
      entity: "interaction",
      entityId: id,
      changes: Object.fromEntries(
        Object.entries(values).map(([field, value]) => [
          field,
          { before: null, after: value instanceof Date ? value.toISOString() : value },
        ]),
      ),
      details: { customerId },
    });
    return id;
  });
  return interactionById(ctx, id);
}

export interface ResolvedInteraction {
  interaction: Interaction;
  /** It was resolved before: left as it was. */
  alreadyResolved: boolean;
}

/** Marks an interaction of a customer the actor may change resolved (at `resolvedAt` or now). */
export async function resolveInteraction(
  ctx: AppContext,
  input: ResolveInteractionInput | unknown,
): Promise<ResolvedInteraction> {
  requirePermission(ctx.actor, "edit");
  const request = parseInput(resolveInteractionSchema, input);
  const alreadyResolved = await ctx.handle.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("interactions")
      .select(["customer_id", "occurred_at", "resolved_at"])
      .where("id", "=", request.id)
      .where(visibleCustomer(ctx.actor.scope, "interactions.customer_id", "write"))
      .executeTakeFirst();
    if (!row) throw notFound(request.id);
    if (row.resolved_at !== null) return true;
    const at = request.resolvedAt === undefined ? new Date() : new Date(request.resolvedAt);
    if (at < new Date(row.occurred_at)) {
      throw new AppError("APP_INVALID_INPUT", {
        issues: [text("document.issue", { path: "resolvedAt", problem: text("document.problem.invalid") })],
      });
    }
    await trx
      .updateTable("interactions")
      .set({ resolved_at: at, updated_at: new Date() })
      .where("customer_id", "=", row.customer_id)
      .where("id", "=", request.id)
      .execute();
    await audit(trx, ctx.actor, {
      action: "interaction.resolve",
      entity: "interaction",
      entityId: request.id,
      changes: { resolved_at: { before: null, after: at.toISOString() } },
      details: { customerId: Number(row.customer_id) },
    });
    return false;
  });
  return { interaction: await interactionById(ctx, request.id), alreadyResolved };
}

/** An interaction just written, read back on the writer. */
async function interactionById(ctx: AppContext, id: number): Promise<Interaction> {
  const row = await interactionsOf(ctx.handle.db)
    .select(INTERACTION_COLUMNS)
    .where("i.id", "=", id)
    .executeTakeFirstOrThrow();
  return interactionOf(row);
}

function notFound(id: number): AppError {
  return new AppError("APP_NOT_FOUND", { what: text("app.relations.what.interaction"), key: id });
}
