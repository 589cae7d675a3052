import {
  getJob,
  getJobInput,
  type JobEvent,
  listJobs,
  listJobsInput,
  showPipelineSchedule,
} from "@custra/app";
import type { DbHandle, JobRecord } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { jobPageSchema, jobSchema, pipelineScheduleSchema } from "./jobs.schemas.ts";
import { withErrorDetail } from "./rendered-texts.ts";
import { commonProblems, problemSchema } from "./schemas.ts";

const startBody = z.strictObject({
  kind: z.string().min(1).max(50).describe("analyze, grade, tasks or pipeline"),
  input: z.record(z.string(), z.unknown()).default({}).describe("The kind's input, as its use case takes it"),
});

/** How many of the schedule's next start times GET /jobs/schedule lists. */
const NEXT_RUNS = 3;
/** How often a stream looks at the database for a job another process runs. */
const POLL_MS = 1000;
/** A comment line this often keeps proxies from closing a quiet stream (a long analysis stage). */
const KEEP_ALIVE_POLLS = 15;
const finished = (job: JobRecord) => job.status === "succeeded" || job.status === "failed";

/**
 * Background jobs: the actor's (every job with `analyze`), one job, starting one (the kind's
 * permission), a job's progress as server-sent events, and the daily pipeline's schedule.
 */
export async function jobsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["jobs"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "The jobs the actor may see, newest first; page with `cursor`",
        querystring: listJobsInput,
        response: { 200: jobPageSchema, ...commonProblems },
      },
    },
    async (request) => {
      const page = await listJobs({ handle, actor: request.actor! }, request.query);
      return { ...page, jobs: page.jobs.map((job) => withErrorDetail(job, request.locale)) };
    },
  );

  typed.get(
    "/schedule",
    {
      schema: {
        tags,
        summary: "The daily pipeline's schedule (analyze): its next start times and its last jobs",
        response: { 200: pipelineScheduleSchema, ...commonProblems },
      },
    },
    async (request) => {
      const view = await showPipelineSchedule(
        { handle, actor: request.actor! },
        app.pipelineSchedule(NEXT_RUNS),
      );
      const rendered = (job: JobRecord | null) => job && withErrorDetail(job, request.locale);
      return { ...view, lastJob: rendered(view.lastJob), lastScheduledJob: rendered(view.lastScheduledJob) };
    },
  );

  typed.get(
    "/:id",
    {
      schema: {
        tags,
        summary: "One job",
        params: getJobInput,
        response: { 200: jobSchema, ...commonProblems },
      },
    },
    async (request) =>
      withErrorDetail(await getJob({ handle, actor: request.actor! }, request.params), request.locale),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "Start a job: answered at once with the job queued; follow it at /jobs/{id}/events",
        body: startBody,
        response: { 202: jobSchema, ...commonProblems, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const job = await app.jobs.submit(
        { handle, actor: request.actor! },
        request.body.kind,
        request.body.input,
      );
      return reply.code(202).header("location", `/api/v1/jobs/${job.id}`).send(job);
    },
  );

  typed.get(
    "/:id/events",
    {
      schema: {
        tags,
        summary: "A job's progress as server-sent events: `progress` events, then `finished` with the job",
        params: getJobInput,
        response: {
          200: z
            .string()
            .describe("text/event-stream: `event: progress` (JobProgress), `event: finished` (Job)"),
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const ctx = { handle, actor: request.actor! };
      const { id } = request.params;
      const job = await getJob(ctx, { id });
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
        "x-request-id": request.id,
      });
      const send = (event: string, data: unknown) =>
        raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      let done = false;
      let unsubscribe = () => {};
      let poll: NodeJS.Timeout | undefined;
      const end = (last: JobRecord) => {
        if (done) return;
        done = true;
        unsubscribe();
        clearInterval(poll);
        send("finished", withErrorDetail(last, request.locale));
        raw.end();
      };
      if (finished(job)) return end(job);
      unsubscribe = app.jobs.subscribe(id, (event: JobEvent) => {
        if (event.type === "progress") send("progress", event.progress);
        else end(event.job);
      });
      if (job.progress) send("progress", job.progress);
      // A job of another process (or one that ended while we subscribed) is seen in the database.
      let polls = 0;
      const check = async () => {
        if (++polls % KEEP_ALIVE_POLLS === 0 && !done) raw.write(": keep-alive\n\n");
        const now = await getJob(ctx, { id }).catch(() => undefined);
        if (now && finished(now)) end(now);
      };
      poll = setInterval(() => void check(), POLL_MS);
      poll.unref();
      void check();
      raw.on("close", () => {
        done = true;
        unsubscribe();
        clearInterval(poll);
      });
    },
  );
}
