import { getGradeRun, listGradeRuns } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { commonProblems } from "./schemas.ts";

const gradeRunSchema = z
  .object({
    id: z.number().int(),
    scheme: z.string(),
    schemeVersion: z.number().int(),
    analysisRunId: z.number().int(),
    asOf: z.string(),
    createdAt: z.string(),
    customers: z.number().int().nullable().describe("Every customer graded: only for a reader who sees all"),
    customersInScope: z.number().int(),
    grades: z
      .array(z.object({ grade: z.string(), customers: z.number().int() }))
      .describe("Customers per grade, within the reader's scope"),
  })
  .meta({ id: "GradeRun" });

/** Grade runs: the list (of a scheme, newest first) and one run, each counted within the reader's scope. */
export async function gradeRunsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["grades"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The grade runs, newest first (of `scheme` if given), with customers per grade in scope",
        querystring: z.strictObject({
          scheme: z.string().min(1).max(64).optional(),
          cursor: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({
            runs: z.array(gradeRunSchema),
            total: z.number().int(),
            nextCursor: z.number().int().nullable(),
          }),
          ...commonProblems,
        },
      },
    },
    async (request) => listGradeRuns({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:id",
    {
      schema: {
        tags,
        summary: "One grade run, with customers per grade in scope",
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        response: { 200: gradeRunSchema, ...commonProblems },
      },
    },
    async (request) => getGradeRun({ handle, actor: request.actor! }, request.params),
  );
}
