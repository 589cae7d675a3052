/** What the contacts, interactions and surveys routes answer (and the 360 view's parts of them). */
import { z } from "zod";

const id = z.coerce.number().int();
const total = z
  .number()
  .int()
  .describe("Every row the filters select (and the reader may see), over all pages");
const nextCursor = z
  .string()
  .nullable()
  .describe("Give it as `cursor` for the next page; null on the last page");

export const contactRecordSchema = z
  .object({
    id,
    customerCode: z.string(),
    customerName: z.string().nullable(),
    name: z.string(),
    title: z.string().nullable(),
    role: z.string().nullable(),
    influence: z.number().int().nullable(),
    attitude: z.string().nullable(),
    phone: z.string().nullable().describe("Shown, masked or null as the reader's rights allow in the view"),
    email: z.string().nullable().describe("Shown, masked or null as the reader's rights allow in the view"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "ContactRecord" });

export const contactPageSchema = z
  .object({ items: z.array(contactRecordSchema), total, nextCursor })
  .meta({ id: "ContactPage" });

export const interactionSchema = z
  .object({
    id,
    customerCode: z.string(),
    customerName: z.string().nullable(),
    kind: z.string(),
    occurredAt: z.date(),
    summary: z.string().nullable(),
    owner: z.string().nullable().describe("The user who had it"),
    resolvedAt: z.date().nullable(),
  })
  .meta({ id: "Interaction" });

export const interactionPageSchema = z
  .object({ items: z.array(interactionSchema), total, nextCursor })
  .meta({ id: "InteractionPage" });

export const resolvedInteractionSchema = z
  .object({ interaction: interactionSchema, alreadyResolved: z.boolean() })
  .meta({ id: "ResolvedInteraction" });

export const surveyAnswerSchema = z
  .object({
    id,
    customerCode: z.string(),
    customerName: z.string().nullable(),
    answeredOn: z.string(),
    nps: z.number().int().nullable(),
    item: z.string().nullable(),
    satisfaction: z.number().int().nullable(),
    comment: z.string().nullable(),
    orderExternalId: z.string().nullable(),
  })
  .meta({ id: "SurveyAnswer" });

export const surveyAnswerPageSchema = z
  .object({ items: z.array(surveyAnswerSchema), total, nextCursor })
  .meta({ id: "SurveyAnswerPage" });

export const surveySummaryResultSchema = z
  .object({
    answers: z.number().int(),
    nps: z.object({
      responses: z.number().int(),
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      score: z.number().nullable().describe("% promoters − % detractors; null without an NPS answer"),
    }),
    csi: z.object({
      overall: z.number().nullable().describe("Satisfaction index 0–100; null without a satisfaction score"),
      items: z.array(
        z.object({
          item: z.string().nullable(),
          responses: z.number().int(),
          mean: z.number().describe("Mean score 1–5"),
          index: z.number().describe("(mean − 1) / 4 × 100"),
        }),
      ),
    }),
  })
  .meta({ id: "SurveySummary" });

export const surveyBreakdownResultSchema = z
  .object({
    by: z.enum(["grade", "rfmSegment"]),
    scheme: z.string(),
    groups: z.array(
      surveySummaryResultSchema.extend({
        code: z.string().nullable().describe("The grade or segment; null for customers without one"),
      }),
    ),
  })
  .meta({ id: "SurveyBreakdown" });

export const surveyFollowUpSchema = z
  .object({
    id,
    customerCode: z.string(),
    customerName: z.string().nullable(),
    owner: z.string().nullable(),
    answeredOn: z.string(),
    nps: z.number().nullable().describe("The survey's mean NPS"),
    satisfaction: z.number().nullable().describe("The survey's mean satisfaction score 1–5"),
    reason: z.enum(["detractor", "low_satisfaction"]),
    followUp: z.enum(["open", "done", "none"]),
    task: z
      .object({
        id,
        status: z.string(),
        owner: z.string().nullable(),
        dueOn: z.string(),
        doneAt: z.date().nullable(),
      })
      .nullable(),
  })
  .meta({ id: "SurveyFollowUp", description: "A survey that calls for a follow-up, and its task" });

export const surveyFollowUpPageSchema = z
  .object({ items: z.array(surveyFollowUpSchema), total, nextCursor })
  .meta({ id: "SurveyFollowUpPage" });

export const complaintSummaryResultSchema = z
  .object({
    total: z.number().int(),
    open: z.number().int(),
    resolved: z.number().int(),
    openPastDeadline: z.number().int(),
    deadlineHours: z.number(),
    resolvedHours: z.object({ median: z.number().nullable(), mean: z.number().nullable() }),
    openHours: z.object({ median: z.number().nullable(), longest: z.number().nullable() }),
    durations: z.array(z.object({ code: z.string(), resolved: z.number().int(), open: z.number().int() })),
  })
  .meta({ id: "ComplaintSummary", description: "How long complaints stay open" });
