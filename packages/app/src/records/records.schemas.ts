/**
 * The inputs of the transaction records: products, orders and their lines, invoices with their
 * aging, payments. Each list has filters (all must hold), a sort, cursor pages and a total.
 */
import { z } from "zod";

/** Values of a filter: any of them matches (a list of 1–100 non-empty texts). */
const anyOf = z.array(z.string().trim().min(1).max(200)).min(1).max(100);
const isoDate = z.iso.date();
const code = z.string().trim().min(1).max(200);
const order = z.enum(["asc", "desc"]);
/** How many per page (default 50, at most 500). */
const limit = z.number().int().min(1).max(500).default(50);
/** The `nextCursor` of the previous page; absent for the first page. */
const cursor = z.string().min(1).max(1000).optional();
const money = z.number().finite().min(-1e15).max(1e15);

export const PRODUCT_SORTS = ["sku", "name", "category", "unitPrice"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const listProductsSchema = z.strictObject({
  category: anyOf.optional(),
  /** A part of the SKU or the name (case-insensitive). */
  search: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(PRODUCT_SORTS).default("sku"),
  order: order.default("asc"),
  limit,
  cursor,
});
export type ListProductsInput = z.input<typeof listProductsSchema>;

export const productSkuSchema = z.strictObject({ sku: code });

const productFields = {
  name: z.string().trim().min(1).max(500),
  category: z.string().trim().min(1).max(200).nullable(),
  unitCost: money.min(0).nullable(),
  unitPrice: money.min(0).nullable(),
};

export const createProductSchema = z.strictObject({
  sku: code,
  name: productFields.name,
  category: productFields.category.optional(),
  unitCost: productFields.unitCost.optional(),
  unitPrice: productFields.unitPrice.optional(),
});
export type CreateProductInput = z.input<typeof createProductSchema>;

/** The fields given change; a field given as null is cleared. */
export const updateProductSchema = z.strictObject({
  sku: code,
  name: productFields.name.optional(),
  category: productFields.category.optional(),
  unitCost: productFields.unitCost.optional(),
  unitPrice: productFields.unitPrice.optional(),
});
export type UpdateProductInput = z.input<typeof updateProductSchema>;

export const ORDER_SORTS = ["date", "amount"] as const;

export const listOrdersSchema = z.strictObject({
  /** One customer's orders (APP_NOT_FOUND when out of scope). */
  customerCode: code.optional(),
  status: anyOf.optional(),
  channel: anyOf.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  minAmount: money.optional(),
  maxAmount: money.optional(),
  sort: z.enum(ORDER_SORTS).default("date"),
  order: order.default("desc"),
  limit,
  cursor,
});
export type ListOrdersInput = z.input<typeof listOrdersSchema>;
export type ListOrdersQuery = z.output<typeof listOrdersSchema>;

/** An order by its number (external_id), as invoices and payments name it. */
export const orderNumberSchema = z.strictObject({ externalId: code });

export const INVOICE_SORTS = ["issuedOn", "dueOn", "amount"] as const;

export const listInvoicesSchema = z.strictObject({
  customerCode: code.optional(),
  issuedFrom: isoDate.optional(),
  issuedTo: isoDate.optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  /** Only invoices with an amount still open as of `asOf`. */
  open: z.boolean().optional(),
  /** Only open invoices past their due date as of `asOf`. */
  overdue: z.boolean().optional(),
  /** The day payments count up to and aging is measured at; default today in the company's time zone. */
  asOf: isoDate.optional(),
  sort: z.enum(INVOICE_SORTS).default("dueOn"),
  order: order.default("desc"),
  limit,
  cursor,
});
export type ListInvoicesInput = z.input<typeof listInvoicesSchema>;
export type ListInvoicesQuery = z.output<typeof listInvoicesSchema>;

/** The open invoices summed per aging bucket: of one customer, or of every customer in scope. */
export const agingSchema = z.strictObject({ customerCode: code.optional(), asOf: isoDate.optional() });
export type AgingInput = z.input<typeof agingSchema>;

export const PAYMENT_SORTS = ["paidOn", "amount"] as const;

export const listPaymentsSchema = z.strictObject({
  customerCode: code.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(PAYMENT_SORTS).default("paidOn"),
  order: order.default("desc"),
  limit,
  cursor,
});
export type ListPaymentsInput = z.input<typeof listPaymentsSchema>;
export type ListPaymentsQuery = z.output<typeof listPaymentsSchema>;
