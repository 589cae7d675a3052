/**
 * The customer 360 view: profile, scores of the latest analysis run with the spread of the
 * predicted purchases, grades of every scheme with the pins on them, open tasks and products to
 * offer, the records, and what the reader may do here — what `custra customer show` prints and the
 * server's customer page shows. A customer outside the reader's scope is APP_NOT_FOUND, exactly
 * as one that does not exist.
 */

import { gradeLabel, type Locale, type PurchaseInterval, recommendationReasonText } from "@custra/core";
import { forReading, visibleCustomer } from "@custra/db";
import {
  type CustomerGradeView,
  type CustomerProfile,
  customerGrades,
  customerProfile,
  listPins,
  listTasks,
  type PinView,
  type ProductRecommendation,
  recommendForCustomer,
  requireDefinition,
  type TaskView,
  taskReasonTexts,
} from "@custra/engine";
import { companyToday } from "../access/actor.service.ts";
import {
  applyFieldRights,
  applyFieldRightsToRows,
  CONTACT_PERSONAL_FIELDS,
  CUSTOMER_PERSONAL_FIELDS,
} from "../access/masking.ts";
import { hasPermission, requirePermission } from "../access/permissions.ts";
import { auditPersonalView } from "../access/personal-views.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { cachedRead } from "../read-cache.ts";
import { type CustomerRecords, customerRecords } from "../records/customer-records.ts";
import { type Interaction, latestInteractions } from "../relations/interactions.service.ts";
import { customerSurveys, type SurveyAnswer, type SurveySummary } from "../relations/surveys.service.ts";
import { type ShowCustomerInput, showCustomerSchema } from "./customers.schemas.ts";
import { forecastReport, purchaseIntervalFor } from "./purchase-forecast.ts";
import { currentRecommendationModel } from "./recommendation-model.service.ts";
import "./customers.messages.ts";

/**
 * A grade as the 360 view lists it, with the customer's pin on its scheme; its explanation
 * (components, rules, bands) is `grade explain`'s.
 */
export type Customer360Grade = Omit<
  CustomerGradeView,
  "scoreGrade" | "components" | "rules" | "pin" | "bands"
> & {
  /**
   * The pin on this scheme not removed, expired or not: in force, it is the customer's grade from
   * now on (the next grading writes it); an expired one can be renewed or removed.
   */
  currentPin: Customer360Pin | null;
};

export interface Customer360Pin extends Omit<PinView, "customerCode" | "scheme"> {
  gradeLabel: string;
  /** Its last day is today or later (company time zone), or it has none. */
  inForce: boolean;
}

/** What the reader may do on this customer: the page offers only these, the use cases check them. */
export interface Customer360Actions {
  /** Log an interaction: the create permission and write access to the customer. */
  logInteraction: boolean;
  /** Pin and unpin grades: the editSchemes permission (on a customer in scope). */
  pinGrade: boolean;
}

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
  /** The spread of `scores.expectedPurchases` over the run's horizon; null where none is predicted. */
  purchaseInterval: PurchaseInterval | null;
  actions: Customer360Actions;
}

/** The view as kept for every reader of one scope: unmasked, with the scope's write access. */
interface KeptView extends Omit<Customer360, "actions"> {
  writable: boolean;
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
    () => readCustomer360(ctx, code, locale, today),
  );
  if (!view) throw new AppError("APP_NOT_FOUND", { what: { key: "app.customers.what.customer" }, key: code });
  // Unmasked personal fields shown here to a role whose list rights mask them are audited (§8).
  if (ctx.actor.personalFields.list !== "show") {
    await auditPersonalView(ctx, "detail", [Number(view.customer.id)], "customer.show");
  }
  const { writable, ...shown } = view;
  return {
    ...shown,
    customer: applyFieldRights(ctx.actor, "detail", view.customer, CUSTOMER_PERSONAL_FIELDS),
    contacts: applyFieldRightsToRows(ctx.actor, "detail", view.contacts, CONTACT_PERSONAL_FIELDS),
    // The same rules logInteraction and pinGrade enforce.
    actions: {
      logInteraction: writable && hasPermission(ctx.actor, "create"),
      pinGrade: hasPermission(ctx.actor, "editSchemes"),
    },
  };
}

/** The 360 view with each task's and recommendation's reason also as words. */
export type Customer360WithTexts = Omit<Customer360, "tasks" | "recommendations"> & {
  tasks: (TaskView & { reasonText: string })[];
  recommendations: (ProductRecommendation & { reasonText: string })[];
};

/**
 * The view's reasons rendered in `locale`, for an edge that shows words (the CLI's table, the
 * server's answer); the codes and params stay beside them for programs.
 */
export async function withReasonTexts(
  ctx: AppContext,
  view: Customer360,
  locale: Locale,
): Promise<Customer360WithTexts> {
  const reasons = await taskReasonTexts(forReading(ctx.handle));
  return {
    ...view,
    tasks: view.tasks.map((task) => ({ ...task, reasonText: reasons(task, locale) })),
    recommendations: view.recommendations.map((product) => ({
      ...product,
      reasonText: recommendationReasonText(product.reason, locale),
    })),
  };
}

/** The whole view, unmasked; undefined when the customer is not there or out of scope. */
async function readCustomer360(
  ctx: AppContext,
  code: string,
  locale: Locale,
  today: string,
): Promise<KeptView | undefined> {
  // Reads through the read connections, so that a running analysis does not hold up the view.
  const reader = forReading(ctx.handle);
  const profile = await customerProfile(reader, code, { scope: ctx.actor.scope });
  if (!profile) return undefined;
  const id = Number(profile.customer.id);
  const pins = await currentPins(reader, id, locale, today);
  const grades = (await customerGrades(reader, id, locale, { explained: false })).map(
    ({ scoreGrade, components, rules, pin, bands, ...shown }) => ({
      ...shown,
      currentPin: pins.get(shown.scheme) ?? null,
    }),
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
  const writable = await reader.db
    .selectFrom("customers")
    .select("id")
    .where("id", "=", profile.customer.id)
    .where(visibleCustomer(ctx.actor.scope, "customers.id", "write", { ownerColumn: "customers.owner" }))
    .executeTakeFirst();
  const purchaseInterval =
    profile.run && profile.scores
      ? purchaseIntervalFor(await forecastReport(reader, profile.run.id), profile.scores, profile.run.horizon)
      : null;
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
    purchaseInterval,
    writable: writable !== undefined,
    ...(await customerRecords(ctx, id)),
  };
}

/** The customer's pins not removed, by scheme, each grade labelled by its scheme in `locale`. */
async function currentPins(
  handle: AppContext["handle"],
  customerId: number,
  locale: Locale,
  today: string,
): Promise<Map<string, Customer360Pin>> {
  const pins = new Map<string, Customer360Pin>();
  for (const { customerCode, scheme, ...pin } of await listPins(handle, undefined, undefined, customerId)) {
    const { definition } = await requireDefinition(handle, "scheme", scheme);
    pins.set(scheme, {
      ...pin,
      gradeLabel: gradeLabel(definition, pin.grade, locale),
      inForce: pin.until === null || pin.until >= today,
    });
  }
  return pins;
}
