/**
 * The history of imports: an upload imported as a background job (POST /imports/{entity}/jobs, as
 * the workbench does; kind `import`, the job's progress is the file's) is a row of the jobs table,
 * which already says who imported which file into what, when, how it ended and with how many rows.
 * This reads those rows as imports. Imports that are not jobs (the synchronous POST
 * /imports/{entity} of scripts, the CLI's) are not in it.
 */
import type { EntityName } from "@custra/core";
import { findUserById, type JobRecord } from "@custra/db";
import type { ImportResult } from "@custra/engine";
import { z } from "zod";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { listJobs } from "../jobs/jobs.service.ts";
import type { CommitImportInput } from "./import.schemas.ts";

/** The job kind of an import (the server's job kinds run it). */
export const IMPORT_JOB_KIND = "import";

export const importHistorySchema = z.strictObject({
  /** The id of the last import of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ImportHistoryInput = z.input<typeof importHistorySchema>;

export interface ImportHistoryEntry {
  /** The import's job: its progress and outcome at /jobs/{id}. */
  readonly id: number;
  readonly entity: EntityName;
  /** The uploaded file's name. */
  readonly file: string;
  readonly skipInvalid: boolean;
  readonly status: JobRecord["status"];
  /** Who imported it; null for a user since deleted. */
  readonly by: { readonly username: string; readonly name: string | null } | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  /** The rows of a finished import, when the reader may see its result (as for any job). */
  readonly rows: {
    readonly read: number;
    readonly inserted: number;
    readonly updated: number;
    readonly unchanged: number;
    readonly rejected: number;
  } | null;
  /** Why it failed: its code, parameters and message key (render it with jobErrorText). */
  readonly error: JobRecord["error"];
}

/**
 * The imports the actor may see, newest first, a page at a time: as for every job, a reader who may
 * run analyses sees all of them, anyone else their own; the rows of another's import only with
 * every customer in sight (jobs.service.ts). Needs `import`.
 */
export async function listImportHistory(
  ctx: AppContext,
  input: ImportHistoryInput = {},
): Promise<{ imports: ImportHistoryEntry[]; nextCursor: number | null }> {
  requirePermission(ctx.actor, "import");
  const { cursor, limit } = parseInput(importHistorySchema, input);
  const page = await listJobs(ctx, { kind: IMPORT_JOB_KIND, limit, ...(cursor ? { cursor } : {}) });
  const users = new Map<number, ImportHistoryEntry["by"]>();
  for (const id of new Set(page.jobs.map((job) => job.requestedBy))) {
    if (id === null) continue;
    const user = await findUserById(ctx.handle.read, id);
    users.set(id, user ? { username: user.username, name: user.display_name } : null);
  }
  return {
    imports: page.jobs.map((job) =>
      entryOf(job, job.requestedBy === null ? null : users.get(job.requestedBy)),
    ),
    nextCursor: page.nextCursor,
  };
}

function entryOf(job: JobRecord, by: ImportHistoryEntry["by"] | undefined): ImportHistoryEntry {
  const input = job.input as CommitImportInput;
  const result = job.result as ImportResult | null;
  return {
    id: job.id,
    entity: input.entity,
    file: input.fileName ?? "",
    skipInvalid: input.skipInvalid === true,
    status: job.status,
    by: by ?? null,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    rows: result
      ? {
          read: result.rowsRead,
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
          rejected: result.rejected,
        }
      : null,
    error: job.error,
  };
}
