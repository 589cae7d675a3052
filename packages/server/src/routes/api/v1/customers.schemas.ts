/** What the customer routes answer: the list page, the 360 view and a reassignment. */
import { z } from "zod";
import { customerGradeSchema } from "./grades.schemas.ts";
import { agingSummarySchema, invoiceSchema, orderSchema, paymentSchema } from "./records.schemas.ts";
import { interactionSchema, surveyAnswerSchema, surveySummaryResultSchema } from "./relations.schemas.ts";

const id = z.coerce.number().int();
const nullableNumber = z.coerce.number().nullable();
/** A day (YYYY-MM-DD) or a time, as the engines return it. */
const day = z.union([z.string(), z.date()]).nullable();

/** A text for the reader to render: a message key and its parameters. */
export const textSchema = z
  .object({ key: z.string(), params: z.record(z.string(), z.unknown()).optional() })
  .meta({ id: "Text" });

export const customerListItemSchema = z
  .object({
    id,
    code: z.string(),
    name: z.string().nullable(),
    phone: z.string().nullable().describe("Shown, masked or null as the reader's list rights allow"),
    type: z.string().nullable(),
    industry: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    owner: z.string().nullable(),
    registeredOn: z.string().nullable(),
    tags: z.array(z.string()),
    lastPurchase: z.string().nullable(),
    grade: z.string().nullable(),
    rfmSegment: z.string().nullable(),
    abcClass: z.string().nullable(),
    valueTier: z.string().nullable(),
    lifecycleStage: z.string().nullable(),
    churnWarning: z.string().nullable(),
    churnReasons: z.array(z.string()).describe("Why the churn warning was raised: churn reason codes"),
    creditGrade: z.string().nullable(),
    revenue: nullableNumber,
    clv: nullableNumber,
    churnRisk: nullableNumber,
    pAlive: nullableNumber,
  })
  .meta({ id: "CustomerListItem" });

export const customerPageSchema = z
  .object({
    items: z.array(customerListItemSchema),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
    analysisRunId: id.nullable(),
    gradeRunId: id.nullable(),
    scheme: z.string(),
  })
  .meta({ id: "CustomerPage" });

export const customerRecordSchema = z
  .object({
    id,
    code: z.string(),
    name: z.string().nullable(),
    type: z.string().nullable(),
    industry: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    gender: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    birthday: day,
    birthday_lunar: z.boolean().nullable(),
    registered_on: day,
    owner: z.string().nullable(),
    needs_type: z.string().nullable(),
    tags: z.unknown(),
    attributes: z.unknown(),
    credit_limit: nullableNumber,
  })
  .describe("The customer's record; personal fields as the reader's detail rights allow")
  .meta({ id: "CustomerRecord" });

export const contactSchema = z
  .object({
    id,
    name: z.string(),
    title: z.string().nullable(),
    role: z.string().nullable(),
    influence: nullableNumber,
    attitude: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: "Contact" });

export const taskSchema = z
  .object({
    id,
    kind: z.string(),
    customerCode: z.string(),
    customerName: z.string().nullable(),
    owner: z.string().nullable(),
    dueOn: z.string(),
    priority: z.string(),
    reason: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
    details: z.record(z.string(), z.unknown()).nullable(),
    status: z.string(),
    createdAt: z.date(),
    doneAt: z.date().nullable(),
    doneBy: z.string().nullable(),
  })
  .meta({ id: "Task" });

const nullableText = z.string().nullable();
export const customerScoresSchema = z
  .object({
    pAlive: nullableNumber,
    expectedPurchases: nullableNumber,
    expectedSpend: nullableNumber,
    clv: nullableNumber,
    profitability: nullableNumber,
    x: nullableNumber,
    tx: nullableNumber,
    T: nullableNumber,
    monetary: nullableNumber,
    orders: z.coerce.number(),
    revenue: z.coerce.number(),
    revenue12m: z.coerce.number(),
    margin: z.coerce.number(),
    recencyDays: nullableNumber,
    rfm: z.object({
      r: nullableNumber,
      f: nullableNumber,
      m: nullableNumber,
      segment: nullableText,
      class: nullableText,
    }),
    abcClass: nullableText,
    valueTier: nullableText,
    behaviourStatus: nullableText,
    lifecycleStage: nullableText,
    creditGrade: nullableText,
    creditScore: nullableNumber,
    churnRisk: nullableNumber,
    churnWarning: nullableText,
    churnReasons: z.array(z.string()),
    npsCategory: nullableText,
    loyalty: nullableNumber,
  })
  .meta({ id: "CustomerScores", description: "A customer's scores in one analysis run" });

export const customer360Schema = z
  .object({
    customer: customerRecordSchema,
    run: z
      .object({ id, asOf: z.string(), timeUnit: z.string(), horizon: z.number(), model: z.string() })
      .optional(),
    scores: customerScoresSchema.optional(),
    contacts: z.array(contactSchema),
    grades: z.array(
      customerGradeSchema
        .omit({ scoreGrade: true, components: true, rules: true, pin: true, bands: true })
        .extend({
          currentPin: z
            .object({
              id,
              grade: z.string(),
              gradeLabel: z.string(),
              reason: z.string(),
              author: z.string(),
              until: z.string().nullable(),
              createdAt: z.date(),
              inForce: z
                .boolean()
                .describe("Its last day is today or later (company time zone), or it has none"),
            })
            .nullable()
            .describe("The pin on this scheme not removed: in force, the customer's grade from now on"),
        }),
    ),
    tasks: z.array(
      taskSchema.extend({ reasonText: z.string().describe("The reason in the reader's language") }),
    ),
    recommendations: z.array(
      z.object({
        productId: id,
        sku: z.string(),
        name: z.string(),
        category: z.string().nullable(),
        score: z.number(),
        reason: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }),
        reasonText: z.string().describe("The reason in the reader's language"),
      }),
    ),
    interactions: z.array(interactionSchema).describe("The latest 20, newest first"),
    surveys: z.object({
      answers: z.array(surveyAnswerSchema).describe("The latest 20, newest first"),
      summary: surveySummaryResultSchema.describe("NPS and satisfaction over all of the customer's answers"),
    }),
    orders: z.array(orderSchema).describe("The latest 20 orders, each with its number of lines"),
    invoices: z
      .array(invoiceSchema)
      .describe("Open invoices as of today (company time zone), longest due first"),
    aging: agingSummarySchema,
    payments: z.array(paymentSchema).describe("The latest 20 payments"),
    timeline: z
      .array(
        z.object({
          month: z.string().describe("YYYY-MM"),
          purchases: z.number(),
          purchaseAmount: z.number(),
          returns: z.number(),
          returnAmount: z.number().describe("Returned or credited, as a positive amount"),
        }),
      )
      .describe("Every month with a purchase or a return, oldest first"),
    purchaseInterval: z
      .object({
        level: z.number(),
        low: z.number().int(),
        high: z.number().int(),
        probabilityNone: z.number(),
      })
      .nullable()
      .describe(
        "The central interval (level 0.8: 10th to 90th percentile) of the purchases over the run's horizon, and the chance of none",
      ),
    actions: z
      .object({
        logInteraction: z
          .boolean()
          .describe("May log an interaction (create, and write access to the customer)"),
        pinGrade: z.boolean().describe("May pin and unpin its grades (editSchemes)"),
      })
      .describe("What the reader may do on this customer"),
  })
  .meta({ id: "Customer360" });

export const reassignCustomersResultSchema = z
  .object({
    reassigned: z.array(z.object({ code: z.string(), before: z.string().nullable(), after: z.string() })),
    unchanged: z.number().int(),
  })
  .meta({ id: "CustomerReassignment" });

/** A filter given in a query string: repeated (`?grade=A&grade=B`) or comma-separated (`?grade=A,B`). */
export const queryList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((part) => part.trim()));
