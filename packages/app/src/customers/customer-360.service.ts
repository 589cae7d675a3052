/**
 * The customer 360 view: profile, scores of the latest analysis run, grades of every scheme, open
 * tasks and products to offer — what `custra customer show` prints and the server's customer page
 * shows. A customer outside the reader's scope is APP_NOT_FOUND, exactly as one that does not exist.
 */
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
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { type ShowCustomerInput, showCustomerSchema } from "./customers.schemas.ts";
import "./customers.messages.ts";

/** A grade as the 360 view lists it; its explanation (components, rules) is `grade explain`'s. */
export type Customer360Grade = Omit<CustomerGradeView, "scoreGrade" | "components" | "rules" | "pin">;

export interface Customer360 extends CustomerProfile {
  grades: Customer360Grade[];
  /** Open tasks, most urgent first; each reason is a code with params, rendered at the edge. */
  tasks: TaskView[];
  /** Products to offer, best first; each reason is a code with params, rendered at the edge. */
  recommendations: ProductRecommendation[];
}

const RECOMMENDATIONS = 3;

export async function showCustomer(
  ctx: AppContext,
  input: ShowCustomerInput | unknown,
): Promise<Customer360> {
  requirePermission(ctx.actor, "read");
  const { code, locale } = parseInput(showCustomerSchema, input);
  const profile = await customerProfile(ctx.handle, code, { scope: ctx.actor.scope });
  if (!profile)
    throw new AppError("APP_NOT_FOUND", { what: { key: "app.customers.what.customer" }, key: code });
  const id = Number(profile.customer.id);
  const grades = (await customerGrades(ctx.handle, id, locale)).map(
    ({ scoreGrade, components, rules, pin, ...shown }) => shown,
  );
  const tasks = await listTasks(ctx.handle, { customerCode: profile.customer.code });
  // Focused on this customer: on a large base the model learns from a sample (seconds, not tens).
  const model = await loadRecommendationModel(ctx.handle, { focus: [id] });
  const recommendations = recommendFor(model, [id], RECOMMENDATIONS)[0] ?? [];
  return { ...profile, grades, tasks, recommendations };
}
