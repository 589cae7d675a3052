import { LOCALES, TASK_KINDS, TASK_PRIORITIES } from "@custra/core";
import { TASK_STATUSES } from "@custra/engine";
import { EXPORT_FORMATS } from "@custra/engine/export";
import { z } from "zod";

const id = z.number().int().positive();
const day = z.iso.date();
const kind = z.enum(TASK_KINDS);
const status = z.enum([...TASK_STATUSES, "all"]);
// The command line lists as many as asked for; a page of the HTTP API will take fewer.
const limit = z.number().int().min(1).max(10_000_000);
const username = z.string().min(1).max(200);

/** The day's tasks from every playbook whose basis is computed; today (UTC) unless `asOf`. */
export const generateTasksSchema = z.strictObject({
  asOf: day.optional(),
  kinds: z.array(kind).min(1).optional(),
  /** What customers of unknown type are taken for (default from the business model setting). */
  unknownCustomerType: z.enum(["individual", "enterprise"]).optional(),
});
export type GenerateTasksInput = z.input<typeof generateTasksSchema>;

const filter = {
  /** Due on or before this day. */
  due: day.optional(),
  kind: kind.optional(),
  /** Default open. */
  status: status.optional(),
  /** Default 100. */
  limit: limit.optional(),
};

/** Tasks and campaigns, filtered: by owner, due day, kind, status, customer. */
export const listTasksSchema = z.strictObject({
  ...filter,
  owner: username.optional(),
  customerCode: z.string().min(1).max(200).optional(),
});
export type ListTasksInput = z.input<typeof listTasksSchema>;

/** The actor's own tasks, or their team's. */
export const myTasksSchema = z.strictObject(filter);
export type MyTasksInput = z.input<typeof myTasksSchema>;

/** The tasks of one customer. */
export const customerTasksSchema = z.strictObject({ ...filter, code: z.string().min(1).max(200) });
export type CustomerTasksInput = z.input<typeof customerTasksSchema>;

/** One task or campaign by id. */
export const taskIdSchema = z.strictObject({ id });
export type TaskIdInput = z.input<typeof taskIdSchema>;

/** Marks a task or campaign done; `by` names who did it for the local operator (a user completes as themselves). */
export const completeTaskSchema = z.strictObject({ id, by: username.optional() });
export type CompleteTaskInput = z.input<typeof completeTaskSchema>;

/** The customers a campaign reaches (those the actor may see), by code; at most `limit` (default all). */
export const campaignMembersSchema = z.strictObject({ id, limit: limit.optional() });
export type CampaignMembersInput = z.input<typeof campaignMembersSchema>;

/** A campaign's customers as a CSV or XLSX file at `out`, the sheet named in `locale`. */
export const exportCampaignSchema = z.strictObject({
  id,
  format: z.enum(EXPORT_FORMATS),
  out: z.string().min(1),
  locale: z.enum(LOCALES),
});
export type ExportCampaignInput = z.input<typeof exportCampaignSchema>;

export const rescheduleTaskSchema = z.strictObject({ id, dueOn: day });
export type RescheduleTaskInput = z.input<typeof rescheduleTaskSchema>;

/** Gives an open task to another user, or back to the team pool (owner null). */
export const reassignTaskSchema = z.strictObject({ id, owner: username.nullable() });
export type ReassignTaskInput = z.input<typeof reassignTaskSchema>;

/** 工作台: the reader's day (default today in the company's time zone). */
export const myDaySchema = z.strictObject({ today: day.optional() });
export type MyDayInput = z.input<typeof myDaySchema>;

/**
 * The task board: the tasks of the customers in scope by kind, owner (or the team pool), status,
 * due days (inclusive) and priority, earliest due and most urgent first, in cursor pages with
 * the total. Campaigns (tasks for a group) are not on it: they have no customer.
 */
export const taskBoardSchema = z.strictObject({
  kind: kind.exclude(["campaign"]).optional(),
  owner: username.optional(),
  /** Only the tasks without an owner (the team pool); with `owner` as well, none. */
  pool: z.boolean().optional(),
  /** Default open. */
  status: status.optional(),
  dueFrom: day.optional(),
  dueTo: day.optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  /** How many per page (default 50, at most 500). */
  limit: z.number().int().min(1).max(500).default(50),
  /** The `nextCursor` of the previous page; absent for the first page. */
  cursor: z.string().min(1).max(1000).optional(),
});
export type TaskBoardInput = z.input<typeof taskBoardSchema>;

/** How far a care calendar may reach: a quarter. */
export const CARE_CALENDAR_MAX_DAYS = 92;

/** The care calendar of the customers in scope from `from` to `to` (default today and 30 days on). */
export const careCalendarSchema = z.strictObject({ from: day.optional(), to: day.optional() });
export type CareCalendarInput = z.input<typeof careCalendarSchema>;
