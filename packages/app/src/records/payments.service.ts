/** Payments of the customers in scope: a list with filters, sort, cursor pages and the total. */
import { visibleCustomer } from "@custra/db";
import { type Expression, type SqlBool, sql } from "kysely";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { type ListPaymentsInput, type ListPaymentsQuery, listPaymentsSchema } from "./records.schemas.ts";
import { customerFilter, type Page, type PageQuery, readCountedPage, readPage } from "./records-page.ts";

export interface PaymentView {
  id: number;
  externalId: string;
  customerCode: string;
  customerName: string | null;
  /** The invoice it names; it pays it only when that invoice is the same customer's (invoiceMatched). */
  invoiceExternalId: string | null;
  /** Whether the named invoice exists and is the same customer's: then the payment counts on it. */
  invoiceMatched: boolean;
  orderExternalId: string | null;
  paidOn: string;
  amount: number;
}

interface PaymentRow {
  id: number | bigint;
  external_id: string;
  customer_code: string;
  customer_name: string | null;
  invoice_external_id: string | null;
  customer_id: number | bigint;
  order_external_id: string | null;
  paid_on: string;
  amount: number | string;
}

export async function listPayments(
  ctx: AppContext,
  input: ListPaymentsInput | unknown = {},
): Promise<Page<PaymentView>> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listPaymentsSchema, input ?? {});
  const customerId = await customerFilter(ctx, query.customerCode);
  const listed = paymentsQuery(ctx, query, customerId);
  const { rows, total, nextCursor } = await readCountedPage<PaymentRow>(ctx.handle.read, listed);
  return { items: await paymentViews(ctx, rows), total, nextCursor };
}

/** The latest `limit` payments of a customer the caller has checked is in scope (the 360 view's). */
export async function latestPayments(
  ctx: AppContext,
  customerId: number,
  limit = 20,
): Promise<PaymentView[]> {
  const query = parseInput(listPaymentsSchema, { limit });
  const { rows } = await readPage<PaymentRow>(ctx.handle.read, paymentsQuery(ctx, query, customerId));
  return paymentViews(ctx, rows);
}

/** The payments `query` selects in the actor's scope, and of one customer if given. */
function paymentsQuery(ctx: AppContext, query: ListPaymentsQuery, customerId: number | undefined): PageQuery {
  const double = ctx.handle.sqlTypes.double;
  const d = sql.raw(double);
  const conditions: Expression<SqlBool>[] = [visibleCustomer(ctx.actor.scope, "p.customer_id")];
  if (customerId !== undefined) conditions.push(sql<SqlBool>`p.customer_id = ${customerId}`);
  if (query.from !== undefined) conditions.push(sql<SqlBool>`p.paid_on >= CAST(${query.from} AS DATE)`);
  if (query.to !== undefined) conditions.push(sql<SqlBool>`p.paid_on <= CAST(${query.to} AS DATE)`);
  return {
    from: sql`FROM payments p JOIN customers c ON c.id = p.customer_id`,
    columns: sql`p.id, p.customer_id, p.external_id, c.code AS customer_code, c.name AS customer_name,
                 p.invoice_external_id, p.order_external_id, CAST(p.paid_on AS TEXT) AS paid_on,
                 CAST(p.amount AS ${d}) AS amount`,
    conditions,
    ...(query.sort === "amount"
      ? { key: sql`CAST(p.amount AS ${d})`, keyKind: "number" as const }
      : { key: sql`CAST(p.paid_on AS TEXT)`, keyKind: "text" as const }),
    id: "p.id",
    descending: query.order === "desc",
    limit: query.limit,
    cursor: query.cursor,
    double,
  };
}

async function paymentViews(ctx: AppContext, rows: readonly PaymentRow[]): Promise<PaymentView[]> {
  const matched = await matchedInvoices(ctx, rows);
  return rows.map((row) => ({
    id: Number(row.id),
    externalId: row.external_id,
    customerCode: row.customer_code,
    customerName: row.customer_name,
    invoiceExternalId: row.invoice_external_id,
    invoiceMatched:
      row.invoice_external_id !== null &&
      matched.has(invoiceKey(Number(row.customer_id), row.invoice_external_id)),
    orderExternalId: row.order_external_id,
    paidOn: row.paid_on,
    amount: Number(row.amount),
  }));
}

const invoiceKey = (customerId: number | bigint, externalId: string | null) => `${customerId}:${externalId}`;

/**
 * The invoices the payments of a page name that exist for the same customer (invoiceBalances'
 * match), looked up for that page only.
 */
async function matchedInvoices(ctx: AppContext, rows: readonly PaymentRow[]): Promise<Set<string>> {
  const named = rows.filter((row) => row.invoice_external_id !== null);
  if (named.length === 0) return new Set();
  const found = await ctx.handle.read
    .selectFrom("invoices")
    .select(["customer_id", "external_id"])
    .where("customer_id", "in", [...new Set(named.map((row) => Number(row.customer_id)))])
    .where("external_id", "in", [...new Set(named.map((row) => row.invoice_external_id!))])
    .execute();
  return new Set(found.map((invoice) => invoiceKey(Number(invoice.customer_id), invoice.external_id)));
}
