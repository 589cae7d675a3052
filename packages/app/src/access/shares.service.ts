/**
 * Sharing a customer with a user or a department, read-only or read-write, until a date. Sharing
 * needs the edit permission and write access to the customer; a customer the actor cannot see is
 * not found, one they can only read is forbidden to share.
 */
import {
  deleteShare,
  findDepartment,
  findShare,
  findUserById,
  insertShare,
  listShares as listShareRows,
  visibleCustomer,
} from "@custra/db";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { customerIdSchema, type ShareInput, shareSchema, unshareSchema } from "./access.schemas.ts";
import { AccessError } from "./access-error.ts";
import { audit } from "./audit.ts";
import { customerInScope } from "./customers-in-scope.ts";
import { forbidden, requirePermission } from "./permissions.ts";

export interface ShareView {
  readonly id: number;
  readonly customerId: number;
  readonly userId: number | null;
  readonly departmentId: number | null;
  readonly access: "read" | "write";
  readonly until: string | null;
  readonly createdBy: string | null;
}

async function writableCustomer(ctx: AppContext, customerId: number): Promise<void> {
  requirePermission(ctx.actor, "edit");
  await customerInScope(ctx, customerId);
  const writable = await ctx.handle.db
    .selectFrom("customers")
    .select("id")
    .where("id", "=", customerId)
    .where(visibleCustomer(ctx.actor.scope, "customers.id", "write", { ownerColumn: "customers.owner" }))
    .executeTakeFirst();
  if (!writable) throw forbidden("edit");
}

export async function shareCustomer(ctx: AppContext, input: ShareInput | unknown): Promise<ShareView> {
  const share = parseInput(shareSchema, input);
  await writableCustomer(ctx, share.customerId);
  if (share.userId !== undefined && !(await findUserById(ctx.handle.db, share.userId)))
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", {
      what: { key: "access.what.user" },
      key: share.userId,
    });
  if (share.departmentId !== undefined && !(await findDepartment(ctx.handle.db, share.departmentId)))
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", {
      what: { key: "access.what.department" },
      key: share.departmentId,
    });
  const view = {
    customerId: share.customerId,
    userId: share.userId ?? null,
    departmentId: share.departmentId ?? null,
    access: share.access,
    until: share.until ?? null,
    createdBy: ctx.actor.username,
  };
  const id = await ctx.handle.db.transaction().execute(async (trx) => {
    const id = await insertShare(trx, view);
    await audit(trx, ctx.actor, {
      action: "customer.share",
      entity: "customer",
      entityId: share.customerId,
      details: { shareId: id, ...view },
    });
    return id;
  });
  return { id, ...view };
}

export async function unshareCustomer(ctx: AppContext, input: unknown): Promise<void> {
  const { customerId, shareId } = parseInput(unshareSchema, input);
  await writableCustomer(ctx, customerId);
  const share = await findShare(ctx.handle.db, customerId, shareId);
  if (!share) throw new AppError("APP_NOT_FOUND", { what: { key: "access.what.share" }, key: shareId });
  await ctx.handle.db.transaction().execute(async (trx) => {
    await deleteShare(trx, customerId, shareId);
    await audit(trx, ctx.actor, {
      action: "customer.unshare",
      entity: "customer",
      entityId: customerId,
      details: { shareId },
    });
  });
}

export async function listShares(ctx: AppContext, input: unknown): Promise<ShareView[]> {
  const { customerId } = parseInput(customerIdSchema, input);
  requirePermission(ctx.actor, "read");
  await customerInScope(ctx, customerId);
  return (await listShareRows(ctx.handle.db, customerId)).map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    userId: row.user_id === null ? null : Number(row.user_id),
    departmentId: row.department_id === null ? null : Number(row.department_id),
    access: row.access,
    until: row.until,
    createdBy: row.created_by,
  }));
}
