/** Roles: the ready-made four and those an admin adds (manageUsers; every change is audited). */
import {
  findRole,
  insertRole,
  listRoles as listRoleRows,
  type RoleRecord,
  updateRole as updateRoleRow,
} from "@custra/db";
import { AccessError } from "../access/access-error.ts";
import { PERMISSIONS } from "../access/actor.ts";
import { audit, fieldChanges } from "../access/audit.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { keepingAnAdministrator } from "./administrators.ts";
import { createRoleSchema, updateRoleSchema } from "./users.schemas.ts";

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

/**
 * Changes what a role allows (its permissions, data scope and personal-field rights) and, for a
 * role an admin made, its names; audited part by part, before and after. The ready-made roles'
 * rights change too (analysts are masked "by default"), their names are custra's. The role's
 * users act under the new rights from their next request on.
 */
export async function updateRole(ctx: AppContext, input: unknown): Promise<RoleView> {
  requirePermission(ctx.actor, "manageUsers");
  const { code, ...changes } = parseInput(updateRoleSchema, input);
  const role = await findRole(ctx.handle.db, code);
  if (!role) throw new AppError("APP_NOT_FOUND", { what: { key: "access.what.role" }, key: code });
  if (role.builtin && changes.names && JSON.stringify(changes.names) !== JSON.stringify(role.names))
    throw new AccessError("ACCESS_BUILTIN_ROLE_NAMES", { code });
  const next = {
    code,
    names: changes.names ?? role.names,
    // Stored in the order custra lists its actions; the same set in another order is no change.
    permissions: changes.permissions
      ? PERMISSIONS.filter((permission) => changes.permissions!.includes(permission))
      : role.permissions,
    dataScope: changes.dataScope ?? role.dataScope,
    personalFields: changes.personalFields ?? role.personalFields,
  };
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  const diff = fieldChanges(role, {
    ...next,
    permissions: sameSet(role.permissions, next.permissions) ? role.permissions : next.permissions,
  });
  if (Object.keys(diff).length > 0)
    await ctx.handle.db.transaction().execute(async (trx) => {
      await keepingAnAdministrator(trx, () => updateRoleRow(trx, next));
      await audit(trx, ctx.actor, { action: "role.update", entity: "role", entityId: code, changes: diff });
    });
  return (await findRole(ctx.handle.db, code))!;
}
