/**
 * Tasks as use cases: generate the day's tasks (with products to bring to care visits), list
 * them (mine, my team's, a customer's, or by filter), complete, reschedule and reassign. Every
 * read goes through the actor's customer scope: another owner's customer's tasks are not
 * listed, not counted, and reading one is APP_NOT_FOUND. Reasons stay codes with params
 * (TaskReason), for the reader's language at the edge.
 */
import { type Catalog, hasMessage, registerCatalog, type TaskCandidate, text } from "@custra/core";
import type { DbHandle } from "@custra/db";
import {
  type CampaignExportResult,
  type CampaignMember,
  type CampaignView,
  completeCampaign,
  completeTask as completeEngineTask,
  campaignMembers as engineCampaignMembers,
  exportCampaignMembers,
  type GenerateTasksReport,
  generateTasksInDb,
  listCampaigns,
  listTasks as listEngineTasks,
  loadRecommendationModel,
  openTasksByOwner,
  reassignTask as reassignEngineTask,
  recommendFor,
  rescheduleTask as rescheduleEngineTask,
  type TaskFilter,
  type TaskStage,
  type TaskView,
} from "@custra/engine";
import { companyToday } from "../access/actor.service.ts";
import { visibleCustomerId } from "../access/customer-by-code.ts";
import { requireCompanyWide, requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import {
  type CampaignMembersInput,
  type CompleteTaskInput,
  type CustomerTasksInput,
  campaignMembersSchema,
  completeTaskSchema,
  customerTasksSchema,
  type ExportCampaignInput,
  exportCampaignSchema,
  type GenerateTasksInput,
  generateTasksSchema,
  type ListTasksInput,
  listTasksSchema,
  type MyTasksInput,
  myTasksSchema,
  type ReassignTaskInput,
  type RescheduleTaskInput,
  reassignTaskSchema,
  rescheduleTaskSchema,
  type TaskIdInput,
  taskIdSchema,
} from "./tasks.schemas.ts";

const catalog = {
  "app.tasks.unknown_owner": { "zh-CN": "没有用户 {owner}", en: "there is no user {owner}" },
} satisfies Catalog;
if (!hasMessage("app.tasks.unknown_owner")) registerCatalog(catalog);

/** How many recommended products a care task carries. */
export const CARE_RECOMMENDATIONS = 3;

export interface TaskHooks {
  onStage?: (stage: TaskStage) => void;
}

export interface OpenTasksOfOwner {
  /** null: the team pool, where tasks without an owner wait. */
  owner: string | null;
  tasks: number;
  urgent: number;
}

export interface GenerateTasksResult extends GenerateTasksReport {
  /** Open tasks due by the day, per owner, of the customers the actor may see. */
  openByOwner: OpenTasksOfOwner[];
}

/** Generates the day's tasks and campaigns (default today in the company's time zone); care visits carry products to recommend. */
export async function generateTasks(
  ctx: AppContext,
  input: GenerateTasksInput | unknown = {},
  hooks: TaskHooks = {},
): Promise<GenerateTasksResult> {
  const request = parseInput(generateTasksSchema, input ?? {});
  requireCompanyWide(ctx.actor, "analyze");
  const report = await generateTasksInDb(ctx.handle, {
    // The company's day, not the machine's: after midnight in Shanghai it is still yesterday in UTC.
    asOf: request.asOf ?? (await companyToday(ctx.handle)),
    ...(request.kinds === undefined ? {} : { kinds: [...new Set(request.kinds)] }),
    ...(request.unknownCustomerType === undefined
      ? {}
      : { unknownCustomerType: request.unknownCustomerType }),
    details: (candidates) => careRecommendations(ctx.handle, candidates),
    ...(hooks.onStage ? { onStage: hooks.onStage } : {}),
  });
  return { ...report, openByOwner: await openTasksByOwner(ctx.handle, report.asOf, ctx.actor.scope) };
}

/**
 * Products to bring along on care visits: the recommender is loaded once, and only when there is
 * a care task to give them to, focused on the customers visited (on a large base it learns from
 * a sample plus them).
 */
async function careRecommendations(
  handle: DbHandle,
  candidates: readonly TaskCandidate[],
): Promise<(Record<string, unknown> | null)[]> {
  const care = candidates.flatMap((task, k) => (task.kind === "care" ? [k] : []));
  const details = new Array<Record<string, unknown> | null>(candidates.length).fill(null);
  if (care.length === 0) return details;
  const customers = care.map((k) => candidates[k]!.customerId);
  const model = await loadRecommendationModel(handle, { focus: customers });
  const lists = recommendFor(model, customers, CARE_RECOMMENDATIONS);
  care.forEach((k, j) => {
    if (lists[j]!.length > 0) details[k] = { recommendations: lists[j] };
  });
  return details;
}

export interface TaskList {
  tasks: TaskView[];
  /** Tasks for a group of customers, listed with the tasks (or alone, for kind campaign). */
  campaigns: CampaignView[];
  /** The most either list may hold: a list this long may have more. */
  limit: number;
}

/** Tasks and campaigns by filter, of the customers the actor may see. */
export async function listTasks(ctx: AppContext, input: ListTasksInput | unknown = {}): Promise<TaskList> {
  const request = parseInput(listTasksSchema, input ?? {});
  requirePermission(ctx.actor, "read");
  return findTasks(ctx, {
    ...request,
    ...(request.owner === undefined ? {} : { owner: request.owner }),
    ...(request.customerCode === undefined ? {} : { customerCode: request.customerCode }),
  });
}

/** The actor's own tasks (customers.owner and tasks.owner hold user names). */
export async function myTasks(ctx: AppContext, input: MyTasksInput | unknown = {}): Promise<TaskList> {
  const request = parseInput(myTasksSchema, input ?? {});
  requirePermission(ctx.actor, "read");
  // The local operator is nobody's owner: it has no tasks of its own.
  return findTasks(ctx, { ...request, owners: ctx.actor.username === null ? [] : [ctx.actor.username] });
}

/** The tasks of the actor's team: every user with the actor's team, the actor included. */
export async function teamTasks(ctx: AppContext, input: MyTasksInput | unknown = {}): Promise<TaskList> {
  const request = parseInput(myTasksSchema, input ?? {});
  requirePermission(ctx.actor, "read");
  return findTasks(ctx, { ...request, owners: await teamOf(ctx) });
}

/** A customer's tasks, and the campaigns that reach them. */
export async function customerTasks(ctx: AppContext, input: CustomerTasksInput | unknown): Promise<TaskList> {
  const request = parseInput(customerTasksSchema, input);
  requirePermission(ctx.actor, "read");
  await visibleCustomerId(ctx, request.code);
  const { code, ...filter } = request;
  return findTasks(ctx, { ...filter, customerCode: code });
}

async function findTasks(
  ctx: AppContext,
  filter: Omit<TaskFilter, "scope" | "id"> & { limit?: number },
): Promise<TaskList> {
  const limit = filter.limit ?? 100;
  const status = filter.status ?? "open";
  const common = { ...filter, status, limit, scope: ctx.actor.scope };
  const tasks = filter.kind === "campaign" ? [] : await listEngineTasks(ctx.handle, common);
  const { kind: _kind, ...campaignFilter } = common;
  const campaigns =
    filter.kind === undefined || filter.kind === "campaign"
      ? await listCampaigns(ctx.handle, campaignFilter)
      : [];
  return { tasks, campaigns, limit };
}

async function teamOf(ctx: AppContext): Promise<string[]> {
  if (ctx.actor.username === null) return [];
  const me = await ctx.handle.db
    .selectFrom("users")
    .select("team")
    .where("username", "=", ctx.actor.username)
    .executeTakeFirst();
  if (!me?.team) return [ctx.actor.username];
  const rows = await ctx.handle.db
    .selectFrom("users")
    .select("username")
    .where("team", "=", me.team)
    .execute();
  return [...new Set([ctx.actor.username, ...rows.map((row) => row.username)])];
}

export type TaskOrCampaign =
  | { task: TaskView; campaign?: undefined }
  | { campaign: CampaignView; task?: undefined };

/** A task or campaign by id (they share ids), if the actor may see it; APP_NOT_FOUND otherwise. */
export async function readTask(ctx: AppContext, input: TaskIdInput | unknown): Promise<TaskOrCampaign> {
  const request = parseInput(taskIdSchema, input);
  requirePermission(ctx.actor, "read");
  return findTask(ctx, request.id);
}

async function findTask(ctx: AppContext, id: number): Promise<TaskOrCampaign> {
  const scope = ctx.actor.scope;
  const [campaign] = await listCampaigns(ctx.handle, { id, status: "all", scope });
  if (campaign) return { campaign };
  const [task] = await listEngineTasks(ctx.handle, { id, status: "all", scope });
  if (task) return { task };
  throw new AppError("APP_NOT_FOUND", { what: text("app.what.task"), key: id });
}

/** The customers a campaign reaches that the actor may see; APP_NOT_FOUND for a campaign out of sight. */
export async function campaignMembers(
  ctx: AppContext,
  input: CampaignMembersInput | unknown,
): Promise<{ campaign: CampaignView; customers: CampaignMember[] }> {
  const request = parseInput(campaignMembersSchema, input);
  requirePermission(ctx.actor, "read");
  const campaign = await visibleCampaign(ctx, request.id);
  const customers = await engineCampaignMembers(ctx.handle, request.id, request.limit, ctx.actor.scope);
  return { campaign, customers };
}

/** Writes a campaign's customers (those the actor may see) to a file, for the tool that sends it. */
export async function exportCampaign(
  ctx: AppContext,
  input: ExportCampaignInput | unknown,
): Promise<CampaignExportResult> {
  const request = parseInput(exportCampaignSchema, input);
  requirePermission(ctx.actor, "export");
  await visibleCampaign(ctx, request.id);
  return exportCampaignMembers(ctx.handle, { ...request, scope: ctx.actor.scope });
}

async function visibleCampaign(ctx: AppContext, id: number): Promise<CampaignView> {
  const [campaign] = await listCampaigns(ctx.handle, { id, status: "all", scope: ctx.actor.scope });
  if (!campaign) throw new AppError("APP_NOT_FOUND", { what: text("app.what.task"), key: id });
  return campaign;
}

/** Marks a task or campaign done (once: done again changes nothing and says so). */
export async function completeTask(
  ctx: AppContext,
  input: CompleteTaskInput | unknown,
): Promise<TaskOrCampaign & { alreadyDone: boolean }> {
  const request = parseInput(completeTaskSchema, input);
  requirePermission(ctx.actor, "edit");
  const before = await findTask(ctx, request.id);
  const by =
    ctx.actor.userId !== null && ctx.actor.username !== null
      ? ctx.actor.username
      : (request.by ?? ctx.actor.username ?? undefined);
  if (before.campaign) {
    const campaign = await completeCampaign(ctx.handle, request.id, by);
    return { campaign, alreadyDone: before.campaign.status === "done" };
  }
  const task = await completeEngineTask(ctx.handle, request.id, by);
  return { task, alreadyDone: before.task.status === "done" };
}

/** Moves an open task to another due day (TASK_DONE for a done one). */
export async function rescheduleTask(
  ctx: AppContext,
  input: RescheduleTaskInput | unknown,
): Promise<TaskView> {
  const request = parseInput(rescheduleTaskSchema, input);
  requirePermission(ctx.actor, "edit");
  await visibleTask(ctx, request.id);
  return rescheduleEngineTask(ctx.handle, request.id, request.dueOn);
}

/** Gives an open task to another user (one that exists), or back to the pool. */
export async function reassignTask(ctx: AppContext, input: ReassignTaskInput | unknown): Promise<TaskView> {
  const request = parseInput(reassignTaskSchema, input);
  requirePermission(ctx.actor, "reassign");
  await visibleTask(ctx, request.id);
  if (request.owner !== null) {
    const user = await ctx.handle.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", request.owner)
      .executeTakeFirst();
    if (!user)
      throw new AppError("APP_INVALID_INPUT", {
        issues: [text("app.tasks.unknown_owner", { owner: request.owner })],
      });
  }
  return reassignEngineTask(ctx.handle, request.id, request.owner);
}

/** A task (not a campaign) the actor may see. */
async function visibleTask(ctx: AppContext, id: number): Promise<TaskView> {
  const [task] = await listEngineTasks(ctx.handle, { id, status: "all", scope: ctx.actor.scope });
  if (!task) throw new AppError("APP_NOT_FOUND", { what: text("app.what.task"), key: id });
  return task;
}
