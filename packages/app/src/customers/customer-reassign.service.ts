/**
 * Reassigning customers to another owner: all of them or none (a code the actor may not change
 * refuses the whole batch, as not found), each change in the audit log with the owner before and after.
 */
import { text } from "@custra/core";
import { visibleCustomer } from "@custra/db";
import { audit } from "../access/audit.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { type ReassignCustomersInput, reassignCustomersSchema } from "./customers.schemas.ts";
import "./customers.messages.ts";

export interface CustomerReassignment {
  code: string;
  before: string | null;
  after: string;
}

export interface ReassignCustomersResult {
  /** The customers whose owner changed (those already with the new owner are left out). */
  reassigned: CustomerReassignment[];
  /** How many of the given customers already had the new owner. */
  unchanged: number;
}

export async function reassignCustomers(
  ctx: AppContext,
  input: ReassignCustomersInput | unknown,
): Promise<ReassignCustomersResult> {
  requirePermission(ctx.actor, "reassign");
  const request = parseInput(reassignCustomersSchema, input);
  const codes = [...new Set(request.codes)];
  const { scope } = ctx.actor;
  // The new owner must be an active user the actor could see customers of: a manager hands
  // customers around his tree, never out of his own sight (and never learns who exists outside it).
  const owner = await ctx.handle.db
    .selectFrom("users")
    .select("username")
    .where("username", "=", request.owner)
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
  if (!owner || (scope.kind !== "all" && !scope.owners.includes(request.owner))) {
    throw new AppError("APP_INVALID_INPUT", {
      issues: [text("app.customers.unknown_owner", { owner: request.owner })],
    });
  }
  return ctx.handle.db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom("customers")
      .select(["id", "code", "owner"])
      .where("code", "in", codes)
      .where(visibleCustomer(scope, "customers.id", "write", { ownerColumn: "customers.owner" }))
      .execute();
    const byCode = new Map(found.map((row) => [row.code, row]));
    const missing = codes.find((code) => !byCode.has(code));
    if (missing !== undefined) {
      throw new AppError("APP_NOT_FOUND", { what: { key: "app.customers.what.customer" }, key: missing });
    }
    const reassigned: CustomerReassignment[] = [];
    for (const code of codes) {
      const row = byCode.get(code)!;
      if (row.owner === request.owner) continue;
      await trx.updateTable("customers").set({ owner: request.owner }).where("id", "=", row.id).execute();
      await audit(trx, ctx.actor, {
        action: "customer.reassign",
        entity: "customer",
        entityId: Number(row.id),
        changes: { owner: { before: row.owner, after: request.owner } },
      });
      reassigned.push({ code, before: row.owner, after: request.owner });
    }
    return { reassigned, unchanged: codes.length - reassigned.length };
  });
}
