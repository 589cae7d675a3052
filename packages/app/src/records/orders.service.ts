/**
 * Orders and their lines, only of the customers in the reader's scope: a list with filters, sort,
 * cursor pages and the total, and one order with its lines. Orders are listed as they are: a
 * return or a credit note (a negative amount) is an order like the others here; what counts as a
 * purchase is the analysis' rule (db orders.repository.ts), not the list's.
 */
import { visibleCustomer } from "@custra/db";
import { type Expression, type SqlBool, sql } from "kysely";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { RECORD_WHAT } from "./records.messages.ts";
import {
  type ListOrdersInput,
  type ListOrdersQuery,
  listOrdersSchema,
  orderNumberSchema,
} from "./records.schemas.ts";
import { customerFilter, type Page, type PageQuery, readCountedPage, readPage } from "./records-page.ts";

export interface OrderView {
  id: number;
  externalId: string;
  customerCode: string;
  customerName: string | null;
  orderDate: string;
  amount: number;
  cost: number | null;
  margin: number | null;
  quantity: number | null;
  channel: string | null;
  status: string | null;
  lineCount: number;
}

export interface OrderLineView {
  id: number;
  externalId: string;
  productSku: string;
  productName: string;
  quantity: number;
  unitPrice: number | null;
  amount: number;
  cost: number | null;
}

export interface OrderDetail extends OrderView {
  lines: OrderLineView[];
}

interface OrderRow {
  id: number | bigint;
  external_id: string;
  customer_code: string;
  customer_name: string | null;
  order_date: string;
  amount: number | string;
  cost: number | string | null;
  margin: number | string | null;
  quantity: number | string | null;
  channel: string | null;
  status: string | null;
  customer_id: number | bigint;
}

const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));

export async function listOrders(
  ctx: AppContext,
  input: ListOrdersInput | unknown = {},
): Promise<Page<OrderView>> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listOrdersSchema, input ?? {});
  const customerId = await customerFilter(ctx, query.customerCode);
  const listed = ordersQuery(ctx, query, { customerId });
  const { rows, total, nextCursor } = await readCountedPage<OrderRow>(ctx.handle.read, listed);
  return { items: await orderViews(ctx, rows), total, nextCursor };
}

/** The latest `limit` orders of a customer the caller has checked is in scope (the 360 view's). */
export async function latestOrders(ctx: AppContext, customerId: number, limit = 20): Promise<OrderView[]> {
  const query = parseInput(listOrdersSchema, { limit });
  const { rows } = await readPage<OrderRow>(ctx.handle.read, ordersQuery(ctx, query, { customerId }));
  return orderViews(ctx, rows);
}

/** The orders `query` selects in the actor's scope, and of one customer or one order if given. */
function ordersQuery(
  ctx: AppContext,
  query: ListOrdersQuery,
  only: { readonly customerId?: number; readonly orderId?: number },
): PageQuery {
  const double = ctx.handle.sqlTypes.double;
  const d = sql.raw(double);
  const conditions: Expression<SqlBool>[] = [visibleCustomer(ctx.actor.scope, "o.customer_id")];
  if (only.customerId !== undefined) conditions.push(sql<SqlBool>`o.customer_id = ${only.customerId}`);
  if (only.orderId !== undefined) conditions.push(sql<SqlBool>`o.id = ${only.orderId}`);
  if (query.status !== undefined) conditions.push(sql<SqlBool>`o.status IN (${sql.join(query.status)})`);
  if (query.channel !== undefined) conditions.push(sql<SqlBool>`o.channel IN (${sql.join(query.channel)})`);
  if (query.from !== undefined) conditions.push(sql<SqlBool>`o.order_date >= CAST(${query.from} AS DATE)`);
  if (query.to !== undefined) conditions.push(sql<SqlBool>`o.order_date <= CAST(${query.to} AS DATE)`);
  if (query.minAmount !== undefined) conditions.push(sql<SqlBool>`o.amount >= ${query.minAmount}`);
  if (query.maxAmount !== undefined) conditions.push(sql<SqlBool>`o.amount <= ${query.maxAmount}`);
  return {
    from: sql`FROM orders o JOIN customers c ON c.id = o.customer_id`,
    columns: sql`o.id, o.external_id, c.code AS customer_code, c.name AS customer_name,
                 CAST(o.order_date AS TEXT) AS order_date, CAST(o.amount AS ${d}) AS amount,
                 CAST(o.cost AS ${d}) AS cost, CAST(o.margin AS ${d}) AS margin,
                 CAST(o.quantity AS ${d}) AS quantity, o.channel, o.status, o.customer_id`,
    conditions,
    ...(query.sort === "date"
      ? { key: sql`CAST(o.order_date AS TEXT)`, keyKind: "text" as const }
      : { key: sql`CAST(o.amount AS ${d})`, keyKind: "number" as const }),
    id: "o.id",
    descending: query.order === "desc",
    limit: query.limit,
    cursor: query.cursor,
    double,
  };
}

async function orderViews(ctx: AppContext, rows: readonly OrderRow[]): Promise<OrderView[]> {
  const lines = await lineCounts(ctx, rows);
  return rows.map((row) => orderView(row, lines.get(Number(row.id)) ?? 0));
}

/**
 * The number of lines of each order of a page, counted for those orders only (by customer and
 * order, the lines' index) rather than per row in the page's query, which an engine may turn
 * into a count over every line.
 */
async function lineCounts(ctx: AppContext, rows: readonly OrderRow[]): Promise<Map<number, number>> {
  if (rows.length === 0) return new Map();
  const customers = [...new Set(rows.map((row) => Number(row.customer_id)))];
  const { rows: counted } = await sql<{ order_id: number | bigint; lines: number | string }>`
    SELECT l.order_id, CAST(COUNT(*) AS ${sql.raw(ctx.handle.sqlTypes.double)}) AS lines FROM order_lines l
    WHERE l.customer_id IN (${sql.join(customers)}) AND l.order_id IN (${sql.join(rows.map((row) => Number(row.id)))})
    GROUP BY l.order_id`.execute(ctx.handle.read);
  return new Map(counted.map((row) => [Number(row.order_id), Number(row.lines)]));
}

function orderView(row: OrderRow, lineCount: number): OrderView {
  return {
    id: Number(row.id),
    externalId: row.external_id,
    customerCode: row.customer_code,
    customerName: row.customer_name,
    orderDate: row.order_date,
    amount: Number(row.amount),
    cost: numberOrNull(row.cost),
    margin: numberOrNull(row.margin),
    quantity: numberOrNull(row.quantity),
    channel: row.channel,
    status: row.status,
    lineCount,
  };
}

/**
 * One order, by its number (external_id), with its lines (each with its product's SKU and name);
 * APP_NOT_FOUND out of scope.
 */
export async function readOrder(ctx: AppContext, input: unknown): Promise<OrderDetail> {
  requirePermission(ctx.actor, "read");
  const { externalId } = parseInput(orderNumberSchema, input);
  const key = await ctx.handle.read
    .selectFrom("orders")
    .select(["customer_id", "id"])
    .where("external_id", "=", externalId)
    .where(visibleCustomer(ctx.actor.scope, "orders.customer_id"))
    .executeTakeFirst();
  if (!key) throw new AppError("APP_NOT_FOUND", { what: RECORD_WHAT.order, key: externalId });
  const only = { customerId: Number(key.customer_id), orderId: Number(key.id) };
  const { rows: found } = await readPage<OrderRow>(
    ctx.handle.read,
    ordersQuery(ctx, parseInput(listOrdersSchema, { limit: 1 }), only),
  );
  // The order was just found in scope: the page holds it.
  const [order] = await orderViews(ctx, found);
  const d = sql.raw(ctx.handle.sqlTypes.double);
  const { rows } = await sql<{
    id: number | bigint;
    external_id: string;
    sku: string;
    name: string;
    quantity: number | string;
    unit_price: number | string | null;
    amount: number | string;
    cost: number | string | null;
  }>`
    SELECT l.id, l.external_id, p.sku, p.name, CAST(l.quantity AS ${d}) AS quantity,
           CAST(l.unit_price AS ${d}) AS unit_price, CAST(l.amount AS ${d}) AS amount, CAST(l.cost AS ${d}) AS cost
    FROM order_lines l JOIN products p ON p.id = l.product_id
    WHERE l.customer_id = ${only.customerId} AND l.order_id = ${only.orderId}
    ORDER BY l.id`.execute(ctx.handle.read);
  return {
    ...order!,
    lines: rows.map((row) => ({
      id: Number(row.id),
      externalId: row.external_id,
      productSku: row.sku,
      productName: row.name,
      quantity: Number(row.quantity),
      unitPrice: numberOrNull(row.unit_price),
      amount: Number(row.amount),
      cost: numberOrNull(row.cost),
    })),
  };
}
