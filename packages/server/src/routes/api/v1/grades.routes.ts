import {
  explainGrade,
  explainGradeSchema,
  gradeHistory,
  gradeHistorySchema,
  gradeMigration,
  gradeMigrationSchema,
  listPins,
  listPinsSchema,
  pinGrade,
  pinGradeSchema,
  unpinGrade,
  unpinGradeSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import {
  gradeExplanationSchema,
  gradeHistorySchema as historyResponse,
  gradeMigrationSchema as migrationResponse,
  pinSchema,
  unpinnedSchema,
} from "./grades.schemas.ts";
import { commonProblems, problemSchema } from "./schemas.ts";

const codeParams = z.object({ code: z.string().min(1).max(200) });
const runId = z.coerce.number().int().positive().optional();

/** Grades: a customer's history and explanation, migration between two runs, pins. */
export async function gradesRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle; config: ServerConfig },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["grades"];

  typed.get(
    "/migration",
    {
      schema: {
        tags,
        summary:
          "How the customers in scope moved between two grade runs of a scheme (the last two by default)",
        querystring: gradeMigrationSchema.extend({
          from: runId,
          to: runId,
          dropLimit: z.coerce.number().int().min(0).max(10_000).optional(),
        }),
        response: { 200: migrationResponse, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => gradeMigration({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/pins",
    {
      schema: {
        tags,
        summary: "The pins of the customers in scope",
        querystring: listPinsSchema,
        response: { 200: z.array(pinSchema), ...commonProblems },
      },
    },
    async (request) => listPins({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/customers/:code/history",
    {
      schema: {
        tags,
        summary: "A customer's grade in every grade run, oldest first",
        params: codeParams,
        querystring: gradeHistorySchema.pick({ scheme: true }),
        response: { 200: historyResponse, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      gradeHistory({ handle, actor: request.actor! }, { ...request.query, ...request.params }),
  );

  typed.get(
    "/customers/:code/explanation",
    {
      schema: {
        tags,
        summary:
          "Why a customer has their grade: components, rules and pins, the scheme's texts in the reader's language",
        params: codeParams,
        querystring: explainGradeSchema.pick({ scheme: true }),
        response: { 200: gradeExplanationSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      explainGrade(
        { handle, actor: request.actor! },
        { ...request.query, ...request.params, locale: request.locale },
      ),
  );

  typed.put(
    "/customers/:code/pin",
    {
      schema: {
        tags,
        summary: "Pin a customer's grade under a scheme (a reason is required); the next grading applies it",
        params: codeParams,
        body: pinGradeSchema.omit({ code: true, author: true }),
        response: { 200: pinSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => pinGrade({ handle, actor: request.actor! }, { ...request.body, ...request.params }),
  );

  typed.delete(
    "/customers/:code/pin",
    {
      schema: {
        tags,
        summary: "Remove a customer's pin under a scheme",
        params: codeParams,
        querystring: unpinGradeSchema.pick({ scheme: true }),
        response: { 200: unpinnedSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) => unpinGrade({ handle, actor: request.actor! }, { ...request.query, ...request.params }),
  );
}
