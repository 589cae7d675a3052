/** Response schema for the company settings. */
import { z } from "zod";

export const settingsViewSchema = z
  .object({
    settings: z.object({
      currency: z.string(),
      locale: z.string(),
      timeZone: z.string(),
      fiscalYearStart: z.string(),
      businessModel: z.string(),
    }),
    defaults: z.array(z.string()),
  })
  .meta({ id: "CompanySettings" });
