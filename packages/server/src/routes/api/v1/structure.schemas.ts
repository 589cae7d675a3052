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
