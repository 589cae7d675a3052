import {
  complaintSummary,
  complaintSummarySchema,
  listInteractions,
  listInteractionsSchema,
  logInteraction,
  logInteractionSchema,
  readInteraction,
  resolveInteraction,
  resolveInteractionSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  complaintSummaryResultSchema,
  interactionPageSchema,
  interactionSchema,
  resolvedInteractionSchema,
} from "./relations.schemas.ts";
import { commonProblems } from "./schemas.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().min(1) });
const listQuery = listInteractionsSchema.extend({
  open: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Interactions of the customers in scope: list, read one, log one (as the signed-in user), resolve one; how long complaints stay open. */
export async function interactionsRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["interactions"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "Interactions of the customers in scope by customer, kind, owner and time, newest first",
        querystring: listQuery,
        response: { 200: interactionPageSchema, ...commonProblems },
      },
    },
    async (request) => listInteractions({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/complaint-summary",
    {
      schema: {
        tags,
        summary:
          "How long the complaints of the customers in scope stay open: open and resolved, hours to resolve, open past the deadline, per duration",
        querystring: complaintSummarySchema,
        response: { 200: complaintSummaryResultSchema, ...commonProblems },
      },
    },
    async (request) => complaintSummary({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:id",
    {
      schema: {
        tags,
        summary: "One interaction (404 out of scope)",
        params: idParams,
        response: { 200: interactionSchema, ...commonProblems },
      },
    },
    async (request) => readInteraction({ handle, actor: request.actor! }, request.params),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary:
          "Log an interaction with a customer the reader may change (its code in the body; 404 otherwise): " +
          "the signed-in user is its owner; audited. This is the API's one way to log an interaction.",
        body: logInteractionSchema,
        response: { 201: interactionSchema, ...commonProblems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await logInteraction({ handle, actor: request.actor! }, request.body)),
  );

  typed.post(
    "/:id/resolve",
    {
      schema: {
        tags,
        summary: "Mark an interaction resolved, at resolvedAt or now (again: unchanged, alreadyResolved)",
        params: idParams,
        // A POST without a body has a null one: resolved now.
        body: resolveInteractionSchema.omit({ id: true }).nullable(),
        response: { 200: resolvedInteractionSchema, ...commonProblems },
      },
    },
    async (request) =>
      resolveInteraction(
        { handle, actor: request.actor! },
        { ...(request.body ?? {}), id: request.params.id },
      ),
  );
}
