import {
  listCustomers,
  listCustomersSchema,
  reassignCustomers,
  reassignCustomersSchema,
  showCustomer,
  withReasonTexts,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import {
  customer360Schema,
  customerPageSchema,
  queryList,
  reassignCustomersResultSchema,
} from "./customers.schemas.ts";
import { commonProblems, problemSchema } from "./schemas.ts";

const codeParams = z.object({ code: z.string().min(1).max(200) });

/** The list's filters as a query string: lists repeated or comma-separated, numbers as text. */
export const listCustomersQuery = listCustomersSchema.extend({
  runId: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  grade: queryList.optional(),
  rfmSegment: queryList.optional(),
  abcClass: queryList.optional(),
  valueTier: queryList.optional(),
  lifecycle: queryList.optional(),
  churnWarning: queryList.optional(),
  creditGrade: queryList.optional(),
  industry: queryList.optional(),
  region: queryList.optional(),
  owner: queryList.optional(),
  department: queryList
    .transform((ids) => ids.map(Number))
    .pipe(listCustomersSchema.shape.department.unwrap())
    .optional(),
  tags: queryList.optional(),
});

/** Customers: the list, the 360 view, and reassigning owners. */
export async function customersRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle; config: ServerConfig },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    "/",
    {
      schema: {
        tags: ["customers"],
        summary: "The customers in the reader's scope: filters, search, sort, cursor pages and the total",
        querystring: listCustomersQuery,
        response: { 200: customerPageSchema, ...commonProblems },
      },
    },
    async (request) => listCustomers({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:code",
    {
      schema: {
        tags: ["customers"],
        summary:
          "A customer's 360 view with what the reader may do on it (404 when out of the reader's scope)",
        params: codeParams,
        response: { 200: customer360Schema, ...commonProblems },
      },
    },
    async (request) => {
      const ctx = { handle, actor: request.actor! };
      const view = await showCustomer(ctx, { code: request.params.code, locale: request.locale });
      return withReasonTexts(ctx, view, request.locale);
    },
  );

  typed.post(
    "/reassign",
    {
      schema: {
        tags: ["customers"],
        summary: "Give one or many customers to another owner: all or none, audited",
        body: reassignCustomersSchema,
        response: { 200: reassignCustomersResultSchema, ...commonProblems },
      },
    },
    async (request) => reassignCustomers({ handle, actor: request.actor! }, request.body),
  );

  typed.put(
    "/:code/owner",
    {
      schema: {
        tags: ["customers"],
        summary: "Give one customer to another owner, audited",
        params: codeParams,
        body: reassignCustomersSchema.pick({ owner: true }),
        response: { 200: reassignCustomersResultSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      reassignCustomers(
        { handle, actor: request.actor! },
        { codes: [request.params.code], owner: request.body.owner },
      ),
  );
}
