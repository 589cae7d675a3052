import { endSession, endSessionSchema, endSessions, listSessions } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sessionViewSchema } from "./access.schemas.ts";
import { commonProblems } from "./schemas.ts";

/** The actor's live sessions (an admin: any user's), ending one of them, and "sign out everywhere". */
export async function sessionsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sessions"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The actor's live sessions; with `userId`, that user's (manageUsers)",
        querystring: z.strictObject({ userId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(sessionViewSchema), ...commonProblems },
      },
    },
    async (request) => listSessions({ handle, actor: request.actor! }, request.query),
  );

  typed.delete(
    "/:id",
    {
      schema: {
        tags,
        summary: "End one live session: the actor's own, or any user's (manageUsers); else 404",
        params: endSessionSchema,
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      await endSession({ handle, actor: request.actor! }, request.params);
      return reply.code(204).send(null);
    },
  );

  typed.delete(
    "/",
    {
      schema: {
        tags,
        summary: "End every live session of the actor (this one too)",
        response: { 200: z.object({ ended: z.number().int() }), ...commonProblems },
      },
    },
    async (request) => ({ ended: await endSessions({ handle, actor: request.actor! }, {}) }),
  );
}
