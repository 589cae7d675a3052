import { auditQuerySchema, listAuditEntries, verifyAuditChain } from "@custra/app";
import { renderText } from "@custra/core/errors";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditChainReportSchema, auditEntrySchema } from "./access.schemas.ts";
import { commonProblems } from "./schemas.ts";

const id = z.coerce.number().int().positive();
const listQuery = auditQuerySchema.extend({
  actorId: id.optional(),
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The audit log (viewAudit): entries with filters, newest first, and the hash chain's check. */
export async function auditRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["audit"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "Audit entries by actor, action, entity and time; page with `before`",
        querystring: listQuery,
        response: { 200: z.array(auditEntrySchema), ...commonProblems },
      },
    },
    async (request) => listAuditEntries({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/verify",
    {
      schema: {
        tags,
        summary: "Check every entry's hash and link; a broken chain names the entry, in the reader's words",
        response: { 200: auditChainReportSchema, ...commonProblems },
      },
    },
    async (request) => {
      const { problemText, ...report } = await verifyAuditChain({ handle, actor: request.actor! });
      if (!problemText) return report;
      return { ...report, problemText: { ...problemText, text: renderText(problemText, request.locale) } };
    },
  );
}
