import type { AppContext } from "../context.ts";
import { audit } from "./audit.ts";
import type { View } from "./masking.ts";

/**
 * Records that the actor was shown the unmasked personal fields of `customerIds` in `view`
 * (DESIGN.md §8: such views are audited). Nothing is recorded when the actor's rights mask or hide
 * the fields there, or when no customer was shown. Call after the read, with the ids it returned;
 * `purpose` names the use case (customer.show, customers.list …). Returns whether it recorded.
 */
export async function auditPersonalView(
  ctx: AppContext,
  view: View,
  customerIds: readonly number[],
  purpose: string,
): Promise<boolean> {
  if (ctx.actor.personalFields[view] !== "show" || customerIds.length === 0) return false;
  await audit(ctx.handle.db, ctx.actor, {
    action: "customer.view_personal",
    entity: "customer",
    entityId: customerIds.length === 1 ? customerIds[0]! : null,
    details: { view, purpose, customerIds: [...customerIds] },
  });
  return true;
}
