/**
 * The customer 360 view: profile, scores of the latest analysis run, grades of every scheme, open
 * tasks and products to offer — what `custra customer show` prints and the server's customer page
 * shows. A customer outside the reader's scope is APP_NOT_FOUND, exactly as one that does not exist.
 */

import { forReading } from "@custra/db";
import {
  type CustomerGradeView,
  type CustomerProfile,
  customerGrades,
  customerProfile,
  listTasks,
  loadRecommendationModel,
  type ProductRecommendation,
  recommendFor,
  type TaskView,
} from "@custra/engine";
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
import { type CustomerRecords, customerRecords } from "../records/customer-records.ts";
import { type Interaction, latestInteractions } from "../relations/interactions.service.ts";
import { customerSurveys, type SurveyAnswer, type SurveySummary } from "../relations/surveys.service.ts";
import { type ShowCustomerInput, showCustomerSchema } from "./customers.schemas.ts";
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
  // Reads through the read connections, so that a running analysis does not hold up the view.
  const reader = forReading(ctx.handle);
  const profile = await customerProfile(reader, code, { scope: ctx.actor.scope });
  if (!profile)
    throw new AppError("APP_NOT_FOUND", { what: { key: "app.customers.what.customer" }, key: code });
  const id = Number(profile.customer.id);
  const grades = (await customerGrades(reader, id, locale)).map(
    ({ scoreGrade, components, rules, pin, ...shown }) => shown,
  );
  const tasks = await listTasks(reader, { customerCode: profile.customer.code });
  // Focused on this customer: on a large base the model learns from a sample (seconds, not tens).
  const model = await loadRecommendationModel(ctx.handle, { focus: [id] });
  const recommendations = recommendFor(model, [id], RECOMMENDATIONS)[0] ?? [];
  const contacts = await reader.db
    .selectFrom("contacts")
    .select(["id", "name", "title", "role", "influence", "attitude", "phone", "email"])
    .where("customer_id", "=", profile.customer.id)
    .orderBy("id")
    .execute();
  const interactions = await latestInteractions(ctx, id);
  const surveys = await customerSurveys(ctx, id);
  // Unmasked personal fields shown here to a role whose list rights mask them are audited (§8).
  if (ctx.actor.personalFields.list !== "show") {
    await auditPersonalView(ctx, "detail", [id], "customer.show");
  }
  return {
    ...profile,
    customer: applyFieldRights(ctx.actor, "detail", profile.customer, CUSTOMER_PERSONAL_FIELDS),
    contacts: applyFieldRightsToRows(
      ctx.actor,
      "detail",
      contacts.map((contact) => ({
        ...contact,
        id: Number(contact.id),
        influence: contact.influence === null ? null : Number(contact.influence),
      })),
      CONTACT_PERSONAL_FIELDS,
    ),
    grades,
    tasks,
    recommendations,
    interactions,
    surveys,
    ...(await customerRecords(ctx, id)),
  };
}
