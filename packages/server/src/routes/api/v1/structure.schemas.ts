/** What the structure route answers: a cross-tab of the customers in the reader's scope. */
import { z } from "zod";

export const structureReportSchema = z
  .object({
    by: z.array(z.string()),
    analysisRunId: z.coerce.number().int(),
    gradeRunId: z.coerce.number().int().optional(),
    scheme: z.string().optional(),
    totals: z.object({ customers: z.number(), revenue: z.number(), clv: z.number() }),
    cells: z.array(
      z.object({
        keys: z.array(z.string().nullable()).describe("One value per dimension of `by`"),
        customers: z.number(),
        customerShare: z.number(),
        revenue: z.number(),
        revenueShare: z.number(),
        clv: z.number(),
        clvShare: z.number(),
      }),
    ),
  })
  .meta({ id: "StructureReport", description: "Customers, revenue and predicted value per combination" });

const runKpisSchema = z
  .object({
    analysisRunId: z.number(),
    asOf: z.string(),
    customers: z.number(),
    buyers: z.number(),
    activeShare: z.number().nullable().describe("Share of the buyers whose behaviour status is active"),
    churnRate: z.number().nullable().describe("Share of the buyers whose behaviour status is churned"),
    revenue: z.number(),
    margin: z.number(),
    predictedValue: z.number().describe("Predicted customer lifetime value, summed"),
    nps: z.number().nullable().describe("Net Promoter Score, −100..100, over each customer's latest answer"),
    npsAnswers: z.number(),
    csi: z.number().nullable().describe("Satisfaction index 0..100 over each customer's latest survey"),
    csiAnswers: z.number(),
    overdueReceivables: z.number().describe("Open invoices past due as of the run"),
  })
  .meta({ id: "RunKpis", description: "An analysis run's key figures over the customers in scope" });

export const structureOverviewSchema = z
  .object({
    current: runKpisSchema,
    previous: runKpisSchema.nullable().describe("The run before; null when the current run is the first"),
    concentration: z.object({
      buyers: z.number(),
      lorenz: z.array(z.object({ customerShare: z.number(), revenueShare: z.number() })),
      gini: z.number().nullable(),
      top20Share: z.number().nullable().describe("Revenue share of the largest 20 % of the buyers"),
    }),
    value: z.object({
      customers: z.number(),
      bins: z
        .array(z.object({ from: z.number(), to: z.number(), customers: z.number() }))
        .describe("Equal-width bins up to the 99th percentile, then one bin for the rest"),
    }),
  })
  .meta({ id: "StructureOverview", description: "Key figures, revenue concentration and value spread" });

export const retentionSchema = z
  .object({
    asOf: z.string(),
    cohorts: z.array(
      z.object({
        month: z.string().describe("YYYY-MM of the cohort's first purchase"),
        customers: z.number(),
        retained: z
          .array(z.number().nullable())
          .describe("Share buying in each month from the first, up to the as-of month"),
      }),
    ),
    churn: z.array(
      z.object({
        month: z.string(),
        customers: z.number().describe("Customers at the month's start: bought before, not churned before"),
        churned: z
          .number()
          .describe(
            "Customers who stopped: their last purchase was the month before, more than 3 months ago",
          ),
        rate: z.number().nullable(),
        complete: z.boolean().describe("False for the last months, whose rate is a lower bound"),
      }),
    ),
  })
  .meta({
    id: "Retention",
    description: "Last 12 months' cohort retention and churn of the customers in scope",
  });
