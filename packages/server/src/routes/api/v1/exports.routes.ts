import { once } from "node:events";
import { PassThrough } from "node:stream";
import { EXPORT_KINDS, exportData } from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { listCustomersQuery } from "./customers.routes.ts";
import { queryList } from "./customers.schemas.ts";
import { commonProblems, problemSchema } from "./schemas.ts";

const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/**
 * The filters of every kind, as a query string (the customer list's as GET /customers takes them);
 * a filter of another kind than the path's is refused by the app (400 naming it).
 */
const exportQuery = listCustomersQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  locale: z.enum(["zh-CN", "en"]).optional(),
  runId: z.coerce.number().int().positive().optional(),
  asOf: z.iso.date().optional(),
  timeUnit: z.enum(["day", "week"]).optional(),
  scheme: z.string().trim().min(1).optional(),
  gradeRunId: z.coerce.number().int().positive().optional(),
  // One owner for tasks; any of several for the customer list (its filter, as GET /customers takes it).
  owner: queryList.optional(),
  due: z.iso.date().optional(),
  taskKind: z.string().min(1).optional(),
  status: z.string().min(1).optional(),
  customerCode: z.string().trim().min(1).optional(),
  // The list's sort and order have defaults there; here only a customers export takes them.
  sort: listCustomersQuery.shape.sort.removeDefault().optional(),
  order: listCustomersQuery.shape.order.removeDefault().optional(),
});

/** Exports of the customers in scope, streamed as CSV (with a BOM, for Excel) or XLSX. */
export async function exportsRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle; config: ServerConfig },
): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/:kind",
    {
      schema: {
        tags: ["exports"],
        summary:
          "Download an export (scores, summary, grades, tasks, the filtered customer list) of the customers in scope",
        params: z.object({ kind: z.enum(EXPORT_KINDS) }),
        querystring: exportQuery,
        produces: [TYPES.csv, TYPES.xlsx],
        response: {
          200: z.string().describe("The file (CSV with a byte order mark, or XLSX), as an attachment"),
          ...commonProblems,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const { owner, ...query } = request.query;
      const { format } = query;
      // A tasks export filters by one owner: a single value is given as such, a list is refused there.
      const owners =
        owner === undefined ? {} : { owner: kind === "tasks" && owner.length === 1 ? owner[0] : owner };
      const body = new PassThrough();
      const written = exportData(
        { handle, actor: request.actor! },
        { kind, locale: request.locale, ...query, ...owners },
        { stream: body },
      );
      // Refusals (permission, input, no run) come before the first byte: answered as problems.
      // A failure once the file has started can only cut it short.
      await Promise.race([once(body, "readable"), written]);
      written.catch((error: unknown) => body.destroy(error as Error));
      // The file is a stream, not a serialized 200 body: sent past the typed reply.
      return (reply as FastifyReply)
        .type(TYPES[format])
        .header("content-disposition", `attachment; filename="custra-${kind}.${format}"`)
        .send(body);
    },
  );
}
