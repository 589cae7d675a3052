/** What the scheme and playbook routes answer: stored definitions, checks, new versions, previews. */
import { z } from "zod";
import { textSchema } from "./customers.schemas.ts";
import { problemSchema } from "./schemas.ts";

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

const gradeChangeSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  from: z.string().nullable().describe("Null for a customer the grade run did not grade"),
  to: z.string(),
  revenue: z.number(),
});

export const schemePreviewSchema = gradeReportSchema
  .extend({
    warnings: z.array(
      z.object({
        code: z.string(),
        params: z.record(z.string(), z.unknown()),
        message: z.string().describe("The warning in the reader's language"),
      }),
    ),
    changes: z
      .object({
        against: z
          .object({ id: z.number().int(), asOf: z.string(), schemeVersion: z.number().int() })
          .nullable()
          .describe("The scheme's latest grade run, compared with; null when it has none"),
        before: z.array(
          z.object({ grade: z.string(), customers: z.number().int(), customerShare: z.number() }),
        ),
        changed: z.number().int(),
        up: z.number().int(),
        down: z.number().int(),
        added: z.number().int().describe("Graded now, not in that grade run"),
        removed: z.number().int().describe("In that grade run, not graded now"),
        customers: z
          .array(gradeChangeSchema)
          .describe("The changed and added customers, most revenue first, the first `changeLimit`"),
      })
      .describe("What the document changes against the grades in use"),
  })
  .meta({
    id: "SchemePreview",
    description: "How a scheme document would grade the customers, and whose grade it would change",
  });

/** A refused document: the problem, and each of its problems with its path for an editor to point at. */
export const invalidDefinitionSchema = problemSchema
  .extend({
    issues: z
      .array(
        z.object({
          path: z.string().describe("e.g. dimensions[2].weight; empty for the document itself"),
          problem: z.string().describe("What is wrong there, in the reader's language"),
        }),
      )
      .optional()
      .describe("Present when the document is an invalid scheme or playbook"),
  })
  .meta({ id: "InvalidDefinitionProblem" });
