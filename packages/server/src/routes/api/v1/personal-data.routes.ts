import { erasePersonalData, eraseSchema, exportPersonalData, visibleCustomerId } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { erasureResultSchema, personalDataExportSchema } from "./access.schemas.ts";
import { commonProblems } from "./schemas.ts";

const codeParams = z.strictObject({ code: z.string().min(1).max(200) });

/**
 * A customer's personal data (`/api/v1/customers/:code/personal-data`), with the erase
 * permission: everything stored about them, and its erasure (audited, with a reason).
 */
export async function personalDataRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["customers"];

  typed.get(
    "/:code/personal-data",
    {
      schema: {
        tags,
        summary: "Everything stored about a customer (erase permission)",
        params: codeParams,
        response: { 200: personalDataExportSchema, ...commonProblems },
      },
    },
    async (request) => {
      const ctx = { handle, actor: request.actor! };
      return exportPersonalData(ctx, { customerId: await visibleCustomerId(ctx, request.params.code) });
    },
  );

  typed.delete(
    "/:code/personal-data",
    {
      schema: {
        tags,
        summary: "Erase a customer's personal data (erase permission); their figures stay, anonymous",
        params: codeParams,
        body: eraseSchema.pick({ reason: true }),
        response: { 200: erasureResultSchema, ...commonProblems },
      },
    },
    async (request) => {
      const ctx = { handle, actor: request.actor! };
      const customerId = await visibleCustomerId(ctx, request.params.code);
      return erasePersonalData(ctx, { customerId, reason: request.body.reason });
    },
  );
}
