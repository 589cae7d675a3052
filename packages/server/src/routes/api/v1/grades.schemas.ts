/** What the grade routes answer: a customer's history and explanation, migrations and pins. */
import { z } from "zod";

const id = z.coerce.number().int();
const counts = z.record(z.string(), z.number());
const matrix = z.record(z.string(), counts);
const moves = z.object({ customers: z.number(), revenue: z.number() });

export const gradeHistorySchema = z
  .object({
    code: z.string(),
    history: z.array(
      z.object({
        gradeRunId: id,
        scheme: z.string(),
        schemeVersion: z.number().int(),
        asOf: z.string(),
        createdAt: z.date(),
        grade: z.string(),
        score: z.number().nullable(),
        pinned: z.boolean(),
      }),
    ),
  })
  .meta({ id: "GradeHistory", description: "A customer's grade in every grade run, oldest first" });

/** A customer's grade under one scheme, with its explanation (the 360 view omits that). */
export const customerGradeSchema = z.object({
  scheme: z.string(),
  schemeVersion: z.number().int(),
  schemeTitle: z.string(),
  gradeRunId: id,
  asOf: z.string(),
  grade: z.string(),
  gradeLabel: z.string(),
  score: z.number().nullable(),
  scoreGrade: z.string(),
  components: z.array(
    z.object({
      field: z.string(),
      value: z.union([z.number(), z.string()]).nullable(),
      normalized: z.number().nullable(),
      weight: z.number(),
      contribution: z.number(),
      uninformative: z.literal(true).optional(),
    }),
  ),
  rules: z.array(
    z.object({
      rule: z.number().int(),
      effect: z.string(),
      applied: z.boolean(),
      grade: z.string().optional(),
      flag: z.string().optional(),
      reason: z.string().optional(),
    }),
  ),
  flags: z.array(z.string()),
  pinned: z.boolean(),
  pin: z
    .object({
      customerId: id,
      grade: z.string(),
      reason: z.string(),
      author: z.string(),
      until: z.string().optional(),
    })
    .optional(),
  bands: z
    .array(
      z.object({
        grade: z.string(),
        label: z.string(),
        minScore: z.number().nullable().describe("The score the grade starts at; null for the last grade"),
        share: z.number().optional().describe("A shares scheme's target share of customers"),
      }),
    )
    .describe("Where each grade starts, best first (a shares scheme's edges in that run)"),
});

export const gradeExplanationSchema = z
  .object({
    code: z.string(),
    grades: z.array(customerGradeSchema),
  })
  .meta({ id: "GradeExplanation", description: "Why a customer has their grade under each scheme" });

const runRef = z.object({ id, asOf: z.string(), schemeVersion: z.number().int() });

export const gradeMigrationSchema = z
  .object({
    scheme: z.string(),
    from: runRef,
    to: runRef,
    grades: z.array(z.string()).readonly(),
    counts: matrix,
    revenue: matrix,
    up: moves,
    same: moves,
    down: moves,
    newCustomers: moves.extend({ byGrade: counts }),
    goneCustomers: z.object({ customers: z.number(), byGrade: counts }),
    topGrades: z.array(z.string()).readonly(),
    dropCount: z.number().int(),
    drops: z.array(
      z.object({
        code: z.string(),
        name: z.string().nullable(),
        from: z.string(),
        to: z.string(),
        revenue: z.number(),
      }),
    ),
  })
  .meta({ id: "GradeMigration", description: "How the customers in scope moved between two grade runs" });

export const pinSchema = z
  .object({
    id,
    customerCode: z.string(),
    scheme: z.string(),
    grade: z.string(),
    reason: z.string(),
    author: z.string(),
    until: z.string().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: "GradePin", description: "A manual grade that beats the score until a day or until removed" });

export const unpinnedSchema = z
  .object({ code: z.string(), scheme: z.string(), removed: z.literal(true) })
  .meta({ id: "GradeUnpinned" });
