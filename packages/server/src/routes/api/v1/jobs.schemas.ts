/** Response schemas for background jobs. */
import { z } from "zod";

export const jobProgressSchema = z
  .object({ stage: z.string(), done: z.number().optional(), total: z.number().optional() })
  .meta({ id: "JobProgress" });

export const jobSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    input: z.unknown(),
    progress: jobProgressSchema.nullable(),
    result: z.unknown().describe("The use case's report, once succeeded"),
    error: z
      .object({
        code: z.string(),
        params: z.unknown().optional(),
        key: z.string().optional().describe("The catalog key of the error's message"),
        detail: z.string().optional().describe("The error's message in the reader's language"),
      })
      .nullable(),
    requestedBy: z.number().int().nullable(),
    trigger: z.enum(["manual", "schedule"]),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: "Job" });

export const jobPageSchema = z
  .object({ jobs: z.array(jobSchema), nextCursor: z.number().int().nullable() })
  .meta({ id: "JobPage" });

export const pipelineScheduleSchema = z
  .object({
    pattern: z.string().nullable().describe("The cron expression (CUSTRA_PIPELINE_SCHEDULE); null when off"),
    timeZone: z.string().nullable().describe("The time zone the expression is read in; null when off"),
    timeZoneFrom: z
      .enum(["server", "settings"])
      .nullable()
      .describe("CUSTRA_TIME_ZONE, or the company's settings as they were when the server started"),
    nextRuns: z.array(z.date()).readonly().describe("The next start times, soonest first; empty when off"),
    lastJob: jobSchema.nullable().describe("The newest pipeline job, scheduled or started by hand"),
    lastScheduledJob: jobSchema.nullable().describe("The newest pipeline job the schedule started"),
  })
  .meta({ id: "PipelineSchedule" });
