import { endSessions, listSessions } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sessionViewSchema } from "./access.schemas.ts";
import { commonProblems } from "./schemas.ts";

/** The actor's live sessions, and "sign out everywhere". */
export async function sessionsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sessions"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The actor's live sessions",
        response: { 200: z.array(sessionViewSchema), ...commonProblems },
      },
    },
    async (request) => listSessions({ handle, actor: request.actor! }, {}),
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
