import { visibleCustomer } from "@custra/db";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";

/**
 * The customer `customerId` if the actor may see it (or change it, with access "write"); else
 * APP_NOT_FOUND, the same answer as for a customer that does not exist.
 */
export async function customerInScope(
  ctx: AppContext,
  customerId: number,
  access: "read" | "write" = "read",
): Promise<{ id: number; code: string; owner: string | null }> {
  const row = await ctx.handle.db
    .selectFrom("customers")
    .select(["id", "code", "owner"])
    .where("id", "=", customerId)
    .where(visibleCustomer(ctx.actor.scope, "customers.id", access, { ownerColumn: "customers.owner" }))
    .executeTakeFirst();
  if (!row) throw new AppError("APP_NOT_FOUND", { what: { key: "access.what.customer" }, key: customerId });
  return { id: Number(row.id), code: row.code, owner: row.owner };
}
