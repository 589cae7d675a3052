import {
  analysisRunBacktest,
  analysisRunSummary,
  backtestSchema,
  getAnalysisRun,
  listAnalysisRunResults,
  listAnalysisRuns,
  runAnalysisSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  analysisRunBacktestSchema,
  analysisRunPageSchema,
  analysisRunSummarySchema,
  analysisRunViewSchema,
} from "./analysis-runs.schemas.ts";
import { listCustomersQuery } from "./customers.routes.ts";
import { customerPageSchema } from "./customers.schemas.ts";
import { jobSchema } from "./jobs.schemas.ts";
import { withWarningTexts } from "./rendered-texts.ts";
import { commonProblems, problemSchema } from "./schemas.ts";

const runParams = z.strictObject({ runId: z.coerce.number().int().min(1) });

/**
 * Analysis runs: the list, one run, its per-customer results and summary counts (both within the
 * reader's scope), how its predictions came true, and starting a run or a backtest, each as a job
 * (answered 202 with the job).
 */
export async function analysisRunsRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["analysis"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "The analysis runs, newest first: settings, who started them, model fit and warnings (with their text); page with `cursor`",
        querystring: z.strictObject({
          cursor: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: analysisRunPageSchema, ...commonProblems },
      },
    },
    async (request) => {
      const page = await listAnalysisRuns({ handle, actor: request.actor! }, request.query);
      return {
        ...page,
        runs: page.runs.map((run) => ({ ...run, warnings: withWarningTexts(run.warnings, request.locale) })),
      };
    },
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary:
          "Start an analysis run as a job (needs analyze and the all data scope); follow it at /jobs/{id}",
        body: runAnalysisSchema,
        response: { 202: jobSchema, ...commonProblems, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const job = await app.jobs.submit({ handle, actor: request.actor! }, "analyze", request.body);
      return reply.code(202).header("location", `/api/v1/jobs/${job.id}`).send(job);
    },
  );

  typed.post(
    "/backtest",
    {
      schema: {
        tags,
        summary: "Backtest the transaction model as a job (needs analyze and the all data scope)",
        body: backtestSchema,
        response: { 202: jobSchema, ...commonProblems, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const job = await app.jobs.submit({ handle, actor: request.actor! }, "backtest", request.body);
      return reply.code(202).header("location", `/api/v1/jobs/${job.id}`).send(job);
    },
  );

  typed.get(
    "/:runId",
    {
      schema: {
        tags,
        summary: "One analysis run with its report and warnings (with their text)",
        params: runParams,
        response: { 200: analysisRunViewSchema, ...commonProblems },
      },
    },
    async (request) => {
      const view = await getAnalysisRun({ handle, actor: request.actor! }, request.params);
      return { ...view, warnings: withWarningTexts(view.warnings, request.locale) };
    },
  );

  typed.get(
    "/:runId/backtest",
    {
      schema: {
        tags,
        summary:
          "The run's purchase predictions against the orders after its as-of date, with its stored fit (read and the all data scope)",
        params: runParams,
        response: { 200: analysisRunBacktestSchema, ...commonProblems },
      },
    },
    async (request) => {
      const check = await analysisRunBacktest({ handle, actor: request.actor! }, request.params);
      return {
        ...check,
        holdout: check.holdout && {
          ...check.holdout,
          warnings: withWarningTexts(check.holdout.warnings, request.locale),
        },
      };
    },
  );

  typed.get(
    "/:runId/results",
    {
      schema: {
        tags,
        summary:
          "The run's scores of the customers in scope: the customer list's filters, sort, cursor and total",
        params: runParams,
        querystring: listCustomersQuery.omit({ runId: true }),
        response: { 200: customerPageSchema, ...commonProblems },
      },
    },
    async (request) =>
      listAnalysisRunResults({ handle, actor: request.actor! }, { ...request.query, ...request.params }),
  );

  typed.get(
    "/:runId/summary",
    {
      schema: {
        tags,
        summary:
          "Counts per RFM segment, ABC class, value tier, lifecycle stage and churn level, within scope",
        params: runParams,
        response: { 200: analysisRunSummarySchema, ...commonProblems },
      },
    },
    async (request) => analysisRunSummary({ handle, actor: request.actor! }, request.params),
  );
}
