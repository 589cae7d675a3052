import { type Catalog, hasMessage, registerCatalog, text } from "@custra/core";
import { type Database, visibleCustomer } from "@custra/db";
import type { Kysely } from "kysely";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";

const catalog = {
  "app.what.customer": { "zh-CN": "客户", en: "customer" },
  "app.what.task": { "zh-CN": "任务", en: "task" },
} satisfies Catalog;

if (!hasMessage("app.what.customer")) registerCatalog(catalog);

/**
 * The id of the customer with `code`, if the actor may see it (with `access` "write": change it);
 * APP_NOT_FOUND otherwise, the same for a customer that does not exist and one out of scope (never
 * told apart). Looked up in `db`: a write's transaction, or the read connections (default: the
 * handle's writer connection).
 */
export async function visibleCustomerId(
  ctx: AppContext,
  code: string,
  options: { readonly access?: "read" | "write"; readonly db?: Kysely<Database> } = {},
): Promise<number> {
  const row = await (options.db ?? ctx.handle.db)
    .selectFrom("customers")
    .select("id")
    .where("code", "=", code)
    .where(
      visibleCustomer(ctx.actor.scope, "customers.id", options.access ?? "read", {
        ownerColumn: "customers.owner",
      }),
    )
    .executeTakeFirst();
  if (!row) throw new AppError("APP_NOT_FOUND", { what: text("app.what.customer"), key: code });
  return Number(row.id);
}
