/**
 * The daily pipeline as one use case (what `npm start` runs, and later the server's scheduled
 * job): analyze the data, grade it with every scheme in use (the latest version of each stored
 * scheme: the playbooks' tasks need their schemes' grades), then generate the day's tasks. Each
 * step's report is returned as it is, so the caller sees what each did.
 */
import {
  type AnalysisReport,
  type AnalyzeStage,
  analyze,
  type GradeReport,
  type GradeStage,
  gradeRun,
  listDefinitions,
  type TaskStage,
} from "@custra/engine";
import { requireCompanyWide } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { type GenerateTasksResult, generateTasks } from "../tasks/tasks.service.ts";
import { type DailyPipelineInput, dailyPipelineSchema } from "./pipeline.schemas.ts";

export const PIPELINE_STEPS = ["analyze", "grade", "tasks"] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export interface PipelineHooks {
  /** A step begins; for grading, with the scheme it grades. */
  onStep?: (step: PipelineStep, detail?: { scheme: string }) => void;
  onAnalyzeStage?: (stage: AnalyzeStage) => void;
  onGradeStage?: (stage: GradeStage) => void;
  onTaskStage?: (stage: TaskStage) => void;
}

export interface DailyPipelineResult {
  analysis: AnalysisReport;
  /** One grade run per scheme in use, by scheme name. */
  grading: GradeReport[];
  tasks: GenerateTasksResult;
}

export async function runDailyPipeline(
  ctx: AppContext,
  input: DailyPipelineInput | unknown = {},
  hooks: PipelineHooks = {},
): Promise<DailyPipelineResult> {
  const request = parseInput(dailyPipelineSchema, input ?? {});
  requireCompanyWide(ctx.actor, "analyze");

  hooks.onStep?.("analyze");
  const analysis = await analyze(ctx.handle, {
    ...(request.analysisAsOf === undefined ? {} : { asOf: request.analysisAsOf }),
    startedBy: ctx.actor.userId,
    ...(hooks.onAnalyzeStage ? { onStage: hooks.onAnalyzeStage } : {}),
  });

  const grading: GradeReport[] = [];
  for (const { name } of await listDefinitions(ctx.handle, "scheme")) {
    hooks.onStep?.("grade", { scheme: name });
    grading.push(
      await gradeRun(ctx.handle, {
        scheme: name,
        analysisRunId: analysis.runId,
        ...(hooks.onGradeStage ? { onStage: hooks.onGradeStage } : {}),
      }),
    );
  }

  hooks.onStep?.("tasks");
  const tasks = await generateTasks(
    ctx,
    request.tasksAsOf === undefined ? {} : { asOf: request.tasksAsOf },
    hooks.onTaskStage ? { onStage: hooks.onTaskStage } : {},
  );
  return { analysis, grading, tasks };
}
