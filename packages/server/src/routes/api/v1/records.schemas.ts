/** What the record routes answer: products, orders with lines, invoices with aging, payments. */
import { AGING_BUCKETS } from "@custra/app";
import { z } from "zod";

const id = z.number().int();
const nullableNumber = z.number().nullable();
const page = <T extends z.ZodType>(item: T) => ({
  items: z.array(item),
  total: z.number().int().describe("Every record the filters select in the reader's scope, over all pages"),
  nextCursor: z.string().nullable().describe("The cursor of the next page; null on the last"),
});

export const productSchema = z
  .object({
    id,
    sku: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    unitCost: nullableNumber,
    unitPrice: nullableNumber,
  })
  .meta({ id: "Product" });

export const productPageSchema = z.object(page(productSchema)).meta({ id: "ProductPage" });

export const orderSchema = z
  .object({
    id,
    externalId: z.string(),
    customerCode: z.string(),
    customerName: z.string().nullable(),
    orderDate: z.string(),
    amount: z.number().describe("As recorded: a return or credit note may be negative"),
    cost: nullableNumber,
    margin: nullableNumber,
    quantity: nullableNumber,
    channel: z.string().nullable(),
    status: z.string().nullable(),
    lineCount: z.number().int(),
  })
  .meta({ id: "Order" });

export const orderPageSchema = z.object(page(orderSchema)).meta({ id: "OrderPage" });

export const orderDetailSchema = orderSchema
  .extend({
    lines: z.array(
      z.object({
        id,
        externalId: z.string(),
        productSku: z.string(),
        productName: z.string(),
        quantity: z.number(),
        unitPrice: nullableNumber,
        amount: z.number(),
        cost: nullableNumber,
      }),
    ),
  })
  .meta({ id: "OrderDetail" });

const bucketSchema = z.enum(AGING_BUCKETS);

export const invoiceSchema = z
  .object({
    id,
    externalId: z.string(),
    customerCode: z.string(),
    customerName: z.string().nullable(),
    orderExternalId: z.string().nullable(),
    issuedOn: z.string(),
    dueOn: z.string(),
    amount: z.number(),
    paidAmount: z.number().describe("Paid on it by asOf (more than the amount when overpaid)"),
    openAmount: z.number().describe("Still owed as of asOf, never below 0"),
    daysOverdue: z.number().int().describe("Days past due as of asOf while something is open; else 0"),
    bucket: bucketSchema
      .nullable()
      .describe("The aging bucket of an open invoice; null when nothing is open"),
  })
  .meta({ id: "Invoice" });

export const invoicePageSchema = z
  .object({ ...page(invoiceSchema), asOf: z.string() })
  .meta({ id: "InvoicePage" });

export const agingSummarySchema = z
  .object({
    asOf: z.string(),
    buckets: z.array(z.object({ bucket: bucketSchema, invoices: z.number().int(), openAmount: z.number() })),
    openAmount: z.number(),
    overdueAmount: z.number(),
    openInvoices: z.number().int(),
  })
  .meta({ id: "AgingSummary", description: "Open invoices summed per aging bucket, every bucket in order" });

export const paymentSchema = z
  .object({
    id,
    externalId: z.string(),
    customerCode: z.string(),
    customerName: z.string().nullable(),
    invoiceExternalId: z.string().nullable(),
    invoiceMatched: z
      .boolean()
      .describe("The named invoice exists and is the same customer's: the payment counts on it"),
    orderExternalId: z.string().nullable(),
    paidOn: z.string(),
    amount: z.number(),
  })
  .meta({ id: "Payment" });

export const paymentPageSchema = z.object(page(paymentSchema)).meta({ id: "PaymentPage" });
