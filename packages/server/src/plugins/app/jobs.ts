import { basename } from "node:path";
import {
  backtestSchema,
  commitImport,
  commitImportSchema,
  dailyPipelineSchema,
  generateTasks,
  generateTasksSchema,
  IMPORT_JOB_KIND,
  JobRunner,
  jobKind,
  LOCAL_OPERATOR,
  PIPELINE_STEPS,
  type PipelineSchedule,
  runAnalysis,
  runAnalysisSchema,
  runBacktest,
  runDailyPipeline,
  runGrading,
  runGradingSchema,
  showCompanySettings,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import { Cron } from "croner";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { ServerConfig } from "../../config.ts";
import { removeUpload } from "../../uploads.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Runs the background jobs (analysis, grading, tasks, the daily pipeline, imports), one at a time. */
    jobs: JobRunner;
    /** The daily pipeline's schedule as this server runs it, with its next `count` start times. */
    pipelineSchedule(count: number): PipelineSchedule;
  }
}

/** The job kinds the server runs: each an app use case, its stages reported as progress. */
export function jobKinds() {
  const steps = PIPELINE_STEPS as readonly string[];
  return {
    analyze: jobKind({
      permission: "analyze",
      companyWide: true,
      input: runAnalysisSchema,
      run: (scope, input) => runAnalysis(scope.ctx, input, { onStage: (stage) => scope.report({ stage }) }),
    }),
    // A backtest fits the models twice over the whole history: long work, so a job too.
    backtest: jobKind({
      permission: "analyze",
      companyWide: true,
      input: backtestSchema,
      run: (scope, input) => runBacktest(scope.ctx, input, { onStage: (stage) => scope.report({ stage }) }),
    }),
    grade: jobKind({
      permission: "analyze",
      companyWide: true,
      input: runGradingSchema,
      run: (scope, input) => runGrading(scope.ctx, input, { onStage: (stage) => scope.report({ stage }) }),
    }),
    tasks: jobKind({
      permission: "analyze",
      companyWide: true,
      input: generateTasksSchema,
      run: (scope, input) => generateTasks(scope.ctx, input, { onStage: (stage) => scope.report({ stage }) }),
    }),
    // An uploaded file's import (POST /imports/{entity}/jobs): its progress is the file's bytes
    // read; the upload is removed when it ends. Internal: its input names a file on this server.
    [IMPORT_JOB_KIND]: jobKind({
      permission: "import",
      internal: true,
      input: commitImportSchema,
      run: async (scope, input) => {
        try {
          const result = await commitImport(scope.ctx, input, {
            onProgress: (progress) =>
              scope.report({ stage: progress.phase, done: progress.bytesRead, total: progress.totalBytes }),
          });
          // The result names the stored file: the upload's own name instead, as the routes do.
          return { ...result, file: input.fileName ?? basename(input.file) };
        } finally {
          await removeUpload(input.file);
        }
      },
    }),
    pipeline: jobKind({
      permission: "analyze",
      companyWide: true,
      input: dailyPipelineSchema,
      run: (scope, input) => {
        let step = "analyze";
        const at = (stage: string) => scope.report({ stage, done: steps.indexOf(step), total: steps.length });
        return runDailyPipeline(scope.ctx, input, {
          onStep: (next) => {
            step = next;
            at(next);
          },
          onAnalyzeStage: (stage) => at(`analyze.${stage}`),
          onGradeStage: (stage) => at(`grade.${stage}`),
          onTaskStage: (stage) => at(`tasks.${stage}`),
        });
      },
    }),
  };
}

/**
 * The job runner, made with the server: at ready it marks the jobs of dead processes failed and
 * starts the daily pipeline's schedule (in the company's time zone); when closing begins the schedule
 * stops and the running job is asked to stop, and closing ends once it has.
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance, { handle, config }: { handle: DbHandle; config: ServerConfig }) => {
    const runner = new JobRunner(handle, jobKinds(), {
      heartbeatMs: config.jobHeartbeatMs,
      staleMs: 6 * config.jobHeartbeatMs,
      onUnexpectedError: (jobId, error) => app.log.error({ err: error, jobId }, "job failed"),
      onAbandoned: (jobs) => app.log.warn({ jobs }, "jobs of a stopped process marked failed"),
    });
    app.decorate("jobs", runner);
    let schedule: Cron | undefined;
    let scheduleZone: string | null = null;
    app.decorate("pipelineSchedule", (count: number): PipelineSchedule => {
      const running = schedule !== undefined && config.pipelineSchedule !== null;
      return {
        pattern: config.pipelineSchedule,
        timeZone: running ? scheduleZone : null,
        timeZoneFrom: running ? (config.timeZone ? "server" : "settings") : null,
        nextRuns: schedule?.nextRuns(count) ?? [],
      };
    });

    app.addHook("onReady", async () => {
      const abandoned = await runner.start();
      if (abandoned.length > 0) app.log.warn({ jobs: abandoned }, "jobs of a stopped process marked failed");
      if (config.pipelineSchedule === null) return;
      const timeZone =
        config.timeZone ?? (await showCompanySettings({ handle, actor: LOCAL_OPERATOR })).settings.timeZone;
      scheduleZone = timeZone;
      schedule = new Cron(
        config.pipelineSchedule,
        { timezone: timeZone, protect: true, unref: true },
        async () => {
          try {
            const job = await runner.submit({ handle, actor: LOCAL_OPERATOR }, "pipeline", {}, "schedule");
            app.log.info({ jobId: job.id }, "daily pipeline started");
          } catch (error) {
            app.log.error({ err: error }, "daily pipeline could not start");
          }
        },
      );
      app.log.info(
        { schedule: config.pipelineSchedule, timeZone, next: schedule.nextRun()?.toISOString() },
        "daily pipeline scheduled",
      );
    });

    // Asked to stop as soon as shutdown begins, so a job reaches its next safe point while the
    // requests finish (and event streams of its progress end with it); awaited once they have.
    let stopping: Promise<void> | undefined;
    app.addHook("preClose", async () => {
      schedule?.stop();
      stopping = runner.stop();
    });
    app.addHook("onClose", async () => {
      await (stopping ?? runner.stop());
    });
  },
  { name: "custra-jobs" },
);

/** The schedule's next runs from `from`, for a test or a status line. */
export function nextRuns(pattern: string, timeZone: string, count: number, from?: Date): Date[] {
  const cron = new Cron(pattern, { timezone: timeZone, paused: true });
  try {
    return cron.nextRuns(count, from);
  } finally {
    cron.stop();
  }
}
