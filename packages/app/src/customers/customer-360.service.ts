/**
 * The customer 360 view: profile, scores of the latest analysis run, grades of every scheme, open
 * tasks and products to offer — what `custra customer show` prints and the server's customer page
 * shows. A customer outside the reader's scope is APP_NOT_FOUND, exactly as one that does not exist.
 */

import type { Locale } from "@custra/core";
import { forReading } from "@custra/db";
import {
  type CustomerGradeView,
  type CustomerProfile,
  customerGrades,
  customerProfile,
  listTasks,
  type ProductRecommendation,
  recommendForCustomer,
  type TaskView,
} from "@custra/engine";
import { companyToday } from "../access/actor.service.ts";
import {
  applyFieldRights,
  applyFieldRightsToRows,
  CONTACT_PERSONAL_FIELDS,
  CUSTOMER_PERSONAL_FIELDS,
} from "../access/masking.ts";
import { requirePermission } from "../access/permissions.ts";
import { auditPersonalView } from "../access/personal-views.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import { type CustomerRecords, customerRecords } from "../records/customer-records.ts";
import { type Interaction, latestInteractions } from "../relations/interactions.service.ts";
import { customerSurveys, type SurveyAnswer, type SurveySummary } from "../relations/surveys.service.ts";
import { type ShowCustomerInput, showCustomerSchema } from "./customers.schemas.ts";
import { currentRecommendationModel } from "./recommendation-model.service.ts";
import "./customers.messages.ts";

/** A grade as the 360 view lists it; its explanation (components, rules) is `grade explain`'s. */
export type Customer360Grade = Omit<CustomerGradeView, "scoreGrade" | "components" | "rules" | "pin">;

/** A contact person of the customer, its phone and email as the reader's detail rights allow. */
export interface Customer360Contact {
  id: number;
  name: string;
  title: string | null;
  role: string | null;
  influence: number | null;
  attitude: string | null;
  phone: string | null;
  email: string | null;
}

export interface Customer360 extends CustomerProfile, CustomerRecords {
  contacts: Customer360Contact[];
  grades: Customer360Grade[];
  /** Open tasks, most urgent first; each reason is a code with params, rendered at the edge. */
  tasks: TaskView[];
  /** Products to offer, best first; each reason is a code with params, rendered at the edge. */
  recommendations: ProductRecommendation[];
  /** The latest interactions, newest first. */
  interactions: Interaction[];
  /** The latest survey answers, newest first, and the NPS and satisfaction over all of them. */
  surveys: { answers: SurveyAnswer[]; summary: SurveySummary };
}

const RECOMMENDATIONS = 3;

export async function showCustomer(
  ctx: AppContext,
  input: ShowCustomerInput | unknown,
): Promise<Customer360> {
  requirePermission(ctx.actor, "read");
  const { code, locale } = parseInput(showCustomerSchema, input);
  // The view depends on the reader only through their scope: it is kept unmasked, and masked for
  // each reader as it is handed out. Its invoices age by the day: a new day is a new view.
  const today = await companyToday(ctx.handle);
  const view = await cachedRead(
    ctx.handle,
    "page",
    `customers.show ${JSON.stringify([code, locale, ctx.actor.scope, today])}`,
    () => readCustomer360(ctx, code, locale),
  );
  if (!view) throw new AppError("APP_NOT_FOUND", { what: { key: "app.customers.what.customer" }, key: code });
  // Unmasked personal fields shown here to a role whose list rights mask them are audited (§8).
  if (ctx.actor.personalFields.list !== "show") {
    await auditPersonalView(ctx, "detail", [Number(view.customer.id)], "customer.show");
  }
  return {
    ...view,
    customer: applyFieldRights(ctx.actor, "detail", view.customer, CUSTOMER_PERSONAL_FIELDS),
    contacts: applyFieldRightsToRows(ctx.actor, "detail", view.contacts, CONTACT_PERSONAL_FIELDS),
  };
}

/** The whole view, unmasked; undefined when the customer is not there or out of scope. */
async function readCustomer360(
  ctx: AppContext,
  code: string,
  locale: Locale,
): Promise<Customer360 | undefined> {
  // Reads through the read connections, so that a running analysis does not hold up the view.
  const reader = forReading(ctx.handle);
  const profile = await customerProfile(reader, code, { scope: ctx.actor.scope });
  if (!profile) return undefined;
  const id = Number(profile.customer.id);
  const grades = (await customerGrades(reader, id, locale, { explained: false })).map(
    ({ scoreGrade, components, rules, pin, ...shown }) => shown,
  );
  const tasks = await listTasks(reader, { customerCode: profile.customer.code });
  const model = await currentRecommendationModel(ctx.handle);
  const recommendations = await recommendForCustomer(reader, model, id, RECOMMENDATIONS);
  const contacts = await reader.db
    .selectFrom("contacts")
    .select(["id", "name", "title", "role", "influence", "attitude", "phone", "email"])
    .where("customer_id", "=", profile.customer.id)
    .orderBy("id")
    .execute();
  const interactions = await latestInteractions(ctx, id);
  const surveys = await customerSurveys(ctx, id);
  return {
    ...profile,
    contacts: contacts.map((contact) => ({
      ...contact,
      id: Number(contact.id),
      influence: contact.influence === null ? null : Number(contact.influence),
    })),
    grades,
    tasks,
    recommendations,
    interactions,
    surveys,
    ...(await customerRecords(ctx, id)),
  };
}
