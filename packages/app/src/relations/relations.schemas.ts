/**
 * Contacts, interactions and survey answers: the inputs of their use cases (one schema for the
 * CLI's options and the HTTP API's bodies and query strings). Enumerated values are those the
 * importer knows (ENTITIES), so a row written through the API reads like an imported one.
 */

import { RFM_SEGMENTS } from "@custra/core";
import { ENTITIES, type EntityName } from "@custra/core/entities";
import { z } from "zod";

/** The stored values of an enum field of an imported entity (e.g. interactions.kind). */
function importedValues(entity: EntityName, field: string): [string, ...string[]] {
  const values = Object.keys(ENTITIES[entity].fields.find((f) => f.name === field)?.values ?? {});
  if (values.length === 0) throw new Error(`${entity}.${field} is no enum field`);
  return values as [string, ...string[]];
}

export const INTERACTION_KINDS = importedValues("interactions", "kind");
export const CONTACT_ROLES = importedValues("contacts", "role");
export const CONTACT_ATTITUDES = importedValues("contacts", "attitude");

const id = z.number().int().min(1);
const customerCode = z.string().trim().min(1).max(200);
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
/** How many per page (default 50, at most 500). */
const limit = z.number().int().min(1).max(500).default(50);
/** The `nextCursor` of the previous page; absent for the first page. */
const cursor = z.string().min(1).max(1000).optional();

/** Contacts of the customers in scope, by customer and a part of the name, in pages. */
export const listContactsSchema = z.strictObject({
  customerCode: customerCode.optional(),
  /** A part of the contact's name (case-insensitive). */
  search: z.string().trim().min(1).max(200).optional(),
  limit,
  cursor,
});
export type ListContactsInput = z.input<typeof listContactsSchema>;

/** One contact, interaction … by id. */
export const relationIdSchema = z.strictObject({ id });
export type RelationIdInput = z.input<typeof relationIdSchema>;

/** A contact's own fields: null clears one on update. */
const contactFields = {
  title: z.string().trim().max(200).nullable().optional(),
  role: z.enum(CONTACT_ROLES).nullable().optional(),
  /** 1 (none) – 5 (decisive), as the import reads it. */
  influence: z.number().int().min(1).max(5).nullable().optional(),
  attitude: z.enum(CONTACT_ATTITUDES).nullable().optional(),
  phone: z.string().trim().min(1).max(50).nullable().optional(),
  email: z.string().trim().min(1).max(200).nullable().optional(),
};
const contactName = z.string().trim().min(1).max(200);

/** A new contact person of a customer the actor may change. */
export const createContactSchema = z.strictObject({ customerCode, name: contactName, ...contactFields });
export type CreateContactInput = z.input<typeof createContactSchema>;

/** Changes to a contact (the fields given; null clears one). */
export const updateContactSchema = z.strictObject({ id, name: contactName.optional(), ...contactFields });
export type UpdateContactInput = z.input<typeof updateContactSchema>;

/** Interactions of the customers in scope, newest first, in pages. */
export const listInteractionsSchema = z.strictObject({
  customerCode: customerCode.optional(),
  kind: z.enum(INTERACTION_KINDS).optional(),
  /** The user who had the interaction (interactions.owner). */
  owner: z.string().trim().min(1).max(200).optional(),
  /** Instants: from inclusive, to exclusive. */
  from: instant.optional(),
  to: instant.optional(),
  /** True: only those not resolved yet; false: only resolved ones. */
  open: z.boolean().optional(),
  limit,
  cursor,
});
export type ListInteractionsInput = z.input<typeof listInteractionsSchema>;

/** A visit, call, complaint … with a customer the actor may change; the actor is its owner. */
export const logInteractionSchema = z
  .strictObject({
    customerCode,
    kind: z.enum(INTERACTION_KINDS),
    occurredAt: instant,
    summary: z.string().trim().min(1).max(2000),
    resolvedAt: instant.optional(),
  })
  // Instants with different offsets do not compare as text.
  .refine(
    (input) => input.resolvedAt === undefined || Date.parse(input.resolvedAt) >= Date.parse(input.occurredAt),
    { path: ["resolvedAt"], message: "not before occurredAt" },
  );
export type LogInteractionInput = z.input<typeof logInteractionSchema>;

/** Marks an interaction (a complaint …) resolved, at `resolvedAt` or now. */
export const resolveInteractionSchema = z.strictObject({ id, resolvedAt: instant.optional() });
export type ResolveInteractionInput = z.input<typeof resolveInteractionSchema>;

const npsScore = z.number().int().min(0).max(10);

/**
 * Which survey answers: a customer, answer days (inclusive), an NPS range (inclusive), and the
 * customers' grade (in the latest grade run of `scheme`, default value) or RFM segment (in the
 * latest analysis run) as they are now.
 */
const surveyFilter = {
  customerCode: customerCode.optional(),
  from: day.optional(),
  to: day.optional(),
  npsMin: npsScore.optional(),
  npsMax: npsScore.optional(),
  scheme: z.string().trim().min(1).max(100).optional(),
  grade: z.string().trim().min(1).max(200).optional(),
  rfmSegment: z.enum(RFM_SEGMENTS).optional(),
};

/** Survey answers of the customers in scope, newest first, in pages. */
export const listSurveysSchema = z.strictObject({ ...surveyFilter, limit, cursor });
export type ListSurveysInput = z.input<typeof listSurveysSchema>;

/** NPS and satisfaction per item over the answers the filter selects, of customers in scope. */
export const surveySummarySchema = z.strictObject(surveyFilter);
export type SurveySummaryInput = z.input<typeof surveySummarySchema>;
export type SurveyFilter = z.output<typeof surveySummarySchema>;

/**
 * NPS and satisfaction per month over the last `months` months up to `to` (default the latest
 * answer), of the customers of a grade or RFM segment if given.
 */
export const surveyTrendSchema = z.strictObject({
  months: z.number().int().min(1).max(36).default(12),
  to: day.optional(),
  scheme: surveyFilter.scheme,
  grade: surveyFilter.grade,
  rfmSegment: surveyFilter.rfmSegment,
});
export type SurveyTrendInput = z.input<typeof surveyTrendSchema>;

/** What the survey breakdown groups answers by: the customers' grade now, or their RFM segment. */
export const SURVEY_GROUPINGS = ["grade", "rfmSegment"] as const;

/** NPS and satisfaction per grade (of `scheme`) or RFM segment over the answers the filter selects. */
export const surveyBreakdownSchema = z.strictObject({
  by: z.enum(SURVEY_GROUPINGS),
  scheme: surveyFilter.scheme,
  from: surveyFilter.from,
  to: surveyFilter.to,
});
export type SurveyBreakdownInput = z.input<typeof surveyBreakdownSchema>;

/** Whether an unhappy answer has been followed up: its task open, done, or no task at all. */
export const FOLLOW_UP_STATES = ["open", "done", "none"] as const;

/**
 * Surveys that call for a follow-up (an NPS of 0–6 or a satisfaction score of 1–2), of the
 * customers in scope, newest first, by answer days, grade, segment and follow-up state, in pages.
 */
export const listSurveyFollowUpsSchema = z.strictObject({
  from: surveyFilter.from,
  to: surveyFilter.to,
  scheme: surveyFilter.scheme,
  grade: surveyFilter.grade,
  rfmSegment: surveyFilter.rfmSegment,
  followUp: z.enum(FOLLOW_UP_STATES).optional(),
  limit,
  cursor,
});
export type ListSurveyFollowUpsInput = z.input<typeof listSurveyFollowUpsSchema>;

/** Complaints of the customers in scope raised from `from` to before `to` (instants), default all. */
export const complaintSummarySchema = z.strictObject({ from: instant.optional(), to: instant.optional() });
export type ComplaintSummaryInput = z.input<typeof complaintSummarySchema>;
