/**
 * A customer's transaction records as the 360 view shows them: latest orders and payments, open
 * invoices with their aging, and every month's purchases and returns.
 */
import { forReading } from "@custra/db";
import { companyToday } from "../access/actor.service.ts";
import type { AppContext } from "../context.ts";
import { type AgingSummary, agingSummary, type InvoiceView, openInvoices } from "./invoices.service.ts";
import { latestOrders, type OrderView } from "./orders.service.ts";
import { latestPayments, type PaymentView } from "./payments.service.ts";
import { purchaseTimeline, type TimelineMonth } from "./purchase-timeline.ts";

export interface CustomerRecords {
  /** The latest 20 orders, each with its number of lines. */
  orders: OrderView[];
  /** The open invoices as of today (company time zone), longest due first, with their aging. */
  invoices: InvoiceView[];
  aging: AgingSummary;
  /** The latest 20 payments. */
  payments: PaymentView[];
  /** Every month with a purchase or a return, oldest first. */
  timeline: TimelineMonth[];
}

const LATEST = 20;

/** The records of `customerId`, which the caller has checked is in the actor's scope. */
export async function customerRecords(ctx: AppContext, customerId: number): Promise<CustomerRecords> {
  const asOf = await companyToday(forReading(ctx.handle));
  return {
    orders: await latestOrders(ctx, customerId, LATEST),
    invoices: await openInvoices(ctx, customerId, asOf),
    aging: await agingSummary(ctx, customerId, asOf),
    payments: await latestPayments(ctx, customerId, LATEST),
    timeline: await purchaseTimeline(ctx, customerId),
  };
}
