import { LOCALES } from "@custra/core/i18n";
import { z } from "zod";

export const showCustomerSchema = z.strictObject({
  /** The customer's code (customers.code). */
  code: z.string().trim().min(1).max(200),
  /** The language of the grades' labels and titles. */
  locale: z.enum(LOCALES).default("zh-CN"),
});
export type ShowCustomerInput = z.input<typeof showCustomerSchema>;

/** Values of a filter: any of them matches (a list of 1–100 non-empty texts). */
const anyOf = z.array(z.string().trim().min(1).max(200)).min(1).max(100);
const isoDate = z.iso.date();

export const CUSTOMER_SORTS = [
  "code",
  "name",
  "registeredOn",
  "lastPurchase",
  "revenue",
  "clv",
  "churnRisk",
  "pAlive",
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/**
 * The customer list: filters (each a list of values, any of which matches; all filters must hold),
 * a search over name, code and phone, a sort, and cursor pages. Scores and classes are those of the
 * latest analysis run (or `runId`'s), grades those of the latest grade run of `scheme`.
 */
export const listCustomersSchema = z.strictObject({
  runId: z.number().int().min(1).optional(),
  /** The scheme whose grades `grade` filters and the items show (default "value"). */
  scheme: z.string().trim().min(1).max(100).optional(),
  grade: anyOf.optional(),
  rfmSegment: anyOf.optional(),
  abcClass: anyOf.optional(),
  valueTier: anyOf.optional(),
  lifecycle: anyOf.optional(),
  churnWarning: anyOf.optional(),
  creditGrade: anyOf.optional(),
  industry: anyOf.optional(),
  /** The customer's region is its province. */
  region: anyOf.optional(),
  owner: anyOf.optional(),
  /** Customers owned by someone in any of these departments (by id) or their sub-departments. */
  department: z.array(z.number().int().positive()).min(1).max(100).optional(),
  /** Customers with any of these tags. */
  tags: anyOf.optional(),
  registeredFrom: isoDate.optional(),
  registeredTo: isoDate.optional(),
  lastPurchaseFrom: isoDate.optional(),
  lastPurchaseTo: isoDate.optional(),
  /** A part of the name, the code or the phone number (case-insensitive). */
  search: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(CUSTOMER_SORTS).default("code"),
  order: z.enum(["asc", "desc"]).default("asc"),
  /** How many per page (default 50, at most 500). */
  limit: z.number().int().min(1).max(500).default(50),
  /** The `nextCursor` of the previous page; absent for the first page. */
  cursor: z.string().min(1).max(1000).optional(),
});
export type ListCustomersInput = z.input<typeof listCustomersSchema>;
export type ListCustomersQuery = z.output<typeof listCustomersSchema>;

/** Gives one or many customers (by code) to another owner (a user name). */
export const reassignCustomersSchema = z.strictObject({
  codes: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
  owner: z.string().trim().min(1).max(200),
});
export type ReassignCustomersInput = z.input<typeof reassignCustomersSchema>;
