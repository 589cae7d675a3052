/** Response schema for the company settings. */
import { z } from "zod";
import { problemSchema } from "./schemas.ts";

export const settingsViewSchema = z
  .object({
    settings: z.object({
      currency: z.string(),
      locale: z.string(),
      timeZone: z.string(),
      fiscalYearStart: z.string(),
      businessModel: z.string(),
      companyName: z.string().describe("Empty when the company has no name set"),
    }),
    defaults: z.array(z.string()),
  })
  .meta({ id: "CompanySettings" });

/** A refused change: the problem, and each bad setting with its key for a form to show beside its field. */
export const invalidSettingsSchema = problemSchema
  .extend({
    issues: z
      .array(
        z.object({
          path: z.string().describe("The setting's key (as given, when it is no setting)"),
          problem: z.string().describe("What is wrong with it, in the reader's language"),
        }),
      )
      .optional()
      .describe("Present when settings were refused"),
  })
  .meta({ id: "InvalidSettingsProblem" });
