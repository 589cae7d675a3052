import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import {
  commitImport,
  commitImportSchema,
  deleteStoredImportProfile,
  getStoredImportProfile,
  IMPORT_JOB_KIND,
  importableEntities,
  importHistorySchema,
  listImportHistory,
  listStoredImportProfiles,
  listStoredProfilesSchema,
  previewImport,
  profileNameSchema,
  rejectedImport,
  requirePermission,
  storeImportProfile,
  storeProfileSchema,
  validateImport,
} from "@custra/app";
import { AppError, ServerError } from "@custra/app/errors";
import { ENTITY_NAMES } from "@custra/core";
import type { DbHandle } from "@custra/db";
import type { ImportError, ImportResult } from "@custra/engine";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { sendProblem } from "../../../plugins/app/problem.ts";
import { makeUploadDir, removeAbandonedUploads } from "../../../uploads.ts";
import { importableEntitySchema, importHistoryPageSchema } from "./imports.schemas.ts";
import { jobSchema } from "./jobs.schemas.ts";
import { withErrorDetail, withRenderedTexts } from "./rendered-texts.ts";
import { commonProblems, problemSchema } from "./schemas.ts";

const params = z.strictObject({ entity: z.enum(ENTITY_NAMES) });

/** How the file is read: the import use cases' fields other than the file itself, as one JSON form field. */
const readOptions = commitImportSchema.omit({ entity: true, file: true, fileName: true, profileFile: true });
/** The input of the preview and validate use cases, as an upload gives it. */
type ReadInput = Omit<z.output<typeof readOptions>, "skipInvalid"> & {
  entity: z.output<typeof params>["entity"];
  file: string;
  fileName: string;
};

const resultSchema = z.record(z.string(), z.unknown()).meta({
  id: "ImportResult",
  description:
    "Counts, the first row problems (file, line, column, reason) and the column mapping; each Text " +
    "({ key, params }: a reason, a warning) carries `text`, its rendering in the reader's language.",
});
/** A file refused for its rows: the problem with the import's result (its row problems) beside it. */
const rejectedSchema = problemSchema
  .extend({ result: resultSchema.optional() })
  .meta({ id: "ImportProblem" });
const uploadProblems = {
  ...commonProblems,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: rejectedSchema,
  423: problemSchema,
};

/**
 * Imports over HTTP: a CSV or XLSX file uploaded as `multipart/form-data` (a `file` part, and an
 * optional `options` part of JSON read options before it), streamed to a temporary file (never
 * held in memory; the upload limit applies while it streams), then previewed, validated or
 * imported by the same use cases as `custra import`, and removed. All or nothing per file unless
 * `skipInvalid`: bad rows answer 422 with their problems, nothing written. An import may also run
 * as a background job (`/:entity/jobs`): its progress is followed, and the jobs are the history.
 */
export async function importsRoutes(
  app: FastifyInstance,
  { handle, config }: { handle: DbHandle; config: ServerConfig },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  app.addHook("onReady", async () => {
    const removed = await removeAbandonedUploads();
    if (removed.length > 0) app.log.warn({ folders: removed.length }, "uploads of a stopped server removed");
  });
  /**
   * Stores the upload, then runs `work` with the use case's input (the read options with the
   * entity and the stored file) and `skipInvalid`, which only the import itself takes. The upload
   * is removed when `work` ends, unless it called `keep` (a job it started removes it).
   */
  const upload = async <T>(
    request: FastifyRequest,
    entity: ReadInput["entity"],
    work: (input: ReadInput, skipInvalid: boolean | undefined, keep: () => void) => Promise<T>,
  ): Promise<T> => {
    // Before a byte is stored: a role that may not import never uploads.
    requirePermission(request.actor!, "import");
    if (!request.isMultipart())
      throw new ServerError("SERVER_UNSUPPORTED_MEDIA_TYPE", { type: request.headers["content-type"] ?? "" });
    const dir = await makeUploadDir();
    let kept = false;
    try {
      let options: unknown = {};
      let stored: { path: string; name: string } | undefined;
      for await (const part of request.parts()) {
        if (part.type === "field") {
          if (part.fieldname === "options") options = parseOptions(String(part.value));
          continue;
        }
        if (part.fieldname !== "file" || stored) {
          part.file.resume();
          continue;
        }
        const name = basename(part.filename || "upload");
        const path = join(dir, name.replace(/[^\p{L}\p{N}._-]/gu, "_") || "upload");
        // Refused the moment the limit is passed: the file stream would only end (truncated)
        // at the end of its part, after the whole oversized upload had been read and discarded.
        const tooLarge = new ServerError("SERVER_BODY_TOO_LARGE", { limit: config.uploadLimit });
        part.file.once("limit", () => part.file.destroy(tooLarge));
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw tooLarge;
        stored = { path, name };
      }
      if (!stored) throw new AppError("APP_INVALID_INPUT", { issues: [{ key: "server.import.no_file" }] });
      const parsed = readOptions.safeParse(options);
      if (!parsed.success)
        throw new AppError("APP_INVALID_INPUT", { issues: [{ key: "server.import.bad_options" }] });
      const { skipInvalid, ...read } = parsed.data;
      const input = { ...read, entity, file: stored.path, fileName: stored.name };
      return await work(input, skipInvalid, () => {
        kept = true;
      });
    } finally {
      if (!kept) await rm(dir, { recursive: true, force: true });
    }
  };
  // An import's result names the file it read, here the temporary one: the upload's name instead.
  const named = (result: ImportResult, input: ReadInput) => ({ ...result, file: input.fileName });
  const ctxOf = (request: FastifyRequest) => ({ handle, actor: request.actor! });

  typed.get(
    "/entities",
    {
      schema: {
        tags: ["imports"],
        summary: "What the actor may import: each entity with its fields, for mapping a file's columns",
        response: { 200: z.array(importableEntitySchema), ...commonProblems },
      },
    },
    async (request) => importableEntities(ctxOf(request)),
  );

  typed.get(
    "/history",
    {
      schema: {
        tags: ["imports"],
        summary: "The imports run as jobs, newest first: who, when, which file, how many rows, how it ended",
        querystring: importHistorySchema,
        response: { 200: importHistoryPageSchema, ...commonProblems },
      },
    },
    async (request) => {
      const page = await listImportHistory(ctxOf(request), request.query);
      return { ...page, imports: page.imports.map((entry) => withErrorDetail(entry, request.locale)) };
    },
  );

  typed.post(
    "/:entity/preview",
    {
      schema: {
        tags: ["imports"],
        summary: "How an uploaded file would import: the header mapping and the first rows",
        consumes: ["multipart/form-data"],
        params,
        response: { 200: resultSchema, ...uploadProblems },
      },
    },
    (request) =>
      upload(request, request.params.entity, async (input) =>
        // A plain object for the response schema's record type (an interface has no index signature).
        withRenderedTexts({ ...(await previewImport(ctxOf(request), input)) }, request.locale),
      ),
  );

  typed.post(
    "/:entity/validate",
    {
      schema: {
        tags: ["imports"],
        summary: "Every problem of every row of an uploaded file; nothing written",
        consumes: ["multipart/form-data"],
        params,
        response: { 200: resultSchema, ...uploadProblems },
      },
    },
    (request) =>
      upload(request, request.params.entity, async (input) =>
        withRenderedTexts(named(await validateImport(ctxOf(request), input), input), request.locale),
      ),
  );

  typed.post(
    "/:entity",
    {
      schema: {
        tags: ["imports"],
        summary: "Import an uploaded file: all rows or none (unless skipInvalid)",
        consumes: ["multipart/form-data"],
        params,
        response: { 200: resultSchema, ...uploadProblems },
      },
    },
    (request, reply) =>
      upload(request, request.params.entity, async (input, skipInvalid) => {
        try {
          const result = named(await commitImport(ctxOf(request), { ...input, skipInvalid }), input);
          return withRenderedTexts(result, request.locale);
        } catch (error) {
          const rejected = rejectedImport(error);
          if (!rejected) throw error;
          // A file refused for its rows: the problem document carries the problems and counts.
          return sendProblem(reply, error as ImportError, {
            result: withRenderedTexts(named(rejected, input), request.locale),
          });
        }
      }),
  );

  typed.post(
    "/:entity/jobs",
    {
      schema: {
        tags: ["imports"],
        summary:
          "Import an uploaded file as a background job: answered at once with the job queued; follow " +
          "it at /jobs/{id}/events. Its result is the import's; a refused file fails it, nothing written",
        consumes: ["multipart/form-data"],
        params,
        response: { 202: jobSchema, ...uploadProblems, 503: problemSchema },
      },
    },
    (request, reply) =>
      upload(request, request.params.entity, async (input, skipInvalid, keep) => {
        const job = await app.jobs.submit(
          ctxOf(request),
          IMPORT_JOB_KIND,
          { ...input, skipInvalid },
          "manual",
          { internal: true },
        );
        // The file is the job's now: it removes it when it ends.
        keep();
        return reply.code(202).header("location", `/api/v1/jobs/${job.id}`).send(job);
      }),
  );
}

const storedProfileResponse = z
  .object({
    name: z.string(),
    version: z.number().int(),
    entity: z.string(),
    profile: z.unknown().describe("The profile document (columns, values, date_format …)"),
    createdBy: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "StoredImportProfile" });

/**
 * Import profiles saved on the server (`/api/v1/imports/profiles`): list, read (the latest version,
 * or `?version=`), save (each save of a name is a new version; the earlier ones are kept) and
 * delete (every version). An upload applies one with `profileName` in its options.
 */
export async function importProfilesRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["imports"];
  const nameParams = z.strictObject({ name: profileNameSchema });

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The saved import profiles (the latest version of each), of one entity if given",
        querystring: listStoredProfilesSchema,
        response: { 200: z.array(storedProfileResponse), ...commonProblems },
      },
    },
    async (request) => listStoredImportProfiles({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:name",
    {
      schema: {
        tags,
        summary: "A saved import profile: its latest version, or `version`",
        params: nameParams,
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: storedProfileResponse, ...commonProblems },
      },
    },
    async (request) =>
      getStoredImportProfile({ handle, actor: request.actor! }, { ...request.params, ...request.query }),
  );

  typed.put(
    "/:name",
    {
      schema: {
        tags,
        summary: "Save a profile under a name: a new version (checked against its entity); audited",
        params: nameParams,
        body: storeProfileSchema.omit({ name: true }),
        response: { 200: storedProfileResponse, ...commonProblems },
      },
    },
    async (request) =>
      storeImportProfile({ handle, actor: request.actor! }, { ...request.body, name: request.params.name }),
  );

  typed.delete(
    "/:name",
    {
      schema: {
        tags,
        summary: "Delete a saved profile, every version of it; audited",
        params: nameParams,
        response: { 204: z.null(), ...commonProblems },
      },
    },
    async (request, reply) => {
      await deleteStoredImportProfile({ handle, actor: request.actor! }, request.params);
      return reply.code(204).send(null);
    },
  );
}

function parseOptions(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new AppError("APP_INVALID_INPUT", { issues: [{ key: "server.import.bad_options" }] });
  }
}
