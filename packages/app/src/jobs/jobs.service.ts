import { findJob, type JobRecord, listJobs as listJobRows } from "@custra/db";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";

export const listJobsInput = z.strictObject({
  kind: z.string().min(1).optional(),
  status: z.enum(["queued", "running", "succeeded", "failed"]).optional(),
  /** The id of the last job of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const getJobInput = z.strictObject({ id: z.coerce.number().int().positive() });

/**
 * Who sees a job: those who may run analyses see every job (the schedule's among them); anyone
 * else sees the jobs they started.
 */
function seesAll(ctx: AppContext): boolean {
  return ctx.actor.permissions.has("analyze");
}

/**
 * A job as the actor may see it. A company-wide job's result counts every customer (how many were
 * analysed, graded, given tasks): only its starter and readers of every customer see it; anyone
 * else who sees the job sees its status and progress, and a null result.
 */
export function asSeenBy(ctx: AppContext, job: JobRecord): JobRecord {
  if (ctx.actor.scope.kind === "all" || job.requestedBy === ctx.actor.userId) return job;
  return { ...job, result: null };
}

/** The jobs the actor may see, newest first, a page at a time. */
export async function listJobs(
  ctx: AppContext,
  input: z.input<typeof listJobsInput>,
): Promise<{ jobs: JobRecord[]; nextCursor: number | null }> {
  const { kind, status, cursor, limit } = parseInput(listJobsInput, input);
  const own = seesAll(ctx) ? {} : { requestedBy: ctx.actor.userId ?? -1 };
  const jobs = await listJobRows(ctx.handle.read, {
    ...own,
    ...(kind === undefined ? {} : { kind }),
    ...(status === undefined ? {} : { status }),
    ...(cursor === undefined ? {} : { before: cursor }),
    limit: limit + 1,
  });
  const page = jobs.slice(0, limit);
  return {
    jobs: page.map((job) => asSeenBy(ctx, job)),
    nextCursor: jobs.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** One job; APP_NOT_FOUND when there is none or the actor may not see it. */
export async function getJob(ctx: AppContext, input: z.input<typeof getJobInput>): Promise<JobRecord> {
  const { id } = parseInput(getJobInput, input);
  const job = await findJob(ctx.handle.read, id);
  if (!job || (!seesAll(ctx) && job.requestedBy !== ctx.actor.userId))
    throw new AppError("APP_NOT_FOUND", { what: "job", key: id });
  return asSeenBy(ctx, job);
}
