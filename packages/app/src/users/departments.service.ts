/** The department tree (list for anyone signed in; changes with manageUsers, audited). */
import {
  countUsersByDepartment,
  type Database,
  type DepartmentRow,
  deleteDepartment as deleteDepartmentRow,
  departmentSubtree,
  findDepartment,
  insertDepartment,
  listDepartments as listDepartmentRows,
  listUsers,
  updateDepartment as updateDepartmentRow,
} from "@custra/db";
import type { Kysely } from "kysely";
import { AccessError } from "../access/access-error.ts";
import { audit, fieldChanges } from "../access/audit.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { departmentIdSchema, departmentSchema, updateDepartmentSchema } from "./users.schemas.ts";

export interface DepartmentView {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
  /** Its users, active or not (those below it not counted): who keeps it from being deleted. */
  readonly members: number;
}

const what = { key: "access.what.department" };

function departmentView(row: DepartmentRow, members: ReadonlyMap<number, number>): DepartmentView {
  const id = Number(row.id);
  return {
    id,
    name: row.name,
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    members: members.get(id) ?? 0,
  };
}

async function shownDepartment(db: Kysely<Database>, id: number): Promise<DepartmentView> {
  return departmentView((await findDepartment(db, id))!, await countUsersByDepartment(db));
}

export async function listDepartments(ctx: AppContext): Promise<DepartmentView[]> {
  const [rows, members] = await Promise.all([
    listDepartmentRows(ctx.handle.db),
    countUsersByDepartment(ctx.handle.db),
  ]);
  return rows.map((row) => departmentView(row, members));
}

async function checkParent(ctx: AppContext, parentId: number | null | undefined): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  if (!(await findDepartment(ctx.handle.db, parentId)))
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", { what, key: parentId });
}

export async function createDepartment(ctx: AppContext, input: unknown): Promise<DepartmentView> {
  requirePermission(ctx.actor, "manageUsers");
  const { name, parentId } = parseInput(departmentSchema, input);
  await checkParent(ctx, parentId);
  const id = await ctx.handle.db.transaction().execute(async (trx) => {
    const id = await insertDepartment(trx, { name, parent_id: parentId ?? null });
    await audit(trx, ctx.actor, {
      action: "department.create",
      entity: "department",
      entityId: id,
      details: { name, parentId: parentId ?? null },
    });
    return id;
  });
  return { id, name, parentId: parentId ?? null, members: 0 };
}

/** Renames or moves a department; moving it under itself or one of its own is ACCESS_CYCLE. */
export async function updateDepartment(ctx: AppContext, input: unknown): Promise<DepartmentView> {
  requirePermission(ctx.actor, "manageUsers");
  const { id, name, parentId } = parseInput(updateDepartmentSchema, input);
  const row = await findDepartment(ctx.handle.db, id);
  if (!row) throw new AppError("APP_NOT_FOUND", { what, key: id });
  await checkParent(ctx, parentId);
  if (
    parentId !== undefined &&
    parentId !== null &&
    (await departmentSubtree(ctx.handle.db, id)).includes(parentId)
  )
    throw new AccessError("ACCESS_CYCLE", { what, key: row.name });
  const changes = {
    ...(name === undefined ? {} : { name }),
    ...(parentId === undefined ? {} : { parent_id: parentId }),
  };
  const diff = fieldChanges(row, changes);
  if (Object.keys(diff).length > 0)
    await ctx.handle.db.transaction().execute(async (trx) => {
      await updateDepartmentRow(trx, id, changes);
      await audit(trx, ctx.actor, {
        action: "department.update",
        entity: "department",
        entityId: id,
        changes: diff,
      });
    });
  return shownDepartment(ctx.handle.db, id);
}

/** Deletes an empty department (no users, no sub-departments). */
export async function deleteDepartment(ctx: AppContext, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "manageUsers");
  const { id } = parseInput(departmentIdSchema, input);
  const row = await findDepartment(ctx.handle.db, id);
  if (!row) throw new AppError("APP_NOT_FOUND", { what, key: id });
  const users = (await listUsers(ctx.handle.db, { departmentIds: [id] })).length;
  const children = (await listDepartmentRows(ctx.handle.db)).filter((d) => Number(d.parent_id) === id).length;
  if (users > 0 || children > 0)
    throw new AccessError("ACCESS_DEPARTMENT_IN_USE", { key: row.name, users, children });
  await ctx.handle.db.transaction().execute(async (trx) => {
    await deleteDepartmentRow(trx, id);
    await audit(trx, ctx.actor, {
      action: "department.delete",
      entity: "department",
      entityId: id,
      details: { name: row.name },
    });
  });
}
