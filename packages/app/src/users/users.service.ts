/**
 * Users (manageUsers): add, list, change, deactivate and reactivate, unlock, and passwords. Every
 * change is audited in its own transaction with the fields before and after (never a password or
 * its hash).
 */
import {
  type DbHandle,
  departmentSubtree,
  findDepartment,
  findRole,
  findUserByEmail,
  findUserById,
  findUserByUsername,
  insertUser,
  listDepartments,
  listUsers as listUserRows,
  revokeUserSessions,
  type UserChanges,
  type UserRow,
  updateUser as updateUserRow,
} from "@custra/db";
import { AccessError } from "../access/access-error.ts";
import { audit, fieldChanges } from "../access/audit.ts";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "../access/passwords.ts";
import { forbidden, requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { keepingAnAdministrator } from "./administrators.ts";
import {
  type AddUserInput,
  addUserSchema,
  changePasswordSchema,
  listUsersSchema,
  updateUserSchema,
  userIdSchema,
} from "./users.schemas.ts";

/** A user as use cases return them: no password hash, no counters. */
export interface UserView {
  readonly id: number;
  readonly username: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly role: string | null;
  readonly departmentId: number | null;
  readonly managerId: number | null;
  readonly active: boolean;
  readonly locale: string | null;
  /** Whether the user can sign in at all (has a password). */
  readonly canSignIn: boolean;
  readonly lockedUntil: string | null;
}

export function userView(row: UserRow): UserView {
  return {
    id: Number(row.id),
    username: row.username,
    name: row.display_name,
    email: row.email,
    role: row.role,
    departmentId: row.department_id === null ? null : Number(row.department_id),
    managerId: row.manager_id === null ? null : Number(row.manager_id),
    active: row.deactivated_at === null,
    locale: row.locale,
    canSignIn: row.password_hash !== null,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until).toISOString(),
  };
}

const what = (key: string) => ({ key: `access.what.${key}` });

async function resolveDepartment(handle: DbHandle, ref: number | string): Promise<number> {
  if (typeof ref === "number") {
    if (!(await findDepartment(handle.db, ref)))
      throw new AccessError("ACCESS_UNKNOWN_REFERENCE", { what: what("department"), key: ref });
    return ref;
  }
  const named = (await listDepartments(handle.db)).filter((d) => d.name === ref);
  if (named.length !== 1)
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", { what: what("department"), key: ref });
  return Number(named[0]!.id);
}

async function checkRole(handle: DbHandle, code: string): Promise<void> {
  if (!(await findRole(handle.db, code)))
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", { what: what("role"), key: code });
}

/** A manager who exists and is not the user or below the user in the reporting lines. */
async function checkManager(handle: DbHandle, userId: number | null, managerId: number): Promise<void> {
  const seen = new Set<number>();
  let current: number | null = managerId;
  if (!(await findUserById(handle.db, managerId)))
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", { what: what("user"), key: managerId });
  while (current !== null && !seen.has(current)) {
    if (current === userId)
      throw new AccessError("ACCESS_CYCLE", { what: what("user"), key: userId ?? managerId });
    seen.add(current);
    const row: UserRow | undefined = await findUserById(handle.db, current);
    current = row?.manager_id === null || row === undefined ? null : Number(row.manager_id);
  }
}

/**
 * Adds a user who signs in with their email and password; without a password they cannot sign in
 * until an administrator sets one (they may own customers meanwhile).
 */
export async function addUser(ctx: AppContext, input: AddUserInput | unknown): Promise<UserView> {
  requirePermission(ctx.actor, "manageUsers");
  const parsed = parseInput(addUserSchema, input);
  if (parsed.password !== undefined) checkPasswordPolicy(parsed.password);
  const { handle } = ctx;
  const email = parsed.email.toLowerCase();
  const username = parsed.username ?? email;
  await checkRole(handle, parsed.role);
  const departmentId =
    parsed.department === undefined ? null : await resolveDepartment(handle, parsed.department);
  if (parsed.managerId !== undefined) await checkManager(handle, null, parsed.managerId);
  if (await findUserByEmail(handle.db, email))
    throw new AccessError("ACCESS_USER_EXISTS", { field: { key: "access.field.email" }, value: email });
  if (await findUserByUsername(handle.db, username))
    throw new AccessError("ACCESS_USER_EXISTS", { field: { key: "access.field.username" }, value: username });
  const passwordHash = parsed.password === undefined ? null : await hashPassword(parsed.password);
  const id = await handle.db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username,
      display_name: parsed.name,
      email,
      role: parsed.role,
      department_id: departmentId,
      manager_id: parsed.managerId ?? null,
      password_hash: passwordHash,
      locale: parsed.locale ?? null,
      password_changed_at: passwordHash === null ? null : new Date(),
    });
    await audit(trx, ctx.actor, {
      action: "user.create",
      entity: "user",
      entityId: id,
      details: {
        username,
        email,
        role: parsed.role,
        departmentId,
        managerId: parsed.managerId ?? null,
        canSignIn: passwordHash !== null,
      },
    });
    return id;
  });
  return userView((await findUserById(handle.db, id))!);
}

/** The users the filters select (all must hold); a department includes those below it. */
export async function listUsers(ctx: AppContext, input: unknown = {}): Promise<UserView[]> {
  requirePermission(ctx.actor, "manageUsers");
  const filter = parseInput(listUsersSchema, input);
  const rows = await listUserRows(ctx.handle.db, {
    ...(filter.departmentId === undefined
      ? {}
      : { departmentIds: await departmentSubtree(ctx.handle.db, filter.departmentId) }),
    ...(filter.role === undefined ? {} : { role: filter.role }),
    ...(filter.active === undefined ? {} : { active: filter.active }),
    ...(filter.search === undefined ? {} : { search: filter.search }),
  });
  return rows.map(userView);
}

async function existingUser(handle: DbHandle, userId: number): Promise<UserRow> {
  const user = await findUserById(handle.db, userId);
  if (!user) throw new AppError("APP_NOT_FOUND", { what: what("user"), key: userId });
  return user;
}

/** One user (manageUsers); APP_NOT_FOUND when there is none with that id. */
export async function showUser(ctx: AppContext, input: unknown): Promise<UserView> {
  requirePermission(ctx.actor, "manageUsers");
  const { userId } = parseInput(userIdSchema, input);
  return userView(await existingUser(ctx.handle, userId));
}

/** Changes a user's name, email, role, department, manager or language; audited field by field. */
export async function updateUser(ctx: AppContext, input: unknown): Promise<UserView> {
  requirePermission(ctx.actor, "manageUsers");
  const parsed = parseInput(updateUserSchema, input);
  const { handle } = ctx;
  const user = await existingUser(handle, parsed.userId);
  const changes: UserChanges = {};
  if (parsed.name !== undefined) changes.display_name = parsed.name;
  if (parsed.email !== undefined) {
    const email = parsed.email.toLowerCase();
    const other = await findUserByEmail(handle.db, email);
    if (other && Number(other.id) !== parsed.userId)
      throw new AccessError("ACCESS_USER_EXISTS", { field: { key: "access.field.email" }, value: email });
    changes.email = email;
  }
  if (parsed.role !== undefined) {
    await checkRole(handle, parsed.role);
    changes.role = parsed.role;
  }
  if (parsed.department !== undefined)
    changes.department_id =
      parsed.department === null ? null : await resolveDepartment(handle, parsed.department);
  if (parsed.managerId !== undefined) {
    if (parsed.managerId !== null) await checkManager(handle, parsed.userId, parsed.managerId);
    changes.manager_id = parsed.managerId;
  }
  if (parsed.locale !== undefined) changes.locale = parsed.locale;
  const diff = fieldChanges(user, changes as Record<string, unknown>);
  if (Object.keys(diff).length > 0)
    await handle.db.transaction().execute(async (trx) => {
      // Another role may be one without manageUsers: the last administrator must stay one.
      await keepingAnAdministrator(trx, () => updateUserRow(trx, parsed.userId, changes));
      await audit(trx, ctx.actor, {
        action: "user.update",
        entity: "user",
        entityId: parsed.userId,
        changes: diff,
      });
    });
  return userView(await existingUser(handle, parsed.userId));
}

/**
 * Deactivates a user: they can no longer sign in, and their sessions end now. Their customers
 * stay theirs (reassign them separately); their tokens stop working as long as they are inactive.
 */
export async function deactivateUser(ctx: AppContext, input: unknown): Promise<UserView> {
  requirePermission(ctx.actor, "manageUsers");
  const { userId } = parseInput(userIdSchema, input);
  const user = await existingUser(ctx.handle, userId);
  if (user.deactivated_at === null)
    await ctx.handle.db.transaction().execute(async (trx) => {
      await keepingAnAdministrator(trx, () => updateUserRow(trx, userId, { deactivated_at: new Date() }));
      const sessions = await revokeUserSessions(trx, userId, new Date());
      await audit(trx, ctx.actor, {
        action: "user.deactivate",
        entity: "user",
        entityId: userId,
        changes: { active: { before: true, after: false } },
        details: { sessionsRevoked: sessions },
      });
    });
  return userView(await existingUser(ctx.handle, userId));
}

/** Reactivates a deactivated user: they sign in again with the password they had. */
export async function reactivateUser(ctx: AppContext, input: unknown): Promise<UserView> {
  requirePermission(ctx.actor, "manageUsers");
  const { userId } = parseInput(userIdSchema, input);
  const user = await existingUser(ctx.handle, userId);
  if (user.deactivated_at !== null)
    await ctx.handle.db.transaction().execute(async (trx) => {
      await updateUserRow(trx, userId, { deactivated_at: null });
      await audit(trx, ctx.actor, {
        action: "user.reactivate",
        entity: "user",
        entityId: userId,
        changes: { active: { before: false, after: true } },
      });
    });
  return userView(await existingUser(ctx.handle, userId));
}

/**
 * Lifts the lock that failed sign-ins put on a user (before it runs out by itself), and forgets
 * the failures counted so far.
 */
export async function unlockUser(ctx: AppContext, input: unknown): Promise<UserView> {
  requirePermission(ctx.actor, "manageUsers");
  const { userId } = parseInput(userIdSchema, input);
  const user = await existingUser(ctx.handle, userId);
  if (user.locked_until !== null || Number(user.failed_logins ?? 0) > 0)
    await ctx.handle.db.transaction().execute(async (trx) => {
      await updateUserRow(trx, userId, { locked_until: null, failed_logins: 0 });
      await audit(trx, ctx.actor, {
        action: "user.unlock",
        entity: "user",
        entityId: userId,
        details: {
          lockedUntil: user.locked_until === null ? null : new Date(user.locked_until).toISOString(),
          failedLogins: Number(user.failed_logins ?? 0),
        },
      });
    });
  return userView(await existingUser(ctx.handle, userId));
}

/**
 * Changes a password: one's own (the current password is checked), or another user's with
 * manageUsers (a reset, audited as such). A sign-in lock goes. The user's other sessions end
 * (`keepSession`, the id hash of the session making the change, stays), so a stolen session does
 * not survive the change.
 */
export async function changePassword(
  ctx: AppContext,
  input: unknown,
  options: { keepSessionHash?: string } = {},
): Promise<void> {
  const parsed = parseInput(changePasswordSchema, input);
  const self = ctx.actor.userId;
  const userId = parsed.userId ?? self;
  if (userId === null) throw forbidden("manageUsers");
  const forOther = userId !== self;
  if (forOther) requirePermission(ctx.actor, "manageUsers");
  const user = await existingUser(ctx.handle, userId);
  if (!forOther) {
    const ok =
      user.password_hash !== null &&
      parsed.currentPassword !== undefined &&
      (await verifyPassword(user.password_hash, parsed.currentPassword));
    if (!ok) throw new AccessError("ACCESS_BAD_CREDENTIALS");
  }
  checkPasswordPolicy(parsed.newPassword);
  const passwordHash = await hashPassword(parsed.newPassword);
  await ctx.handle.db.transaction().execute(async (trx) => {
    const now = new Date();
    await updateUserRow(trx, userId, {
      password_hash: passwordHash,
      password_changed_at: now,
      failed_logins: 0,
      locked_until: null,
    });
    await revokeUserSessions(trx, userId, now, options.keepSessionHash);
    await audit(trx, ctx.actor, {
      action: forOther ? "user.password_reset" : "user.password_change",
      entity: "user",
      entityId: userId,
    });
  });
}

export interface CurrentUser extends UserView {
  readonly permissions: readonly string[];
  readonly personalFields: { readonly list: string; readonly detail: string };
  /**
   * Whether the user sees every customer (the "all" data scope): the company-wide runs and
   * previews need it besides their permission, so a client can tell before it asks.
   */
  readonly allCustomers: boolean;
}

/** The signed-in user as they see themselves ("who am I"): profile, permissions and field rights. */
export async function currentUser(ctx: AppContext): Promise<CurrentUser> {
  if (ctx.actor.userId === null) throw new AccessError("ACCESS_NOT_SIGNED_IN");
  const user = await findUserById(ctx.handle.db, ctx.actor.userId);
  if (!user) throw new AccessError("ACCESS_NOT_SIGNED_IN");
  return {
    ...userView(user),
    permissions: [...ctx.actor.permissions].sort(),
    personalFields: ctx.actor.personalFields,
    allCustomers: ctx.actor.scope.kind === "all",
  };
}
