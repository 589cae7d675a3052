import {
  createApiToken,
  createTokenSchema,
  listApiTokens,
  listTokensSchema,
  revokeApiToken,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiTokenSchema, newApiTokenSchema } from "./access.schemas.ts";
import { commonProblems } from "./schemas.ts";

const listQuery = listTokensSchema.extend({
  userId: z.coerce.number().int().positive().optional(),
  all: z.stringbool().optional().describe("Every user's tokens (manageUsers)"),
});

/** API tokens for scripts and BI tools: the actor's own (another user's or all with manageUsers). */
export async function tokensRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["tokens"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The actor's API tokens, another user's or all (never the tokens themselves)",
        querystring: listQuery,
        response: { 200: z.array(apiTokenSchema), ...commonProblems },
      },
    },
    async (request) => listApiTokens({ handle, actor: request.actor! }, request.query),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "A new API token: the answer shows it this once",
        body: createTokenSchema,
        response: { 201: newApiTokenSchema, ...commonProblems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiToken({ handle, actor: request.actor! }, request.body)),
  );

  typed.delete(
    "/:id",
    {
      schema: {
        tags,
        summary: "Revoke an API token",
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      await revokeApiToken({ handle, actor: request.actor! }, request.params);
      return reply.code(204).send(null);
    },
  );
}
