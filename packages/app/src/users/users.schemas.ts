import { DATA_SCOPES, FIELD_VISIBILITIES } from "@custra/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/actor.ts";
import { passwordField } from "../access/passwords.ts";

const id = z.number().int().positive();
const locale = z.enum(["zh-CN", "en"]);
/** A department by id, or by name (which must name exactly one). */
const departmentRef = z.union([id, z.string().trim().min(1).max(200)]);

export const addUserSchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  /** The role's code. */
  role: z.string().trim().min(1).max(50),
  department: departmentRef.optional(),
  managerId: id.optional(),
  /** What customers.owner holds for this user; default the email. */
  username: z.string().trim().min(1).max(100).optional(),
  /** None: the user cannot sign in until an administrator sets one (changePassword). */
  password: passwordField.optional(),
  locale: locale.optional(),
});
export type AddUserInput = z.input<typeof addUserSchema>;

export const listUsersSchema = z.strictObject({
  /** The department's users and those of the departments below it. */
  departmentId: id.optional(),
  role: z.string().max(50).optional(),
  active: z.boolean().optional(),
  /** A part of the username, the name or the email (case-insensitive). */
  search: z.string().trim().min(1).max(200).optional(),
});

export const updateUserSchema = z.strictObject({
  userId: id,
  name: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).optional(),
  role: z.string().trim().min(1).max(50).optional(),
  department: departmentRef.nullable().optional(),
  managerId: id.nullable().optional(),
  locale: locale.nullable().optional(),
});

export const userIdSchema = z.strictObject({ userId: id });

export const changePasswordSchema = z.strictObject({
  /** Another user's password (manageUsers, no current password needed); default the actor's own. */
  userId: id.optional(),
  currentPassword: passwordField.optional(),
  newPassword: passwordField,
});

export const departmentSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  parentId: id.nullable().optional(),
});
export const updateDepartmentSchema = z.strictObject({
  id,
  name: z.string().trim().min(1).max(200).optional(),
  parentId: id.nullable().optional(),
});
export const departmentIdSchema = z.strictObject({ id });

const roleFields = {
  names: z.strictObject({
    "zh-CN": z.string().trim().min(1).max(100),
    en: z.string().trim().min(1).max(100),
  }),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length * 2),
  dataScope: z.enum(DATA_SCOPES),
  personalFields: z.strictObject({
    list: z.enum(FIELD_VISIBILITIES),
    detail: z.enum(FIELD_VISIBILITIES),
  }),
};
const roleCode = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{1,49}$/)
  .describe("lower-case letters, digits, _ and -");

export const createRoleSchema = z.strictObject({ code: roleCode, ...roleFields });

/** What an admin changes of a role; each part left out stays as it is. */
export const updateRoleSchema = z.strictObject({
  code: z.string().min(1).max(50),
  names: roleFields.names.optional(),
  permissions: roleFields.permissions.optional(),
  dataScope: roleFields.dataScope.optional(),
  personalFields: roleFields.personalFields.optional(),
});
