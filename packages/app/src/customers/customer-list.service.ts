/**
 * The customer list: filters, search, sort, cursor pages and the total, over the customers the
 * reader may see (a customer out of scope is neither listed nor counted). Scores and classes come
 * from the latest analysis run, grades from the latest grade run of a scheme; the server's
 * customer list and the exports of a filtered list are built on it.
 */
import { issueAsText, text } from "@custra/core";
import {
  type Database,
  departmentSubtree,
  findAnalysisRun,
  isPurchase,
  listUsers,
  visibleCustomer,
} from "@custra/db";
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { applyFieldRightsToRows } from "../access/masking.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import {
  type CustomerSort,
  type ListCustomersInput,
  type ListCustomersQuery,
  listCustomersSchema,
} from "./customers.schemas.ts";
import "./customers.messages.ts";

const DEFAULT_SCHEME = "value";

/**
 * A customer as a list shows it: one personal field (minimisation), as the reader's list rights
 * allow it (shown, masked or null), its classes and value.
 */
export interface CustomerListItem {
  id: number;
  code: string;
  name: string | null;
  phone: string | null;
  type: string | null;
  industry: string | null;
  province: string | null;
  city: string | null;
  owner: string | null;
  registeredOn: string | null;
  tags: string[];
  /** The date of the last purchase (a completed order), null before the first. */
  lastPurchase: string | null;
  grade: string | null;
  rfmSegment: string | null;
  abcClass: string | null;
  valueTier: string | null;
  lifecycleStage: string | null;
  churnWarning: string | null;
  /** Why the churn warning was raised (core churn reason codes, for the reader's language); [] without. */
  churnReasons: string[];
  creditGrade: string | null;
  revenue: number | null;
  clv: number | null;
  churnRisk: number | null;
  pAlive: number | null;
}

export interface CustomerPage {
  items: CustomerListItem[];
  /** Every customer the filters select (and the reader may see), over all pages. */
  total: number;
  /** Give it as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Where the scores and grades come from (null: no analysis / no grade run yet). */
  analysisRunId: number | null;
  gradeRunId: number | null;
  scheme: string;
}

type Key = string | number;

interface Cursor {
  readonly key: Key;
  readonly id: number;
}

export interface ListCustomersOptions {
  /** Only the customers the run scored (an analysis run's results), not every customer with its scores if any. */
  readonly scoredOnly?: boolean;
}

export async function listCustomers(
  ctx: AppContext,
  input: ListCustomersInput | unknown = {},
  options: ListCustomersOptions = {},
): Promise<CustomerPage> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listCustomersSchema, input ?? {});
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
  // The page depends on the reader through their scope and whether they may search phones; it is
  // kept unmasked, and masked for each reader as it is handed out.
  const searchesPhones = ctx.actor.personalFields.detail === "show";
  const page = await cachedRead(
    ctx.handle,
    "page",
    `customers.list ${JSON.stringify([query, options, ctx.actor.scope, searchesPhones])}`,
    () => readPage(ctx, query, options, cursor, searchesPhones),
  );
  return { ...page, items: applyFieldRightsToRows(ctx.actor, "list", page.items) };
}

async function readPage(
  ctx: AppContext,
  query: ListCustomersQuery,
  options: ListCustomersOptions,
  cursor: Cursor | undefined,
  searchesPhones: boolean,
): Promise<CustomerPage> {
  // Requests read through the read connections: a running analysis must not hold up the list.
  const db = ctx.handle.read;
  const double = sql.raw(ctx.handle.sqlTypes.double);

  const run = await findAnalysisRun(db, query.runId);
  if (query.runId !== undefined && !run) {
    throw new AppError("APP_NOT_FOUND", { what: { key: "app.analysis.what.run" }, key: query.runId });
  }
  const scheme = query.scheme ?? DEFAULT_SCHEME;
  const gradeRun = await db
    .selectFrom("grade_runs")
    .select("id")
    .where("scheme_name", "=", scheme)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const runId = run?.id ?? null;
  const gradeRunId = gradeRun ? Number(gradeRun.id) : null;
  const empty: CustomerPage = {
    items: [],
    total: 0,
    nextCursor: null,
    analysisRunId: runId,
    gradeRunId,
    scheme,
  };
  const scoreFilters = [
    query.rfmSegment,
    query.abcClass,
    query.valueTier,
    query.lifecycle,
    query.churnWarning,
    query.creditGrade,
  ];
  // A filter on what no run has computed yet selects nobody.
  if (runId === null && scoreFilters.some((values) => values !== undefined)) return empty;
  if (gradeRunId === null && query.grade !== undefined) return empty;

  const needsLastPurchase =
    query.sort === "lastPurchase" ||
    query.lastPurchaseFrom !== undefined ||
    query.lastPurchaseTo !== undefined;
  const from = sql`
    FROM customers c
    ${sql.raw(options.scoredOnly ? "JOIN" : "LEFT JOIN")} customer_scores s ON s.run_id = ${runId ?? -1} AND s.customer_id = c.id
    ${
      // Joined only to filter by grade: a page's grades are read for its rows alone, as a join
      // over every customer's grade would cost the count and the page a pass over millions.
      query.grade !== undefined
        ? sql`JOIN customer_grades g ON g.grade_run_id = ${gradeRunId ?? -1} AND g.customer_id = c.id`
        : sql``
    }
    ${
      needsLastPurchase
        ? sql`LEFT JOIN (
            SELECT o.customer_id, MAX(o.order_date) AS last_purchase FROM orders o
            WHERE ${isPurchase("o")} GROUP BY o.customer_id
          ) lp ON lp.customer_id = c.id`
        : sql``
    }`;
  const conditions: Expression<SqlBool>[] = [
    visibleCustomer(ctx.actor.scope, "c.id", "read", { ownerColumn: "c.owner", scan: true }),
  ];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (values !== undefined) conditions.push(sql<SqlBool>`${sql.ref(column)} IN (${sql.join(values)})`);
  };
  anyOf("g.grade", query.grade);
  anyOf("s.rfm_segment", query.rfmSegment);
  anyOf("s.abc_class", query.abcClass);
  anyOf("s.value_tier", query.valueTier);
  anyOf("s.lifecycle_stage", query.lifecycle);
  anyOf("s.churn_warning", query.churnWarning);
  anyOf("s.credit_grade", query.creditGrade);
  anyOf("c.industry", query.industry);
  anyOf("c.province", query.region);
  anyOf("c.owner", query.owner);
  if (query.department !== undefined) {
    const owners = await departmentMembers(db, query.department);
    // Nobody in those departments: nobody's customers (an empty IN list is no SQL).
    if (owners.length === 0) return empty;
    anyOf("c.owner", owners);
  }
  if (query.tags !== undefined) {
    // Tags are a JSON list: its text holds each tag as a JSON string, the same on both engines.
    const matches = query.tags.map(
      (tag) => sql<SqlBool>`CAST(c.tags AS TEXT) LIKE ${`%${likeEscape(JSON.stringify(tag))}%`} ESCAPE '\\'`,
    );
    conditions.push(sql<SqlBool>`(${sql.join(matches, sql` OR `)})`);
  }
  const range = (column: RawBuilder<unknown>, low: string | undefined, high: string | undefined) => {
    if (low !== undefined) conditions.push(sql<SqlBool>`${column} >= CAST(${low} AS DATE)`);
    if (high !== undefined) conditions.push(sql<SqlBool>`${column} <= CAST(${high} AS DATE)`);
  };
  range(sql`c.registered_on`, query.registeredFrom, query.registeredTo);
  range(sql`lp.last_purchase`, query.lastPurchaseFrom, query.lastPurchaseTo);
  if (query.search !== undefined) {
    const pattern = `%${likeEscape(query.search.toLowerCase())}%`;
    // The phone is searched only for a reader who may see it unmasked: otherwise a search for a
    // number would tell a reader who sees 138****5678 which customer has 13812345678.
    const phone = searchesPhones
      ? sql<SqlBool>`COALESCE(c.phone, '') LIKE ${pattern} ESCAPE '\\'`
      : sql<SqlBool>`FALSE`;
    conditions.push(
      sql<SqlBool>`(LOWER(c.code) LIKE ${pattern} ESCAPE '\\' OR LOWER(COALESCE(c.name, '')) LIKE ${pattern} ESCAPE '\\'
        OR ${phone})`,
    );
  }
  const where = sql.join(conditions, sql` AND `);

  // The total does not depend on the sort or the page: kept apart, the next page of a list does
  // not count its customers again, and the count runs beside the page's own read.
  const { sort: _sort, order: _order, limit: _limit, cursor: _cursor, ...filter } = query;
  const counting = cachedRead(
    ctx.handle,
    "page",
    `customers.count ${JSON.stringify([filter, options, ctx.actor.scope, searchesPhones])}`,
    async () => {
      const { rows } = await sql<{ total: number | string | bigint }>`
        SELECT CAST(COUNT(*) AS ${double}) AS total ${from} WHERE ${where}`.execute(db);
      return Number(rows[0]?.total ?? 0);
    },
  );

  const key = sortKey(query.sort, double);
  const descending = query.order === "desc";
  const after = cursor
    ? descending
      ? sql`AND (${key} < ${cursor.key} OR (${key} = ${cursor.key} AND c.id < ${cursor.id}))`
      : sql`AND (${key} > ${cursor.key} OR (${key} = ${cursor.key} AND c.id > ${cursor.id}))`
    : sql``;
  const direction = sql.raw(descending ? "DESC" : "ASC");
  // The page's ids first, then what it shows of them: selecting every shown column over the whole
  // filter would read them for every customer it passes (on DuckDB a second of a million names,
  // phones and tags for a page of fifty).
  const [total, { rows }] = await Promise.all([
    counting,
    sql<{ id: number | bigint; sort_key: unknown }>`
      SELECT c.id, ${key} AS sort_key
      ${from}
      WHERE ${where} ${after}
      ORDER BY sort_key ${direction}, c.id ${direction}
      LIMIT ${query.limit + 1}`.execute(db),
  ]);
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => Number(row.id));
  const [shown, lastPurchases, grades] = await Promise.all([
    shownRows(ctx, runId, ids),
    lastPurchaseOf(ctx, ids),
    gradesOf(ctx, gradeRunId, ids),
  ]);
  const items = ids.map((id) =>
    item({ ...shown.get(id)!, grade: grades.get(id) ?? null }, lastPurchases.get(id) ?? null),
  );
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ key: keyValue(last.sort_key, query.sort), id: Number(last.id) })
      : null;
  return { items, total, nextCursor, analysisRunId: runId, gradeRunId, scheme };
}

interface Row {
  id: number | bigint;
  code: string;
  name: string | null;
  phone: string | null;
  type: string | null;
  industry: string | null;
  province: string | null;
  city: string | null;
  owner: string | null;
  registered_on: string | null;
  tags: unknown;
  grade: string | null;
  rfm_segment: string | null;
  abc_class: string | null;
  value_tier: string | null;
  lifecycle_stage: string | null;
  churn_warning: string | null;
  churn_reasons: unknown;
  credit_grade: string | null;
  revenue: number | null;
  clv: number | null;
  churn_risk: number | null;
  p_alive: number | null;
}

const TEXT_SORTS: ReadonlySet<CustomerSort> = new Set(["code", "name", "registeredOn", "lastPurchase"]);

/**
 * The sort's value per customer, never NULL (a keyset over NULLs would need per-engine NULL
 * ordering): missing texts sort as "", missing numbers (no score yet; every score here is ≥ 0) as -1.
 */
function sortKey(sort: CustomerSort, double: RawBuilder<unknown>): RawBuilder<unknown> {
  const number = (column: string) => sql`CAST(COALESCE(${sql.ref(column)}, -1) AS ${double})`;
  switch (sort) {
    case "code":
      return sql`c.code`;
    case "name":
      return sql`COALESCE(c.name, '')`;
    case "registeredOn":
      return sql`COALESCE(CAST(c.registered_on AS TEXT), '')`;
    case "lastPurchase":
      return sql`COALESCE(CAST(lp.last_purchase AS TEXT), '')`;
    case "revenue":
      return number("s.revenue");
    case "clv":
      return number("s.clv");
    case "churnRisk":
      return number("s.churn_risk");
    case "pAlive":
      return number("s.p_alive");
  }
}

function keyValue(value: unknown, sort: CustomerSort): Key {
  return TEXT_SORTS.has(sort) ? String(value) : Number(value);
}

/** What the list shows of customers `ids` (a page), their scores from analysis run `runId`; the grade is read apart. */
async function shownRows(
  ctx: AppContext,
  runId: number | null,
  ids: readonly number[],
): Promise<Map<number, Omit<Row, "grade">>> {
  if (ids.length === 0) return new Map();
  const double = sql.raw(ctx.handle.sqlTypes.double);
  const { rows } = await sql<Omit<Row, "grade">>`
    SELECT c.id, c.code, c.name, c.phone, c.type, c.industry, c.province, c.city, c.owner,
           CAST(c.registered_on AS TEXT) AS registered_on, c.tags,
           s.rfm_segment, s.abc_class, s.value_tier, s.lifecycle_stage, s.churn_warning, s.churn_reasons,
           s.credit_grade, CAST(s.revenue AS ${double}) AS revenue, CAST(s.clv AS ${double}) AS clv,
           CAST(s.churn_risk AS ${double}) AS churn_risk, CAST(s.p_alive AS ${double}) AS p_alive
    FROM customers c
    LEFT JOIN customer_scores s ON s.run_id = ${runId ?? -1} AND s.customer_id = c.id
    WHERE c.id IN (${sql.join(ids)})`.execute(ctx.handle.read);
  return new Map(rows.map((row) => [Number(row.id), row]));
}

/** The grades of `ids` (a page) in grade run `gradeRunId`. */
async function gradesOf(
  ctx: AppContext,
  gradeRunId: number | null,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (gradeRunId === null || ids.length === 0) return new Map();
  const rows = await ctx.handle.read
    .selectFrom("customer_grades")
    .select(["customer_id", "grade"])
    .where("grade_run_id", "=", gradeRunId)
    .where("customer_id", "in", ids)
    .execute();
  return new Map(rows.map((row) => [Number(row.customer_id), row.grade]));
}

/** The last purchase of each of `ids` (a page: at most a few hundred). */
async function lastPurchaseOf(ctx: AppContext, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ customer_id: number | bigint; last: string }>`
    SELECT o.customer_id, CAST(MAX(o.order_date) AS TEXT) AS last FROM orders o
    WHERE o.customer_id IN (${sql.join(ids)}) AND ${isPurchase("o")}
    GROUP BY o.customer_id`.execute(ctx.handle.read);
  return new Map(rows.map((row) => [Number(row.customer_id), row.last]));
}

function item(row: Row, lastPurchase: string | null): CustomerListItem {
  const tags = typeof row.tags === "string" ? (JSON.parse(row.tags) as unknown) : row.tags;
  const reasons =
    typeof row.churn_reasons === "string" ? (JSON.parse(row.churn_reasons) as unknown) : row.churn_reasons;
  const number = (value: number | null) => (value === null ? null : Number(value));
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    phone: row.phone,
    type: row.type,
    industry: row.industry,
    province: row.province,
    city: row.city,
    owner: row.owner,
    registeredOn: row.registered_on,
    tags: Array.isArray(tags) ? tags.map(String) : [],
    lastPurchase,
    grade: row.grade,
    rfmSegment: row.rfm_segment,
    abcClass: row.abc_class,
    valueTier: row.value_tier,
    lifecycleStage: row.lifecycle_stage,
    churnWarning: row.churn_warning,
    churnReasons: Array.isArray(reasons) ? reasons.map(String) : [],
    creditGrade: row.credit_grade,
    revenue: number(row.revenue),
    clv: number(row.clv),
    churnRisk: number(row.churn_risk),
    pAlive: number(row.p_alive),
  };
}

/** `value` with LIKE's wildcards and the escape character taken literally. */
function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** The cursor of a page; a cursor that is not one of ours (or of another sort) is invalid input. */
function decodeCursor(value: string, sort: ListCustomersQuery["sort"]): Cursor {
  try {
    const [key, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    const keyOk = TEXT_SORTS.has(sort)
      ? typeof key === "string"
      : typeof key === "number" && Number.isFinite(key);
    if (keyOk && Number.isSafeInteger(id)) return { key: key as Key, id: id as number };
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError("APP_INVALID_INPUT", {
    issues: [issueAsText({ path: "cursor", problem: text("document.problem.invalid") })],
  });
}

/** The user names of everyone in `departments` or below them: a tree of dozens, read whole. */
async function departmentMembers(db: Kysely<Database>, departments: readonly number[]): Promise<string[]> {
  const subtrees = await Promise.all(departments.map((id) => departmentSubtree(db, id)));
  const users = await listUsers(db, { departmentIds: [...new Set(subtrees.flat())] });
  return users.map((user) => user.username);
}
