import {
  listCompanyShares,
  listShares,
  shareCustomer,
  unshareCustomer,
  visibleCustomerId,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { companySharePageSchema, shareViewSchema } from "./access.schemas.ts";
import { commonProblems } from "./schemas.ts";

const codeParams = z.strictObject({ code: z.string().min(1).max(200) });
const id = z.number().int().positive();
/** The app's share input without the customer (the URL names it); exactly one of user and department. */
const shareBody = z.strictObject({
  userId: id.optional(),
  departmentId: id.optional(),
  access: z.enum(["read", "write"]).optional(),
  until: z.iso.date().optional().describe("The last day of the share, in the company's time zone"),
});

/**
 * A customer's shares (`/api/v1/customers/:code/shares`): list (read), share with a user or a
 * department until a date, unshare (edit and write access). A customer out of scope is 404.
 */
export async function customerSharesRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["customers"];

  typed.get(
    "/:code/shares",
    {
      schema: {
        tags,
        summary: "Who a customer is shared with",
        params: codeParams,
        response: { 200: z.array(shareViewSchema), ...commonProblems },
      },
    },
    async (request) => {
      const ctx = { handle, actor: request.actor! };
      return listShares(ctx, { customerId: await visibleCustomerId(ctx, request.params.code) });
    },
  );

  typed.post(
    "/:code/shares",
    {
      schema: {
        tags,
        summary: "Share a customer with a user or a department, read-only or read-write, until a date",
        params: codeParams,
        body: shareBody,
        response: { 201: shareViewSchema, ...commonProblems },
      },
    },
    async (request, reply) => {
      const ctx = { handle, actor: request.actor! };
      const customerId = await visibleCustomerId(ctx, request.params.code);
      return reply.code(201).send(await shareCustomer(ctx, { ...request.body, customerId }));
    },
  );

  typed.delete(
    "/:code/shares/:shareId",
    {
      schema: {
        tags,
        summary: "End a share",
        params: codeParams.extend({ shareId: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      const ctx = { handle, actor: request.actor! };
      const customerId = await visibleCustomerId(ctx, request.params.code);
      await unshareCustomer(ctx, { customerId, shareId: request.params.shareId });
      return reply.code(204).send(null);
    },
  );
}

const companySharesQuery = z.strictObject({
  search: z.string().trim().min(1).max(200).optional().describe("A part of the customer's code or name"),
  userId: z.coerce.number().int().positive().optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  access: z.enum(["read", "write"]).optional(),
  expired: z.stringbool().optional().describe("true: only those past their last day; false: those in force"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(1000).optional(),
});

/**
 * The company's shares at once (`/api/v1/customer-shares`, manageUsers), newest first in cursor
 * pages; adding and ending one go through its customer's routes above.
 */
export async function companySharesRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    "/",
    {
      schema: {
        tags: ["customers"],
        summary: "Every customer's shares, filtered, newest first (manageUsers)",
        querystring: companySharesQuery,
        response: { 200: companySharePageSchema, ...commonProblems },
      },
    },
    async (request) => listCompanyShares({ handle, actor: request.actor! }, request.query),
  );
}
