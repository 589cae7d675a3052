import { listPayments, listPaymentsSchema } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { paymentPageSchema } from "./records.schemas.ts";
import { commonProblems } from "./schemas.ts";

export const listPaymentsQuery = listPaymentsSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Payments of the customers in scope. */
export async function paymentsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    "/",
    {
      schema: {
        tags: ["payments"],
        summary: "Payments in scope: filter by customer and date range, sort, cursor pages and the total",
        querystring: listPaymentsQuery,
        response: { 200: paymentPageSchema, ...commonProblems },
      },
    },
    async (request) => listPayments({ handle, actor: request.actor! }, request.query),
  );
}
