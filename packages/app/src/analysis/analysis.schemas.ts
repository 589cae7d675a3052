import { z } from "zod";

const isoDate = z.iso.date();
const timeUnit = z.enum(["day", "week"]);
const model = z.enum(["bgnbd", "pareto-nbd"]);

/** Starting an analysis run: every field optional, the engine's defaults otherwise. */
export const runAnalysisSchema = z.strictObject({
  /** Last day of data the analysis sees; by default the date of the last order. */
  asOf: isoDate.optional(),
  timeUnit: timeUnit.optional(),
  /** Prediction horizon in time units (default one year). */
  horizon: z.number().int().min(1).max(10_000).optional(),
  model: model.optional(),
  /** Annual discount rate of predicted value, 0–1 (default 0.1). */
  discountRate: z.number().min(0).max(1).optional(),
  costPerInteraction: z.number().min(0).optional(),
  receivablesCostRate: z.number().min(0).max(1).optional(),
});
export type RunAnalysisInput = z.input<typeof runAnalysisSchema>;

/** Reading a run: the given one, else the latest. */
export const getAnalysisRunSchema = z.strictObject({
  runId: z.number().int().min(1).optional(),
});
export type GetAnalysisRunInput = z.input<typeof getAnalysisRunSchema>;

export const backtestSchema = z.strictObject({
  /** Last day of the data the model is fitted on. */
  calibrationEnd: isoDate,
  /** Last day of the holdout period the predictions are checked on. */
  holdoutEnd: isoDate,
  timeUnit: timeUnit.optional(),
  model: model.optional(),
});
export type BacktestInput = z.input<typeof backtestSchema>;

/** The runs, newest first, a page at a time. */
export const listAnalysisRunsSchema = z.strictObject({
  /** The `nextCursor` of the previous page (the id of its last run). */
  cursor: z.number().int().min(1).optional(),
  /** How many per page (default 20, at most 200). */
  limit: z.number().int().min(1).max(200).default(20),
});
export type ListAnalysisRunsInput = z.input<typeof listAnalysisRunsSchema>;

/** One run, named. */
export const analysisRunIdSchema = z.strictObject({ runId: z.number().int().min(1) });
export type AnalysisRunIdInput = z.input<typeof analysisRunIdSchema>;
