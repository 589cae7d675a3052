/** What the contacts, interactions and surveys use cases share: the customer lookup, pages, ids. */
import { randomUUID } from "node:crypto";
import { issueAsText, text } from "@custra/core";
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

import type { Page } from "../records/records-page.ts";

export type { Page };

/** A position in a list sorted by (key, id): the last row of the page before. */
export interface Cursor {
  readonly key: string | number;
  readonly id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** A cursor of ours (its key of the list's type); anything else is invalid input naming `cursor`. */
export function decodeCursor(value: string, keyType: "string" | "number"): Cursor {
  try {
    const [key, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    const keyOk = keyType === "string" ? typeof key === "string" : Number.isSafeInteger(key);
    if (keyOk && Number.isSafeInteger(id)) return { key: key as string | number, id: id as number };
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError("APP_INVALID_INPUT", {
    issues: [issueAsText({ path: "cursor", problem: text("document.problem.invalid") })],
  });
}

/** The page of `rows` (fetched one longer than `limit`) and the cursor after it. */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  total: number,
  toItem: (row: R) => T,
  cursorOf: (row: R) => Cursor,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    total,
    nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  };
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

/** `value` with LIKE's wildcards and the escape character taken literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A number column as both engines return it (BIGINT may come back as bigint). */
export function numberOrNull(value: number | bigint | string | null): number | null {
  return value === null ? null : Number(value);
}
