/** Payments of the customers in scope: a list with filters, sort, cursor pages and the total. */
import { visibleCustomer } from "@custra/db";
import { type Expression, type SqlBool, sql } from "kysely";
import { visibleCustomerId } from "../access/customer-by-code.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { type ListPaymentsInput, type ListPaymentsQuery, listPaymentsSchema } from "./records.schemas.ts";
import { type Page, readPage } from "./records-page.ts";

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
  invoice_matched: boolean | number | string;
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
  const customerId =
    query.customerCode === undefined ? undefined : await visibleCustomerId(ctx, query.customerCode);
  return paymentsPage(ctx, query, customerId);
}

/** The latest `limit` payments of a customer the caller has checked is in scope (the 360 view's). */
export async function latestPayments(
  ctx: AppContext,
  customerId: number,
  limit = 20,
): Promise<PaymentView[]> {
  return (await paymentsPage(ctx, parseInput(listPaymentsSchema, { limit }), customerId)).items;
}

async function paymentsPage(
  ctx: AppContext,
  query: ListPaymentsQuery,
  customerId: number | undefined,
): Promise<Page<PaymentView>> {
  const double = ctx.handle.sqlTypes.double;
  const d = sql.raw(double);
  const conditions: Expression<SqlBool>[] = [visibleCustomer(ctx.actor.scope, "p.customer_id")];
  if (customerId !== undefined) conditions.push(sql<SqlBool>`p.customer_id = ${customerId}`);
  if (query.from !== undefined) conditions.push(sql<SqlBool>`p.paid_on >= CAST(${query.from} AS DATE)`);
  if (query.to !== undefined) conditions.push(sql<SqlBool>`p.paid_on <= CAST(${query.to} AS DATE)`);
  const { rows, total, nextCursor } = await readPage<PaymentRow>(ctx.handle.read, {
    from: sql`FROM payments p JOIN customers c ON c.id = p.customer_id`,
    // The same match as invoiceBalances: the invoice of that external id, of the same customer.
    columns: sql`p.id, p.external_id, c.code AS customer_code, c.name AS customer_name, p.invoice_external_id,
                 CASE WHEN EXISTS (SELECT 1 FROM invoices i
                   WHERE i.customer_id = p.customer_id AND i.external_id = p.invoice_external_id)
                 THEN 1 ELSE 0 END AS invoice_matched,
                 p.order_external_id, CAST(p.paid_on AS TEXT) AS paid_on, CAST(p.amount AS ${d}) AS amount`,
    conditions,
    ...(query.sort === "amount"
      ? { key: sql`CAST(p.amount AS ${d})`, keyKind: "number" as const }
      : { key: sql`CAST(p.paid_on AS TEXT)`, keyKind: "text" as const }),
    id: "p.id",
    descending: query.order === "desc",
    limit: query.limit,
    cursor: query.cursor,
    double,
  });
  return {
    items: rows.map((row) => ({
      id: Number(row.id),
      externalId: row.external_id,
      customerCode: row.customer_code,
      customerName: row.customer_name,
      invoiceExternalId: row.invoice_external_id,
      invoiceMatched: Number(row.invoice_matched) === 1,
      orderExternalId: row.order_external_id,
      paidOn: row.paid_on,
      amount: Number(row.amount),
    })),
    total,
    nextCursor,
  };
}
