/** Response schemas for analysis runs. */
import { z } from "zod";

const id = z.number().int();

export const analysisWarningSchema = z
  .object({
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    text: z.string().optional().describe("The warning in the reader's language"),
  })
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
    startedBy: id.nullable().describe("The user who started it; null for the command line and the schedule"),
    createdAt: z.string(),
  })
  .meta({ id: "AnalysisRunRow" });

const estimatesSchema = z.record(z.string(), z.number().nullable());

const modelFitSchema = z.object({
  identifiable: z.boolean(),
  converged: z.boolean(),
  iterations: z.number().int(),
  params: estimatesSchema.describe("The estimates by name: BG/NBD r, alpha, a, b; Gamma-Gamma p, q, v (γ) …"),
  standardErrors: estimatesSchema,
  logLikelihood: z.number().nullable().describe("Only for a reader who sees every customer"),
});

export const analysisRunListItemSchema = z
  .object({
    run: analysisRunRowSchema.extend({
      status: z.literal("completed").describe("A run is listed once complete; one being computed is a job"),
    }),
    startedBy: z
      .object({ username: z.string(), name: z.string().nullable() })
      .nullable()
      .describe("Who started it; null when custra did (the command line, the schedule) or for older runs"),
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

const mean = z.number().nullable().describe("Null where undefined (no customers, no purchases)");

export const analysisRunBacktestSchema = z
  .object({
    runId: id,
    calibrationEnd: z.string().describe("The run's as-of date: the end of the data it predicted from"),
    timeUnit: z.enum(["day", "week"]),
    predictor: z.enum(["bgnbd", "pareto-nbd", "empirical"]).describe("The transaction predictor checked"),
    lastOrder: z.string().nullable().describe("The last order's date: the holdout's end"),
    holdout: z
      .object({
        holdoutEnd: z.string(),
        holdoutLength: z.number().describe("In time units"),
        cohort: z.object({
          customers: z.number().int(),
          repeatBuyers: z.number().int(),
          calibrationRepeatPurchases: z.number(),
        }),
        totals: z.object({ actual: z.number(), predicted: z.number(), ratio: mean }),
        errors: z.object({
          mae: z.number(),
          rmse: z.number(),
          meanActual: z.number(),
          meanPredicted: z.number(),
        }),
        correlation: mean,
        byFrequency: z
          .array(
            z.object({
              x: z.string().describe("Calibration repeat purchases: 0 … 6, 7+"),
              customers: z.number().int(),
              meanActual: mean,
              meanPredicted: mean,
            }),
          )
          .describe("Holdout purchases per customer by calibration repeat purchases (FHL 2005 Figure 2)"),
        tracking: z
          .array(
            z.object({
              period: z.number().int(),
              date: z.string(),
              holdout: z.boolean(),
              actual: z.number(),
              expected: z.number(),
            }),
          )
          .describe(
            "Cumulative repeat purchases of the cohort per time unit, actual and expected (Figure 1)",
          ),
        warnings: z.array(analysisWarningSchema),
      })
      .nullable()
      .describe("Null when no order is dated after the run's as-of date: start a run with an earlier `asOf`"),
  })
  .meta({ id: "AnalysisRunBacktest" });
