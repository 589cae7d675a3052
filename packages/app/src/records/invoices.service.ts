/**
 * Invoices of the customers in scope, each with what was paid on it, what is still open and its
 * aging as of a date (default today in the company's time zone); and the open amounts summed per
 * aging bucket. What an invoice is paid and when it is due is the invoices repository's rule
 * (invoiceBalances), the same the analysis' credit scores and the overdue tasks use. As of a date:
 * only payments made by then count, and an invoice issued after it is not open yet.
 */
import { type CustomerScope, forReading, invoiceBalances, visibleCustomer } from "@custra/db";
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { companyToday } from "../access/actor.service.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import {
  type AgingInput,
  agingSchema,
  type ListInvoicesInput,
  type ListInvoicesQuery,
  listInvoicesSchema,
} from "./records.schemas.ts";
import { customerFilter, type Page, type PageQuery, readCountedPage, readPage } from "./records-page.ts";

/** How long an open invoice is past due: not yet due, then 1–30, 31–60, 61–90 and more than 90 days. */
export const AGING_BUCKETS = ["current", "1-30", "31-60", "61-90", "over90"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface InvoiceView {
  id: number;
  externalId: string;
  customerCode: string;
  customerName: string | null;
  orderExternalId: string | null;
  issuedOn: string;
  dueOn: string;
  amount: number;
  /** Paid on it by the as-of date (more than the amount when overpaid). */
  paidAmount: number;
  /** Still owed as of the as-of date: never below 0 (an overpaid invoice or a credit note owes nothing). */
  openAmount: number;
  /** Days past the due date as of the as-of date, while something is open; 0 otherwise. */
  daysOverdue: number;
  /** The aging bucket of an open invoice; null when nothing is open. */
  bucket: AgingBucket | null;
}

export interface InvoicePage extends Page<InvoiceView> {
  asOf: string;
}

export interface AgingSummary {
  asOf: string;
  /** Every bucket, in order, with its open invoices and their open amount (0 when none). */
  buckets: { bucket: AgingBucket; invoices: number; openAmount: number }[];
  openAmount: number;
  /** The open amount past due (every bucket but "current"). */
  overdueAmount: number;
  openInvoices: number;
}

interface InvoiceRow {
  id: number | bigint;
  external_id: string;
  customer_code: string;
  customer_name: string | null;
  order_external_id: string | null;
  issued_on: string;
  due_on: string;
  amount: number | string;
  paid: number | string;
  open_amount: number | string;
  days_overdue: number | string;
  bucket: AgingBucket | null;
}

/** The aging of the invoices `b` (invoiceBalances' columns) as of `asOf`, as SQL expressions. */
function aging(asOf: string) {
  const asOfDate = sql`CAST(${asOf} AS DATE)`;
  const open = sql<SqlBool>`(b.issued_on <= ${asOfDate} AND b.amount > b.paid)`;
  const days = sql`CASE WHEN ${open} AND b.due < ${asOfDate} THEN ${asOfDate} - b.due ELSE 0 END`;
  const bucket = sql`CASE WHEN NOT ${open} THEN NULL
    WHEN ${days} <= 0 THEN 'current' WHEN ${days} <= 30 THEN '1-30'
    WHEN ${days} <= 60 THEN '31-60' WHEN ${days} <= 90 THEN '61-90' ELSE 'over90' END`;
  const openAmount = sql`CASE WHEN ${open} THEN b.amount - b.paid ELSE 0 END`;
  return { open, days, bucket, openAmount, asOfDate };
}

/** invoiceBalances limited to `scope` (and to one customer), inside the payments' sum too. */
function balances(scope: CustomerScope, asOf: string, customerId: number | undefined): RawBuilder<unknown> {
  return invoiceBalances(asOf, (column) =>
    customerId === undefined
      ? visibleCustomer(scope, column)
      : sql<SqlBool>`(${sql.ref(column)} = ${customerId} AND ${visibleCustomer(scope, column)})`,
  );
}

async function asOfOf(ctx: AppContext, asOf: string | undefined): Promise<string> {
  return asOf ?? (await companyToday(forReading(ctx.handle)));
}

export async function listInvoices(
  ctx: AppContext,
  input: ListInvoicesInput | unknown = {},
): Promise<InvoicePage> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listInvoicesSchema, input ?? {});
  const customerId = await customerFilter(ctx, query.customerCode);
  const asOf = await asOfOf(ctx, query.asOf);
  const listed = invoicesQuery(ctx, query, asOf, customerId);
  const { rows, total, nextCursor } = await readCountedPage<InvoiceRow>(ctx.handle.read, listed);
  return { items: rows.map(invoiceView), total, nextCursor, asOf };
}

/** The open invoices of a customer the caller has checked is in scope, longest due first (the 360 view's). */
export async function openInvoices(
  ctx: AppContext,
  customerId: number,
  asOf: string,
  limit = 50,
): Promise<InvoiceView[]> {
  const query = parseInput(listInvoicesSchema, { open: true, sort: "dueOn", order: "asc", limit });
  const { rows } = await readPage<InvoiceRow>(ctx.handle.read, invoicesQuery(ctx, query, asOf, customerId));
  return rows.map(invoiceView);
}

/** The invoices `query` selects in the actor's scope as of `asOf`, and of one customer if given. */
function invoicesQuery(
  ctx: AppContext,
  query: ListInvoicesQuery,
  asOf: string,
  customerId: number | undefined,
): PageQuery {
  const double = ctx.handle.sqlTypes.double;
  const d = sql.raw(double);
  const { open, days, bucket, openAmount, asOfDate } = aging(asOf);
  const conditions: Expression<SqlBool>[] = [];
  const range = (column: string, low: string | undefined, high: string | undefined) => {
    if (low !== undefined) conditions.push(sql<SqlBool>`${sql.ref(column)} >= CAST(${low} AS DATE)`);
    if (high !== undefined) conditions.push(sql<SqlBool>`${sql.ref(column)} <= CAST(${high} AS DATE)`);
  };
  range("b.issued_on", query.issuedFrom, query.issuedTo);
  range("b.due_on", query.dueFrom, query.dueTo);
  if (query.open === true) conditions.push(open);
  if (query.open === false) conditions.push(sql<SqlBool>`NOT ${open}`);
  if (query.overdue === true) conditions.push(sql<SqlBool>`(${open} AND b.due < ${asOfDate})`);
  if (query.overdue === false) conditions.push(sql<SqlBool>`NOT (${open} AND b.due < ${asOfDate})`);
  return {
    from: sql`FROM ${balances(ctx.actor.scope, asOf, customerId)} b JOIN customers c ON c.id = b.customer_id`,
    columns: sql`b.id, b.external_id, c.code AS customer_code, c.name AS customer_name, b.order_external_id,
                 CAST(b.issued_on AS TEXT) AS issued_on, CAST(b.due_on AS TEXT) AS due_on,
                 CAST(b.amount AS ${d}) AS amount, CAST(b.paid AS ${d}) AS paid,
                 CAST(${openAmount} AS ${d}) AS open_amount, CAST(${days} AS ${d}) AS days_overdue,
                 ${bucket} AS bucket`,
    conditions,
    ...(query.sort === "amount"
      ? { key: sql`CAST(b.amount AS ${d})`, keyKind: "number" as const }
      : {
          key: sql`CAST(${sql.ref(query.sort === "issuedOn" ? "b.issued_on" : "b.due_on")} AS TEXT)`,
          keyKind: "text" as const,
        }),
    id: "b.id",
    descending: query.order === "desc",
    limit: query.limit,
    cursor: query.cursor,
    double,
  };
}

function invoiceView(row: InvoiceRow): InvoiceView {
  return {
    id: Number(row.id),
    externalId: row.external_id,
    customerCode: row.customer_code,
    customerName: row.customer_name,
    orderExternalId: row.order_external_id,
    issuedOn: row.issued_on,
    dueOn: row.due_on,
    amount: Number(row.amount),
    paidAmount: Number(row.paid),
    openAmount: Number(row.open_amount),
    daysOverdue: Number(row.days_overdue),
    bucket: row.bucket,
  };
}

/** The open invoices summed per bucket: one customer's (APP_NOT_FOUND out of scope), or of all in scope. */
export async function invoiceAging(ctx: AppContext, input: AgingInput | unknown = {}): Promise<AgingSummary> {
  requirePermission(ctx.actor, "read");
  const { customerCode, asOf } = parseInput(agingSchema, input ?? {});
  const customerId = await customerFilter(ctx, customerCode);
  return agingSummary(ctx, customerId, await asOfOf(ctx, asOf));
}

/** The aging summary of a customer the caller has checked is in scope (the 360 view's). */
export async function agingSummary(
  ctx: AppContext,
  customerId: number | undefined,
  asOf: string,
): Promise<AgingSummary> {
  const d = sql.raw(ctx.handle.sqlTypes.double);
  const { open, bucket, openAmount } = aging(asOf);
  const { rows } = await sql<{
    bucket: AgingBucket;
    invoices: number | string;
    open_amount: number | string;
  }>`
    SELECT a.bucket, CAST(COUNT(*) AS ${d}) AS invoices, CAST(SUM(a.open_amount) AS ${d}) AS open_amount
    FROM (
      SELECT ${bucket} AS bucket, ${openAmount} AS open_amount
      FROM ${balances(ctx.actor.scope, asOf, customerId)} b WHERE ${open}
    ) a
    GROUP BY a.bucket`.execute(ctx.handle.read);
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const buckets = AGING_BUCKETS.map((name) => {
    const row = byBucket.get(name);
    return { bucket: name, invoices: Number(row?.invoices ?? 0), openAmount: Number(row?.open_amount ?? 0) };
  });
  const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
  return {
    asOf,
    buckets,
    openAmount: sum(buckets.map((b) => b.openAmount)),
    overdueAmount: sum(buckets.filter((b) => b.bucket !== "current").map((b) => b.openAmount)),
    openInvoices: buckets.reduce((n, b) => n + b.invoices, 0),
  };
}
