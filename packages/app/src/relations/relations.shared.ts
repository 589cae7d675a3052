/**
 * What the contacts, interactions and surveys use cases share: the customer lookup and ids (their
 * pages are records-page.ts's).
 */
import { randomUUID } from "node:crypto";
import { text } from "@custra/core";
import { type Database, visibleCustomer } from "@custra/db";
import type { Kysely } from "kysely";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import "../customers/customers.messages.ts";
import "./relations.messages.ts";

/**
 * The id of the customer with `code` if the actor may read it (or, with "write", change it), looked
 * up in `db` (a write's transaction; by default the read connections). APP_NOT_FOUND otherwise, the
 * same for a customer that does not exist and one out of scope.
 */
export async function customerIdInScope(
  ctx: AppContext,
  code: string,
  access: "read" | "write" = "read",
  db: Kysely<Database> = ctx.handle.read,
): Promise<number> {
  const row = await db
    .selectFrom("customers")
    .select("id")
    .where("code", "=", code)
    .where(visibleCustomer(ctx.actor.scope, "customers.id", access))
    .executeTakeFirst();
  if (!row) throw new AppError("APP_NOT_FOUND", { what: text("app.customers.what.customer"), key: code });
  return Number(row.id);
}

/**
 * The external id of a row written through the API rather than imported. Imported rows carry the
 * file's id or a derived `#<hash>-<n>` (engine/import/pipeline.ts deriveKey); external_id is unique
 * per table (UNIQUE on PostgreSQL, the importer's check on DuckDB). `api:` and a random UUID match
 * no derived key, and a file holds it only when it is an export of this very row (re-importing it
 * updates the row, as it should).
 */
export function apiExternalId(): string {
  return `api:${randomUUID()}`;
}

/** A number column as both engines return it (BIGINT may come back as bigint). */
export function numberOrNull(value: number | bigint | string | null): number | null {
  return value === null ? null : Number(value);
}
