/**
 * The jobs table (migrations/0010_jobs.ts): background work, its progress and its outcome. A job's
 * process beats its heartbeat while it is queued or running; jobs whose heartbeat stopped belong
 * to a process that died and are marked failed at the next start, or by any running process once
 * their heartbeat is stale.
 */
import type { Kysely } from "kysely";
import type { Database, JobStatus } from "./schema.ts";

export interface JobRecord {
  readonly id: number;
  readonly kind: string;
  readonly status: JobStatus;
  readonly input: unknown;
  readonly progress: JobProgress | null;
  readonly result: unknown;
  /** `{ code, params }` of the error that ended the job, and its message's catalog key (`key`). */
  readonly error: { readonly code: string; readonly params?: unknown; readonly key?: string } | null;
  readonly requestedBy: number | null;
  readonly trigger: JobTrigger;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

export type JobTrigger = "manual" | "schedule";

/** How far a job is: its current stage and, where countable, how much of it is done. */
export interface JobProgress {
  readonly stage: string;
  readonly done?: number;
  readonly total?: number;
}

export interface NewJob {
  readonly kind: string;
  readonly input: unknown;
  readonly requestedBy: number | null;
  readonly trigger: JobTrigger;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function insertJob(db: Kysely<Database>, job: NewJob): Promise<number> {
  const row = await db
    .insertInto("jobs")
    .values({
      kind: job.kind,
      status: "queued",
      input: json(job.input),
      requested_by: job.requestedBy,
      trigger: job.trigger,
      heartbeat_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function markJobRunning(db: Kysely<Database>, id: number): Promise<void> {
  const now = new Date();
  await db
    .updateTable("jobs")
    .set({ status: "running", started_at: now, heartbeat_at: now })
    .where("id", "=", id)
    .execute();
}

export async function writeJobProgress(
  db: Kysely<Database>,
  id: number,
  progress: JobProgress,
): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ progress: JSON.stringify(progress), heartbeat_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** Beats the heartbeat of the given jobs (those this process holds). */
export async function beatJobs(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("jobs").set({ heartbeat_at: new Date() }).where("id", "in", ids).execute();
}

export type JobOutcome =
  | { readonly status: "succeeded"; readonly result: unknown }
  | { readonly status: "failed"; readonly error: { code: string; params?: unknown; key?: string } };

export async function finishJob(db: Kysely<Database>, id: number, outcome: JobOutcome): Promise<void> {
  await db
    .updateTable("jobs")
    .set({
      status: outcome.status,
      result: outcome.status === "succeeded" ? json(outcome.result) : null,
      error: outcome.status === "failed" ? JSON.stringify(outcome.error) : null,
      finished_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

/**
 * Marks failed, with `error`, the queued or running jobs whose heartbeat is older than
 * `staleBefore`, other than `held` (the caller's own, whose heartbeat may merely wait for the
 * writer): their process is gone. Returns their ids.
 */
export async function failAbandonedJobs(
  db: Kysely<Database>,
  staleBefore: Date,
  error: { code: string; params?: unknown; key?: string },
  held: readonly number[] = [],
): Promise<number[]> {
  let query = db
    .updateTable("jobs")
    .set({ status: "failed", error: JSON.stringify(error), finished_at: new Date() })
    .where("status", "in", ["queued", "running"])
    .where((eb) => eb.or([eb("heartbeat_at", "is", null), eb("heartbeat_at", "<", staleBefore)]));
  if (held.length > 0) query = query.where("id", "not in", held);
  const rows = await query.returning("id").execute();
  return rows.map((row) => Number(row.id));
}

export async function findJob(db: Kysely<Database>, id: number): Promise<JobRecord | undefined> {
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export interface JobFilter {
  readonly kind?: string;
  readonly status?: JobStatus;
  readonly requestedBy?: number;
  readonly trigger?: JobTrigger;
  /** Jobs with a smaller id than this (the cursor of the next page). */
  readonly before?: number;
  readonly limit: number;
}

/** The newest jobs first. */
export async function listJobs(db: Kysely<Database>, filter: JobFilter): Promise<JobRecord[]> {
  let query = db.selectFrom("jobs").selectAll().orderBy("id", "desc").limit(filter.limit);
  if (filter.kind !== undefined) query = query.where("kind", "=", filter.kind);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.requestedBy !== undefined) query = query.where("requested_by", "=", filter.requestedBy);
  if (filter.trigger !== undefined) query = query.where("trigger", "=", filter.trigger);
  if (filter.before !== undefined) query = query.where("id", "<", filter.before);
  return (await query.execute()).map(toRecord);
}

function toRecord(row: {
  id: number;
  kind: string;
  status: JobStatus;
  input: unknown;
  progress: unknown;
  result: unknown;
  error: unknown;
  requested_by: number | null;
  trigger: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}): JobRecord {
  return {
    id: Number(row.id),
    kind: row.kind,
    status: row.status,
    input: row.input,
    progress: row.progress as JobProgress | null,
    result: row.result,
    error: row.error as JobRecord["error"],
    requestedBy: row.requested_by === null ? null : Number(row.requested_by),
    trigger: row.trigger as JobTrigger,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
