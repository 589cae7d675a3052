import {
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
  teamTasks,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerConfig } from "../../../config.ts";
import { commonProblems, problemSchema } from "./schemas.ts";
import {
  completedSchema,
  myDaySchema,
  taskListSchema,
  taskOrCampaignSchema,
  taskSchema,
} from "./tasks.schemas.ts";

const idParams = z.object({ id: z.coerce.number().int().min(1) });
const limit = z.coerce.number().int().min(1).max(10_000).optional();
const filterQuery = myTasksSchema.extend({ limit });
const listQuery = listTasksSchema.extend({ limit });

/** Tasks: mine, my team's, a customer's; read one, complete, reschedule, reassign. */
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
