import { ServerError } from "@custra/app/errors";
import type { DbHandle } from "@custra/db";
import { reasonOf } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { sendProblem } from "../plugins/app/problem.ts";

const status = z.object({ status: z.literal("ok") });

/**
 * `/healthz`: the process answers (for restarts by a supervisor). `/readyz`: it can also reach its
 * database (for a load balancer); 503 with the reason when it cannot.
 */
export async function healthRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    "/healthz",
    { schema: { tags: ["health"], summary: "The process is up", response: { 200: status } } },
    async () => ({ status: "ok" as const }),
  );
  typed.get(
    "/readyz",
    { schema: { tags: ["health"], summary: "The database answers", response: { 200: status } } },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(handle.read);
        return { status: "ok" as const };
      } catch (error) {
        return sendProblem(
          reply,
          new ServerError("SERVER_NOT_READY", { reason: reasonOf(error) }, { cause: error }),
        );
      }
    },
  );
}
