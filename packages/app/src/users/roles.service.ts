/** Roles: the ready-made four and those an admin adds (manageUsers; a permission change is audited). */
import { findRole, insertRole, listRoles as listRoleRows, type RoleRecord } from "@custra/db";
import { AccessError } from "../access/access-error.ts";
import { audit } from "../access/audit.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { createRoleSchema } from "./users.schemas.ts";

export type RoleView = RoleRecord;

export async function listRoles(ctx: AppContext): Promise<RoleView[]> {
  return listRoleRows(ctx.handle.db);
}

export async function createRole(ctx: AppContext, input: unknown): Promise<RoleView> {
  requirePermission(ctx.actor, "manageUsers");
  const role = parseInput(createRoleSchema, input);
  if (await findRole(ctx.handle.db, role.code))
    throw new AccessError("ACCESS_ROLE_EXISTS", { code: role.code });
  const record = { ...role, permissions: [...new Set(role.permissions)] };
  await ctx.handle.db.transaction().execute(async (trx) => {
    await insertRole(trx, record);
    await audit(trx, ctx.actor, {
      action: "role.create",
      entity: "role",
      entityId: role.code,
      details: record,
    });
  });
  return (await findRole(ctx.handle.db, role.code))!;
}
