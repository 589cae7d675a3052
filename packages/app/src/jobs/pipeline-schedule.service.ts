/**
 * When the daily pipeline runs on its own and how its runs went, for those who may see its jobs
 * (`analyze`, as for the jobs themselves). The schedule is the server's configuration
 * (CUSTRA_PIPELINE_SCHEDULE, CUSTRA_TIME_ZONE), not a company setting: the server that runs the
 * schedule passes it in, with its next run times.
 */
import { type JobRecord, listJobs as listJobRows } from "@custra/db";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { asSeenBy } from "./jobs.service.ts";

/** The schedule as the server runs it. */
export interface PipelineSchedule {
  /** The cron expression; null when the pipeline never starts on its own (`off`). */
  readonly pattern: string | null;
  /** The time zone it is read in; null when off. */
  readonly timeZone: string | null;
  /**
   * Where the zone comes from: the server's configuration (CUSTRA_TIME_ZONE), or the company's
   * settings as they were when the server started (a later change applies from the next start).
   */
  readonly timeZoneFrom: "server" | "settings" | null;
  /** The next times it starts the pipeline, soonest first; empty when off. */
  readonly nextRuns: readonly Date[];
}

export interface PipelineScheduleView extends PipelineSchedule {
  /** The newest pipeline job, started by the schedule or by hand. */
  readonly lastJob: JobRecord | null;
  /** The newest pipeline job the schedule started. */
  readonly lastScheduledJob: JobRecord | null;
}

export async function showPipelineSchedule(
  ctx: AppContext,
  schedule: PipelineSchedule,
): Promise<PipelineScheduleView> {
  requirePermission(ctx.actor, "analyze");
  const newest = async (trigger?: "schedule") => {
    const [job] = await listJobRows(ctx.handle.read, {
      kind: "pipeline",
      ...(trigger === undefined ? {} : { trigger }),
      limit: 1,
    });
    return job ? asSeenBy(ctx, job) : null;
  };
  return { ...schedule, lastJob: await newest(), lastScheduledJob: await newest("schedule") };
}
