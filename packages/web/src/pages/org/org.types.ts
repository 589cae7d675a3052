/**
 * What the organisation pages read from the API (packages/server's users.schemas.ts, schemas.ts and
 * access.schemas.ts; the OpenAPI document at /api/docs is the reference). The codes of permissions,
 * data scopes and field rights are checked against the app's own, so one added there without a
 * label here fails to compile.
 */
import type { Permission as AppPermission, DepartmentView, RoleView } from "@custra/app";

/** custra's actions, in the order the server lists them. */
export const PERMISSIONS = [
  "read",
  "create",
  "edit",
  "delete",
  "export",
  "import",
  "reassign",
  "analyze",
  "editSchemes",
  "manageProducts",
  "manageUsers",
  "viewAudit",
  "erase",
] as const satisfies readonly AppPermission[];
export type Permission = (typeof PERMISSIONS)[number];
/** Compiles while every permission of the app is listed above (and so has a label). */
export const EVERY_PERMISSION_LISTED: [Exclude<AppPermission, Permission>] extends [never] ? true : never =
  true;

export const DATA_SCOPES = [
  "own",
  "own_and_subordinates",
  "department",
  "department_tree",
  "all",
] as const satisfies readonly RoleView["dataScope"][];
export type DataScope = (typeof DATA_SCOPES)[number];

export const FIELD_VISIBILITIES = ["show", "mask", "hide"] as const;
export type FieldVisibility = (typeof FIELD_VISIBILITIES)[number];

/** GET /users: a user as an administrator sees them. */
export interface OrgUser {
  readonly id: number;
  readonly username: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly role: string | null;
  readonly departmentId: number | null;
  readonly managerId: number | null;
  readonly active: boolean;
  readonly locale: string | null;
  readonly canSignIn: boolean;
  readonly lockedUntil: string | null;
}

/** GET /departments. */
export type Department = Readonly<DepartmentView>;

/** GET /roles. */
export interface Role {
  readonly code: string;
  readonly names: { readonly "zh-CN": string; readonly en: string };
  readonly permissions: readonly string[];
  readonly dataScope: DataScope;
  readonly personalFields: { readonly list: FieldVisibility; readonly detail: FieldVisibility };
  readonly builtin: boolean;
}

/** GET /customer-shares: one share of the company's list. */
export interface CompanyShare {
  readonly id: number;
  readonly customerId: number;
  readonly customerCode: string;
  readonly customerName: string | null;
  readonly userId: number | null;
  readonly userName: string | null;
  readonly departmentId: number | null;
  readonly departmentName: string | null;
  readonly access: "read" | "write";
  readonly until: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly expired: boolean;
}

export interface CompanySharePage {
  readonly items: readonly CompanyShare[];
  readonly total: number;
  readonly nextCursor: string | null;
}
