/** Response schemas for analysis runs. */
import { z } from "zod";

const id = z.number().int();

export const analysisWarningSchema = z
  .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })
  .meta({ id: "AnalysisWarning" });

export const analysisRunRowSchema = z
  .object({
    id,
    asOf: z.string(),
    timeUnit: z.string(),
    horizon: z.number().int(),
    model: z.string(),
    discountRate: z.number(),
    customers: z.number().int().nullable().describe("Only for a reader who sees every customer"),
    createdAt: z.string(),
  })
  .meta({ id: "AnalysisRunRow" });

const modelFitSchema = z.object({
  identifiable: z.boolean(),
  converged: z.boolean(),
  iterations: z.number().int(),
  logLikelihood: z.number().nullable().describe("Only for a reader who sees every customer"),
});

export const analysisRunListItemSchema = z
  .object({
    run: analysisRunRowSchema.extend({
      status: z.literal("completed").describe("A run is listed once complete; one being computed is a job"),
    }),
    predictor: z.object({ transactions: z.string(), spend: z.string() }).nullable(),
    timings: z
      .record(z.string(), z.number())
      .nullable()
      .describe("Milliseconds per stage before the write; null for runs written before they were kept"),
    models: z.record(z.string(), modelFitSchema),
    warnings: z.array(analysisWarningSchema),
  })
  .meta({ id: "AnalysisRunListItem" });

export const analysisRunPageSchema = z
  .object({
    runs: z.array(analysisRunListItemSchema),
    total: z.number().int(),
    nextCursor: id.nullable(),
  })
  .meta({ id: "AnalysisRunPage" });

export const analysisRunViewSchema = z
  .object({
    run: analysisRunRowSchema,
    report: z
      .record(z.string(), z.unknown())
      .describe(
        "Settings, models and predictors; customer counts null unless the reader sees every customer",
      ),
    warnings: z.array(analysisWarningSchema),
    structure: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("The whole customer base's structure: only for a reader who sees every customer"),
  })
  .meta({ id: "AnalysisRunView" });

const groupsSchema = z.array(z.object({ code: z.string().nullable(), customers: z.number().int() }));

export const analysisRunSummarySchema = z
  .object({
    runId: id,
    customers: z.number().int().describe("The customers in the reader's scope the run scored"),
    rfmSegment: groupsSchema,
    abcClass: groupsSchema,
    valueTier: groupsSchema,
    lifecycle: groupsSchema,
    churnWarning: groupsSchema,
  })
  .meta({ id: "AnalysisRunSummary" });
