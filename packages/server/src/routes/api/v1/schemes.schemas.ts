/** What the scheme and playbook routes answer: stored definitions, checks, new versions, previews. */
import { z } from "zod";
import { textSchema } from "./customers.schemas.ts";

export const storedDefinitionSchema = z
  .object({
    name: z.string(),
    version: z.number().int(),
    definition: z.unknown().describe("The grading scheme or playbook, as custra reads it"),
    source: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: "StoredDefinition", description: "A version of a grading scheme or playbook" });

export const definitionWithVersionsSchema = storedDefinitionSchema
  .extend({
    versions: z.array(z.object({ version: z.number().int(), createdAt: z.date(), source: z.string() })),
  })
  .meta({ id: "DefinitionWithVersions" });

export const validationSchema = z
  .object({
    valid: z.boolean(),
    definition: z.unknown().optional(),
    issues: z
      .array(z.object({ path: z.string(), problem: textSchema }))
      .readonly()
      .optional(),
    message: textSchema.optional(),
  })
  .meta({
    id: "DefinitionValidation",
    description: "Valid with the definition, or every problem with its path",
  });

export const definitionVersionSchema = z
  .object({
    kind: z.enum(["scheme", "playbook"]),
    name: z.string(),
    version: z.number().int(),
    added: z.boolean().describe("False when the document equals the version in use"),
  })
  .meta({ id: "DefinitionVersion" });

export const gradeReportSchema = z
  .object({
    gradeRunId: z.number().int().optional(),
    scheme: z.object({ name: z.string(), version: z.number().int() }),
    analysisRunId: z.coerce.number().int(),
    asOf: z.string(),
    customers: z.number().int(),
    pinned: z.number().int(),
    overridden: z.number().int(),
    distribution: z.array(z.unknown()).readonly().describe("Customers and revenue per grade"),
    warnings: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) })),
    timings: z.record(z.string(), z.number()),
  })
  .meta({ id: "GradeReport", description: "How a scheme grades the customers of an analysis run" });
