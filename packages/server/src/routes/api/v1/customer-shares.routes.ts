import { listShares, shareCustomer, unshareCustomer, visibleCustomerId } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { shareViewSchema } from "./access.schemas.ts";
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
