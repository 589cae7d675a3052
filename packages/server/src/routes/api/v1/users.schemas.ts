/** Response schemas for users, departments and roles. */
import { z } from "zod";

export const departmentViewSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    parentId: z.number().int().nullable(),
    members: z
      .number()
      .int()
      .describe("Its users, active or not; those of the departments below not counted"),
  })
  .meta({ id: "Department" });

const fieldVisibility = z.enum(["show", "mask", "hide"]);

export const roleViewSchema = z
  .object({
    code: z.string(),
    names: z.object({ "zh-CN": z.string(), en: z.string() }),
    permissions: z.array(z.string()).readonly(),
    dataScope: z.string(),
    personalFields: z.object({ list: fieldVisibility, detail: fieldVisibility }),
    builtin: z.boolean(),
  })
  .meta({ id: "Role" });
