import { listOrders, listOrdersSchema, readOrder } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { queryList } from "./customers.schemas.ts";
import { orderDetailSchema, orderPageSchema } from "./records.schemas.ts";
import { commonProblems } from "./schemas.ts";

const numberParams = z.object({ externalId: z.string().min(1).max(200) });

/** The list's filters as a query string: lists repeated or comma-separated, numbers as text. */
export const listOrdersQuery = listOrdersSchema.extend({
  status: queryList.optional(),
  channel: queryList.optional(),
  minAmount: z.coerce.number().finite().optional(),
  maxAmount: z.coerce.number().finite().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Orders of the customers in the reader's scope, and one order with its lines. */
export async function ordersRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["orders"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "Orders in scope: filters (customer, status, channel, dates, amounts), sort by date or amount, cursor pages and the total",
        querystring: listOrdersQuery,
        response: { 200: orderPageSchema, ...commonProblems },
      },
    },
    async (request) => listOrders({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:externalId",
    {
      schema: {
        tags,
        summary: "One order by its number (external id) with its lines (404 out of scope)",
        params: numberParams,
        response: { 200: orderDetailSchema, ...commonProblems },
      },
    },
    async (request) => readOrder({ handle, actor: request.actor! }, request.params),
  );
}
