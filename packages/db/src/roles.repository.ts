/** Roles: their permissions (stored as a JSON array in text), data scope and personal-field rights. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** How far a role sees (DESIGN.md §8): 本人 / 本人及下属 / 本部门 / 本部门及下属 / 全部. */
export const DATA_SCOPES = ["own", "own_and_subordinates", "department", "department_tree", "all"] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const FIELD_VISIBILITIES = ["show", "mask", "hide"] as const;
export type StoredFieldVisibility = (typeof FIELD_VISIBILITIES)[number];

export interface RoleRecord {
  readonly code: string;
  readonly names: { readonly "zh-CN": string; readonly en: string };
  readonly permissions: readonly string[];
  readonly dataScope: DataScope;
  readonly personalFields: { readonly list: StoredFieldVisibility; readonly detail: StoredFieldVisibility };
  readonly builtin: boolean;
}

type RoleColumns = {
  code: string;
  name_zh: string;
  name_en: string;
  permissions: string;
  data_scope: string;
  list_fields: string;
  detail_fields: string;
  builtin: boolean;
};

function record(row: RoleColumns): RoleRecord {
  const parsed: unknown = JSON.parse(row.permissions);
  return {
    code: row.code,
    names: { "zh-CN": row.name_zh, en: row.name_en },
    permissions: Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === "string") : [],
    dataScope: (DATA_SCOPES as readonly string[]).includes(row.data_scope)
      ? (row.data_scope as DataScope)
      : "own",
    personalFields: { list: visibility(row.list_fields), detail: visibility(row.detail_fields) },
    builtin: Boolean(row.builtin),
  };
}

/** A stored value that is not a known visibility hides: a damaged row must not show more. */
function visibility(value: string): StoredFieldVisibility {
  return (FIELD_VISIBILITIES as readonly string[]).includes(value)
    ? (value as StoredFieldVisibility)
    : "hide";
}

const COLUMNS = [
  "code",
  "name_zh",
  "name_en",
  "permissions",
  "data_scope",
  "list_fields",
  "detail_fields",
  "builtin",
] as const;

export async function listRoles(db: Kysely<Database>): Promise<RoleRecord[]> {
  const rows = await db
    .selectFrom("roles")
    .select(COLUMNS)
    .orderBy("builtin", "desc")
    .orderBy("code")
    .execute();
  return rows.map(record);
}

export async function findRole(db: Kysely<Database>, code: string): Promise<RoleRecord | undefined> {
  const row = await db.selectFrom("roles").select(COLUMNS).where("code", "=", code).executeTakeFirst();
  return row ? record(row) : undefined;
}

/** The columns of what a role allows, as stored. */
function allowed(role: Omit<RoleRecord, "builtin">) {
  return {
    name_zh: role.names["zh-CN"],
    name_en: role.names.en,
    permissions: JSON.stringify(role.permissions),
    data_scope: role.dataScope,
    list_fields: role.personalFields.list,
    detail_fields: role.personalFields.detail,
  };
}

export async function insertRole(db: Kysely<Database>, role: Omit<RoleRecord, "builtin">): Promise<void> {
  await db
    .insertInto("roles")
    .values({ code: role.code, ...allowed(role), builtin: false })
    .execute();
}

/** Replaces what a role allows: its names, permissions, data scope and personal-field rights. */
export async function updateRole(db: Kysely<Database>, role: Omit<RoleRecord, "builtin">): Promise<void> {
  await db
    .updateTable("roles")
    .set({ ...allowed(role), updated_at: new Date() })
    .where("code", "=", role.code)
    .execute();
}
