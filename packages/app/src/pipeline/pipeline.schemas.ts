import { z } from "zod";

/** The daily pipeline: analyze → grade with every scheme in use → the day's tasks. */
export const dailyPipelineSchema = z.strictObject({
  /** The last day of data the analysis sees; default the last order's date. */
  analysisAsOf: z.iso.date().optional(),
  /** The day tasks are generated for; default today (UTC). */
  tasksAsOf: z.iso.date().optional(),
});
export type DailyPipelineInput = z.input<typeof dailyPipelineSchema>;
