/**
 * One page of a record list: the rows the conditions select after the cursor, in the sort's order
 * (ties broken by id), and the total over all pages. The lists of products, orders, invoices and
 * payments are built on it; every condition, the scope's included, goes into both the page and the
 * count, so that a record out of scope is neither listed nor counted. The cursor and the page cut
 * (`encodeCursor`, `decodeCursor`, `pageOf`) are also what the contacts, interactions and surveys
 * lists use, so that every list's cursor has one format.
 */
import { issueAsText, text } from "@custra/core";
import type { Database } from "@custra/db";
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { visibleCustomerId } from "../access/customer-by-code.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";

export interface Page<T> {
  items: T[];
  /** Every record the filters select (and the reader may see), over all pages. */
  total: number;
  /** Give it as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PageQuery {
  /** FROM … (with joins), naming the tables as `columns`, `conditions`, `key` and `id` use them. */
  readonly from: RawBuilder<unknown>;
  /** The selected columns (without the sort key). */
  readonly columns: RawBuilder<unknown>;
  readonly conditions: readonly Expression<SqlBool>[];
  /** The sort's value per row, never NULL (a keyset over NULLs would need per-engine NULL ordering). */
  readonly key: RawBuilder<unknown>;
  readonly keyKind: "text" | "number";
  /** The unique id column that breaks ties, e.g. "o.id". */
  readonly id: string;
  readonly descending: boolean;
  readonly limit: number;
  readonly cursor: string | undefined;
  /** The engine's double type (handle.sqlTypes.double), for the count. */
  readonly double: string;
}

/** A position in a list sorted by (key, id): the last row of the page before. */
export interface Cursor {
  readonly key: string | number;
  readonly id: number;
}

/** The rows of one page and the cursor of the next (null on the last page). */
export async function readPage<Row extends { id: number | bigint }>(
  db: Kysely<Database>,
  query: PageQuery,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.keyKind);
  const id = sql.ref(query.id);
  const key = query.key;
  const after = cursor
    ? query.descending
      ? sql`AND (${key} < ${cursor.key} OR (${key} = ${cursor.key} AND ${id} < ${cursor.id}))`
      : sql`AND (${key} > ${cursor.key} OR (${key} = ${cursor.key} AND ${id} > ${cursor.id}))`
    : sql``;
  const direction = sql.raw(query.descending ? "DESC" : "ASC");
  const { rows } = await sql<Row & { sort_key: unknown }>`
    SELECT ${query.columns}, ${key} AS sort_key ${query.from}
    WHERE ${whereOf(query)} ${after}
    ORDER BY sort_key ${direction}, ${id} ${direction}
    LIMIT ${query.limit + 1}`.execute(db);
  return cut(rows, query.limit, (last) => ({
    key: query.keyKind === "text" ? String(last.sort_key) : Number(last.sort_key),
    id: Number(last.id),
  }));
}

/** The page of `rows` (fetched one longer than `limit`) and the cursor after it. */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  total: number,
  toItem: (row: R) => T,
  cursorOf: (row: R) => Cursor,
): Page<T> {
  const { rows: page, nextCursor } = cut(rows, limit, cursorOf);
  return { items: page.map(toItem), total, nextCursor };
}

/** The first `limit` of `rows` (fetched one longer) and, if there was one more, the cursor after them. */
function cut<R>(rows: readonly R[], limit: number, cursorOf: (row: R) => Cursor) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** How many rows the conditions select over all pages (a list's total). */
async function countRows(db: Kysely<Database>, query: PageQuery): Promise<number> {
  const { rows } = await sql<{ total: number | string | bigint }>`
    SELECT CAST(COUNT(*) AS ${sql.raw(query.double)}) AS total ${query.from} WHERE ${whereOf(query)}`.execute(
    db,
  );
  return Number(rows[0]?.total ?? 0);
}

/** A page and the total: what a list answers. */
export async function readCountedPage<Row extends { id: number | bigint }>(
  db: Kysely<Database>,
  query: PageQuery,
): Promise<{ rows: Row[]; total: number; nextCursor: string | null }> {
  const total = await countRows(db, query);
  return { ...(await readPage<Row>(db, query)), total };
}

function whereOf(query: PageQuery) {
  return query.conditions.length === 0 ? sql`TRUE` : sql.join(query.conditions, sql` AND `);
}

/** `value` with LIKE's wildcards and the escape character taken literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** The cursor of a page; a cursor that is not one of ours (or of another sort) is invalid input. */
export function decodeCursor(value: string, kind: "text" | "number"): Cursor {
  try {
    const [key, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    const keyOk = kind === "text" ? typeof key === "string" : typeof key === "number" && Number.isFinite(key);
    if (keyOk && Number.isSafeInteger(id)) return { key: key as string | number, id: id as number };
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError("APP_INVALID_INPUT", {
    issues: [issueAsText({ path: "cursor", problem: text("document.problem.invalid") })],
  });
}

/** The id of the customer `code` if in scope (APP_NOT_FOUND otherwise); undefined without a code. */
export async function customerFilter(ctx: AppContext, code: string | undefined): Promise<number | undefined> {
  return code === undefined ? undefined : visibleCustomerId(ctx, code, { db: ctx.handle.read });
}
