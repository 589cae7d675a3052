/**
 * A user's saved views of workbench lists (migrations/0014_saved_views.ts): each user lists and
 * changes only their own; another user's view answers not found, as if it did not exist. A view
 * holds no customer data, only how a list is filtered and shown, so it needs no permission beyond
 * being signed in as a user (the CLI's local operator has none).
 */
import { type Catalog, hasMessage, registerCatalog } from "@custra/core";
import type { Database } from "@custra/db";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import {
  type CreateSavedViewInput,
  createSavedViewSchema,
  type ListSavedViewsInput,
  listSavedViewsSchema,
  type SavedViewIdInput,
  type SavedViewPage,
  savedViewIdSchema,
  type UpdateSavedViewInput,
  updateSavedViewSchema,
} from "./saved-views.schemas.ts";

const catalog = {
  "app.views.what": { "zh-CN": "视图", en: "saved view" },
  "app.views.exists": { "zh-CN": "已有同名视图：{name}", en: "a view named {name} exists already" },
  "app.views.no_user": {
    "zh-CN": "只有登录用户才能保存视图",
    en: "only a signed-in user can have saved views",
  },
} satisfies Catalog;
if (!hasMessage("app.views.what")) registerCatalog(catalog);

export interface SavedView {
  id: number;
  page: SavedViewPage;
  name: string;
  state: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The actor's views, of one page if given, by name. */
export async function listSavedViews(
  ctx: AppContext,
  input: ListSavedViewsInput | unknown = {},
): Promise<SavedView[]> {
  const { page } = parseInput(listSavedViewsSchema, input ?? {});
  const userId = ctx.actor.userId;
  if (userId === null) return [];
  let query = ctx.handle.read.selectFrom("saved_views").selectAll().where("user_id", "=", userId);
  if (page !== undefined) query = query.where("page", "=", page);
  return (await query.orderBy("page").orderBy("name").execute()).map(view);
}

export async function createSavedView(
  ctx: AppContext,
  input: CreateSavedViewInput | unknown,
): Promise<SavedView> {
  const { page, name, state } = parseInput(createSavedViewSchema, input);
  const userId = ownUser(ctx);
  const id = await ctx.handle.db.transaction().execute(async (trx) => {
    await requireFreeName(trx, userId, page, name);
    const row = await trx
      .insertInto("saved_views")
      .values({ user_id: userId, page, name, state: JSON.stringify(state) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
  return readOwn(ctx.handle.db, userId, id);
}

export async function updateSavedView(
  ctx: AppContext,
  input: UpdateSavedViewInput | unknown,
): Promise<SavedView> {
  const { id, name, state } = parseInput(updateSavedViewSchema, input);
  const userId = ownUser(ctx);
  await ctx.handle.db.transaction().execute(async (trx) => {
    const current = await readOwn(trx, userId, id);
    if (name !== undefined && name !== current.name) await requireFreeName(trx, userId, current.page, name);
    await trx
      .updateTable("saved_views")
      .set({
        ...(name === undefined ? {} : { name }),
        ...(state === undefined ? {} : { state: JSON.stringify(state) }),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
  });
  return readOwn(ctx.handle.db, userId, id);
}

export async function deleteSavedView(ctx: AppContext, input: SavedViewIdInput | unknown): Promise<void> {
  const { id } = parseInput(savedViewIdSchema, input);
  const userId = ownUser(ctx);
  const deleted = await ctx.handle.db
    .deleteFrom("saved_views")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw notFound(id);
}

function ownUser(ctx: AppContext): number {
  if (ctx.actor.userId === null)
    throw new AppError("APP_CONFLICT", { reason: { key: "app.views.no_user", params: {} } });
  return ctx.actor.userId;
}

async function requireFreeName(db: Db, userId: number, page: string, name: string): Promise<void> {
  const taken = await db
    .selectFrom("saved_views")
    .select("id")
    .where("user_id", "=", userId)
    .where("page", "=", page)
    .where("name", "=", name)
    .executeTakeFirst();
  if (taken) throw new AppError("APP_CONFLICT", { reason: { key: "app.views.exists", params: { name } } });
}

async function readOwn(db: Db, userId: number, id: number): Promise<SavedView> {
  const row = await db
    .selectFrom("saved_views")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) throw notFound(id);
  return view(row);
}

function notFound(id: number): AppError {
  return new AppError("APP_NOT_FOUND", { what: { key: "app.views.what" }, key: id });
}

function view(row: {
  id: number;
  page: string;
  name: string;
  state: unknown;
  created_at: Date | string;
  updated_at: Date | string;
}): SavedView {
  return {
    id: Number(row.id),
    page: row.page as SavedViewPage,
    name: row.name,
    state: (typeof row.state === "string" ? JSON.parse(row.state) : row.state) as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
