/**
 * How long complaints stay open: of the complaints of the customers in scope, how many are open
 * and resolved, how long the resolved ones took and the open ones have waited so far, and how
 * many are open past the deadline after which task generation escalates them.
 */
import { visibleCustomer } from "@custra/db";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { type ComplaintSummaryInput, complaintSummarySchema } from "./relations.schemas.ts";

/** Hours a complaint may stay open before it is escalated (core strategy's default complaint deadline). */
export const COMPLAINT_DEADLINE_HOURS = 48;

/** How long a complaint was (or has been) open, by upper bound in hours: a day, three, a week, a month, more. */
export const COMPLAINT_DURATIONS = [
  { code: "day", upTo: 24 },
  { code: "three_days", upTo: 72 },
  { code: "week", upTo: 168 },
  { code: "month", upTo: 720 },
  { code: "longer", upTo: Number.POSITIVE_INFINITY },
] as const;
export type ComplaintDuration = (typeof COMPLAINT_DURATIONS)[number]["code"];

export interface ComplaintSummary {
  total: number;
  open: number;
  resolved: number;
  /** Open for longer than COMPLAINT_DEADLINE_HOURS. */
  openPastDeadline: number;
  deadlineHours: number;
  /** Hours from the complaint to its resolution; null without a resolved one. */
  resolvedHours: { median: number | null; mean: number | null };
  /** Hours the open ones have waited so far; null without an open one. */
  openHours: { median: number | null; longest: number | null };
  /** Complaints per duration, resolved and open apart, shortest first. */
  durations: { code: ComplaintDuration; resolved: number; open: number }[];
}

const HOUR_MS = 3_600_000;

export async function complaintSummary(
  ctx: AppContext,
  input: ComplaintSummaryInput | unknown = {},
  now: Date = new Date(),
): Promise<ComplaintSummary> {
  requirePermission(ctx.actor, "read");
  const request = parseInput(complaintSummarySchema, input ?? {});
  let query = ctx.handle.read
    .selectFrom("interactions as i")
    .select(["i.occurred_at", "i.resolved_at"])
    .where("i.kind", "=", "complaint")
    .where(visibleCustomer(ctx.actor.scope, "i.customer_id"));
  if (request.from !== undefined) query = query.where("i.occurred_at", ">=", new Date(request.from));
  if (request.to !== undefined) query = query.where("i.occurred_at", "<", new Date(request.to));
  const rows = await query.execute();

  const resolved: number[] = [];
  const open: number[] = [];
  for (const row of rows) {
    const from = new Date(row.occurred_at).getTime();
    if (row.resolved_at === null) open.push(Math.max(0, now.getTime() - from) / HOUR_MS);
    else resolved.push(Math.max(0, new Date(row.resolved_at).getTime() - from) / HOUR_MS);
  }
  const durationOf = (hours: number) => COMPLAINT_DURATIONS.find((duration) => hours <= duration.upTo)!.code;
  const count = (hours: readonly number[], code: ComplaintDuration) =>
    hours.filter((value) => durationOf(value) === code).length;
  return {
    total: rows.length,
    open: open.length,
    resolved: resolved.length,
    openPastDeadline: open.filter((hours) => hours > COMPLAINT_DEADLINE_HOURS).length,
    deadlineHours: COMPLAINT_DEADLINE_HOURS,
    resolvedHours: { median: median(resolved), mean: mean(resolved) },
    openHours: {
      median: median(open),
      longest: open.reduce<number | null>((most, hours) => Math.max(most ?? 0, hours), null),
    },
    durations: COMPLAINT_DURATIONS.map(({ code }) => ({
      code,
      resolved: count(resolved, code),
      open: count(open, code),
    })),
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
