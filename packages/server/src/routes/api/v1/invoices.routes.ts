import { agingSchema, invoiceAging, listInvoices, listInvoicesSchema } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { agingSummarySchema, invoicePageSchema } from "./records.schemas.ts";
import { commonProblems } from "./schemas.ts";

/** The list's filters as a query string: booleans and numbers as text. */
export const listInvoicesQuery = listInvoicesSchema.extend({
  open: z.stringbool().optional(),
  overdue: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Invoices of the customers in scope with their aging, and the aging summed per bucket. */
export async function invoicesRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["invoices"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "Invoices in scope with paid, open and aging as of asOf (default today): filters, sort, cursor pages and the total",
        querystring: listInvoicesQuery,
        response: { 200: invoicePageSchema, ...commonProblems },
      },
    },
    async (request) => listInvoices({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/aging",
    {
      schema: {
        tags,
        summary: "Open invoices summed per aging bucket: one customer's (404 out of scope), or all in scope",
        querystring: agingSchema,
        response: { 200: agingSummarySchema, ...commonProblems },
      },
    },
    async (request) => invoiceAging({ handle, actor: request.actor! }, request.query),
  );
}
