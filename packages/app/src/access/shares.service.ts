/**
 * Sharing a customer with a user or a department, read-only or read-write, until a date. Sharing
 * needs the edit permission and write access to the customer; a customer the actor cannot see is
 * not found, one they can only read is forbidden to share. An administrator lists the company's
 * shares at once (listCompanyShares).
 */
import {
  deleteShare,
  findDepartment,
  findShare,
  findUserById,
  insertShare,
  listShares as listShareRows,
  visibleCustomer,
} from "@custra/db";
import { type Expression, type SqlBool, sql } from "kysely";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { likeEscape, type Page, readCountedPage } from "../records/records-page.ts";
import {
  customerIdSchema,
  type ListCompanySharesInput,
  listCompanySharesSchema,
  type ShareInput,
  shareSchema,
  unshareSchema,
} from "./access.schemas.ts";
import { AccessError } from "./access-error.ts";
import { companyToday } from "./actor.service.ts";
import { audit } from "./audit.ts";
import { customerInScope } from "./customers-in-scope.ts";
import { forbidden, requirePermission } from "./permissions.ts";

export interface ShareView {
  readonly id: number;
  readonly customerId: number;
  readonly userId: number | null;
  readonly departmentId: number | null;
  readonly access: "read" | "write";
  readonly until: string | null;
  readonly createdBy: string | null;
}

async function writableCustomer(ctx: AppContext, customerId: number): Promise<void> {
  requirePermission(ctx.actor, "edit");
  await customerInScope(ctx, customerId);
  const writable = await ctx.handle.db
    .selectFrom("customers")
    .select("id")
    .where("id", "=", customerId)
    .where(visibleCustomer(ctx.actor.scope, "customers.id", "write", { ownerColumn: "customers.owner" }))
    .executeTakeFirst();
  if (!writable) throw forbidden("edit");
}

export async function shareCustomer(ctx: AppContext, input: ShareInput | unknown): Promise<ShareView> {
  const share = parseInput(shareSchema, input);
  await writableCustomer(ctx, share.customerId);
  if (share.userId !== undefined && !(await findUserById(ctx.handle.db, share.userId)))
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", {
      what: { key: "access.what.user" },
      key: share.userId,
    });
  if (share.departmentId !== undefined && !(await findDepartment(ctx.handle.db, share.departmentId)))
    throw new AccessError("ACCESS_UNKNOWN_REFERENCE", {
      what: { key: "access.what.department" },
      key: share.departmentId,
    });
  const view = {
    customerId: share.customerId,
    userId: share.userId ?? null,
    departmentId: share.departmentId ?? null,
    access: share.access,
    until: share.until ?? null,
    createdBy: ctx.actor.username,
  };
  const id = await ctx.handle.db.transaction().execute(async (trx) => {
    const id = await insertShare(trx, view);
    await audit(trx, ctx.actor, {
      action: "customer.share",
      entity: "customer",
      entityId: share.customerId,
      details: { shareId: id, ...view },
    });
    return id;
  });
  return { id, ...view };
}

export async function unshareCustomer(ctx: AppContext, input: unknown): Promise<void> {
  const { customerId, shareId } = parseInput(unshareSchema, input);
  await writableCustomer(ctx, customerId);
  const share = await findShare(ctx.handle.db, customerId, shareId);
  if (!share) throw new AppError("APP_NOT_FOUND", { what: { key: "access.what.share" }, key: shareId });
  await ctx.handle.db.transaction().execute(async (trx) => {
    await deleteShare(trx, customerId, shareId);
    await audit(trx, ctx.actor, {
      action: "customer.unshare",
      entity: "customer",
      entityId: customerId,
      details: { shareId },
    });
  });
}

export async function listShares(ctx: AppContext, input: unknown): Promise<ShareView[]> {
  const { customerId } = parseInput(customerIdSchema, input);
  requirePermission(ctx.actor, "read");
  await customerInScope(ctx, customerId);
  return (await listShareRows(ctx.handle.db, customerId)).map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    userId: row.user_id === null ? null : Number(row.user_id),
    departmentId: row.department_id === null ? null : Number(row.department_id),
    access: row.access,
    until: row.until,
    createdBy: row.created_by,
  }));
}

/** A share as the company's list shows it: with its customer, and whom it is with by name. */
export interface CompanyShareView extends ShareView {
  readonly customerCode: string;
  readonly customerName: string | null;
  /** The user's name (their username when they have none); null for a department's share. */
  readonly userName: string | null;
  readonly departmentName: string | null;
  readonly createdAt: string;
  /** Past its last day (in the company's time zone): it no longer gives access. */
  readonly expired: boolean;
}

interface CompanyShareRow {
  id: number | bigint;
  customer_id: number | bigint;
  customer_code: string;
  customer_name: string | null;
  user_id: number | bigint | null;
  user_name: string | null;
  department_id: number | bigint | null;
  department_name: string | null;
  access: "read" | "write";
  until: string | null;
  created_by: string | null;
  created_at: Date | string;
  expired: boolean | number;
}

const idOrNull = (value: number | bigint | null) => (value === null ? null : Number(value));

/**
 * The company's shares for an administrator (manageUsers), newest first: each with its customer
 * and whom it is with, filtered, in cursor pages with their total. Only shares of customers the
 * actor may see are listed or counted.
 */
export async function listCompanyShares(
  ctx: AppContext,
  input: ListCompanySharesInput | unknown = {},
): Promise<Page<CompanyShareView>> {
  requirePermission(ctx.actor, "manageUsers");
  const query = parseInput(listCompanySharesSchema, input ?? {});
  const today = sql`CAST(${await companyToday(ctx.handle)} AS DATE)`;
  const isExpired = sql<SqlBool>`(s.until IS NOT NULL AND s.until < ${today})`;
  const conditions: Expression<SqlBool>[] = [
    visibleCustomer(ctx.actor.scope, "s.customer_id", "read", { ownerColumn: "c.owner", scan: true }),
  ];
  if (query.search !== undefined) {
    const pattern = `%${likeEscape(query.search.toLowerCase())}%`;
    conditions.push(
      sql<SqlBool>`(LOWER(c.code) LIKE ${pattern} ESCAPE '\\' OR LOWER(c.name) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (query.userId !== undefined) conditions.push(sql<SqlBool>`s.user_id = ${query.userId}`);
  if (query.departmentId !== undefined)
    conditions.push(sql<SqlBool>`s.department_id = ${query.departmentId}`);
  if (query.access !== undefined) conditions.push(sql<SqlBool>`s.access = ${query.access}`);
  if (query.expired !== undefined)
    conditions.push(query.expired ? isExpired : sql<SqlBool>`NOT ${isExpired}`);
  const { rows, total, nextCursor } = await readCountedPage<CompanyShareRow>(ctx.handle.read, {
    from: sql`FROM customer_shares s
      JOIN customers c ON c.id = s.customer_id
      LEFT JOIN users u ON u.id = s.user_id
      LEFT JOIN departments d ON d.id = s.department_id`,
    columns: sql`s.id, s.customer_id, c.code AS customer_code, c.name AS customer_name, s.user_id,
      COALESCE(u.display_name, u.username) AS user_name, s.department_id, d.name AS department_name,
      s.access, CAST(s.until AS TEXT) AS until, s.created_by, s.created_at, ${isExpired} AS expired`,
    conditions,
    key: sql`s.id`,
    keyKind: "number",
    id: "s.id",
    descending: true,
    limit: query.limit,
    cursor: query.cursor,
    double: ctx.handle.sqlTypes.double,
  });
  return { items: rows.map(companyShareView), total, nextCursor };
}

function companyShareView(row: CompanyShareRow): CompanyShareView {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    customerCode: row.customer_code,
    customerName: row.customer_name,
    userId: idOrNull(row.user_id),
    userName: row.user_name,
    departmentId: idOrNull(row.department_id),
    departmentName: row.department_name,
    access: row.access,
    until: row.until,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    expired: Boolean(row.expired),
  };
}
