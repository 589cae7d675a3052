import { customerStructure, structureSchema } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { queryList } from "./customers.schemas.ts";
import { commonProblems, problemSchema } from "./schemas.ts";
import { structureReportSchema } from "./structure.schemas.ts";

/** The structure's dimensions as a query string: `?by=grade,region` or `?by=grade&by=region`. */
const structureQuery = structureSchema.extend({
  by: queryList.optional(),
  runId: z.coerce.number().int().min(1).optional(),
});

/** The customer structure as cross-tabs, of the customers in the reader's scope. */
export async function structureRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle; config: ServerConfig },
): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/",
    {
      schema: {
        tags: ["structure"],
        summary: "A cross-tab of the customers in scope by up to four dimensions (grade by default)",
        querystring: structureQuery,
        response: { 200: structureReportSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => customerStructure({ handle, actor: request.actor! }, request.query),
  );
}
