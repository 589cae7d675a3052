import {
  careCalendar,
  careCalendarSchema,
  completeTask,
  customerTasks,
  listTasks,
  listTasksSchema,
  myDay,
  myDaySchema as myDayInputSchema,
  myTasks,
  myTasksSchema,
  readTask,
  reassignTask,
  reassignTaskSchema,
  rescheduleTask,
  rescheduleTaskSchema,
  taskBoard,
  taskBoardSchema,
  teamTasks,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { commonProblems, problemSchema } from "./schemas.ts";
import {
  careCalendarResultSchema,
  completedSchema,
  myDaySchema,
  taskBoardPageSchema,
  taskListSchema,
  taskOrCampaignSchema,
  taskSchema,
} from "./tasks.schemas.ts";

const idParams = z.object({ id: z.coerce.number().int().min(1) });
const limit = z.coerce.number().int().min(1).max(10_000).optional();
const filterQuery = myTasksSchema.extend({ limit });
const listQuery = listTasksSchema.extend({ limit });
const boardQuery = taskBoardSchema.extend({
  pool: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Tasks: mine, my team's, a customer's, the board, the care calendar; read one, complete, reschedule, reassign. */
export async function tasksRoutes(
  app: FastifyInstance,
  { handle }: { handle: DbHandle; config: ServerConfig },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["tasks"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "Tasks and campaigns of the customers in scope; with customerCode, that customer's (404 out of scope)",
        querystring: listQuery,
        response: { 200: taskListSchema, ...commonProblems },
      },
    },
    async (request) => {
      const ctx = { handle, actor: request.actor! };
      const { customerCode, owner, ...filter } = request.query;
      if (customerCode !== undefined && owner === undefined) {
        return customerTasks(ctx, { ...filter, code: customerCode });
      }
      return listTasks(ctx, request.query);
    },
  );

  typed.get(
    "/mine",
    {
      schema: {
        tags,
        summary: "The signed-in user's own tasks",
        querystring: filterQuery,
        response: { 200: taskListSchema, ...commonProblems },
      },
    },
    async (request) => myTasks({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/my-day",
    {
      schema: {
        tags,
        summary:
          "工作台: the signed-in user's open tasks overdue, today and this week by kind, customers not contacted for 7–180 days, new churn warnings, care ahead; per owner for readers of others' customers",
        querystring: myDayInputSchema,
        response: { 200: myDaySchema, ...commonProblems },
      },
    },
    async (request) => myDay({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/board",
    {
      schema: {
        tags,
        summary:
          "The task board: tasks of the customers in scope by kind, owner or pool, status, due days and priority, earliest due and most urgent first, in cursor pages with the total",
        querystring: boardQuery,
        response: { 200: taskBoardPageSchema, ...commonProblems },
      },
    },
    async (request) => taskBoard({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/care-calendar",
    {
      schema: {
        tags,
        summary:
          "Festivals and the birthdays (solar or lunar) of the customers in scope from `from` to `to` (default today and 30 days on, at most 92), with their care tasks",
        querystring: careCalendarSchema,
        response: { 200: careCalendarResultSchema, ...commonProblems },
      },
    },
    async (request) => careCalendar({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/team",
    {
      schema: {
        tags,
        summary: "The tasks of the signed-in user's team",
        querystring: filterQuery,
        response: { 200: taskListSchema, ...commonProblems },
      },
    },
    async (request) => teamTasks({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:id",
    {
      schema: {
        tags,
        summary: "One task or campaign (404 out of scope)",
        params: idParams,
        response: { 200: taskOrCampaignSchema, ...commonProblems },
      },
    },
    async (request) => readTask({ handle, actor: request.actor! }, request.params),
  );

  typed.post(
    "/:id/complete",
    {
      schema: {
        tags,
        summary: "Mark a task or campaign done (again: unchanged, alreadyDone)",
        params: idParams,
        response: { 200: completedSchema, ...commonProblems },
      },
    },
    async (request) => completeTask({ handle, actor: request.actor! }, request.params),
  );

  typed.post(
    "/:id/reschedule",
    {
      schema: {
        tags,
        summary: "Move an open task to another due day",
        params: idParams,
        body: rescheduleTaskSchema.omit({ id: true }),
        response: { 200: taskSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      rescheduleTask({ handle, actor: request.actor! }, { ...request.params, ...request.body }),
  );

  typed.post(
    "/:id/reassign",
    {
      schema: {
        tags,
        summary: "Give an open task to another user, or back to the team pool (owner null)",
        params: idParams,
        body: reassignTaskSchema.omit({ id: true }),
        response: { 200: taskSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request) =>
      reassignTask({ handle, actor: request.actor! }, { ...request.params, ...request.body }),
  );
}
