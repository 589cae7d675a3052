import { customerStructure, structureOverview, structureRetention, structureSchema } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { queryList } from "./customers.schemas.ts";
import { commonProblems, problemSchema } from "./schemas.ts";
import { retentionSchema, structureOverviewSchema, structureReportSchema } from "./structure.schemas.ts";

/** The structure's dimensions as a query string: `?by=grade,region` or `?by=grade&by=region`. */
const structureQuery = structureSchema.extend({
  by: queryList.optional(),
  runId: z.coerce.number().int().min(1).optional(),
});

const runQuery = z.strictObject({ runId: z.coerce.number().int().min(1).optional() });

/** The customer structure as cross-tabs and the overview's figures, of the customers in the reader's scope. */
export async function structureRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle; config: ServerConfig },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
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

  typed.get(
    "/overview",
    {
      schema: {
        tags: ["structure"],
        summary:
          "Key figures of an analysis run (default the latest) and of the run before, the Lorenz curve with Gini and top-20 % share, and the spread of predicted value",
        querystring: runQuery,
        response: { 200: structureOverviewSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => structureOverview({ handle, actor: request.actor! }, request.query),
  );
  typed.get(
    "/retention",
    {
      schema: {
        tags: ["structure"],
        summary:
          "Cohort retention (by month of first purchase) and monthly churn over the last 12 months, up to the run's as-of day",
        querystring: runQuery,
        response: { 200: retentionSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => structureRetention({ handle, actor: request.actor! }, request.query),
  );
}
