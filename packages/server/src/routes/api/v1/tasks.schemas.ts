/** What the task routes answer: tasks, campaigns and lists of both. */
import { z } from "zod";
import { taskSchema } from "./customers.schemas.ts";

export { taskSchema };

export const campaignSchema = z
  .object({
    id: z.coerce.number().int(),
    kind: z.literal("campaign"),
    playbook: z.string(),
    playbookVersion: z.number().int(),
    basis: z.string(),
    segment: z.string(),
    owner: z.string().nullable(),
    dueOn: z.string(),
    priority: z.string(),
    reason: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
    members: z.number().int(),
    status: z.string(),
    createdAt: z.date(),
    doneAt: z.date().nullable(),
    doneBy: z.string().nullable(),
  })
  .meta({ id: "Campaign", description: "A task for a group of customers (a playbook's segment)" });

export const taskBoardPageSchema = z
  .object({
    items: z.array(taskSchema),
    total: z
      .number()
      .int()
      .describe("Every task the filters select (and the reader may see), over all pages"),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "TaskBoardPage" });

const careTaskSchema = z
  .object({ id: z.number().int(), status: z.string(), owner: z.string().nullable(), dueOn: z.string() })
  .meta({ id: "CareTask" });

export const careCalendarResultSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    festivals: z.array(
      z.object({
        code: z.string(),
        on: z.string(),
        tasks: z
          .object({ open: z.number().int(), done: z.number().int() })
          .describe("The festival's care tasks of the customers in scope"),
      }),
    ),
    birthdays: z.array(
      z.object({
        customerCode: z.string(),
        customerName: z.string().nullable(),
        owner: z.string().nullable(),
        occasion: z.enum(["birthday", "lunar_birthday"]),
        on: z.string().describe("The solar day it is kept on"),
        lunar: z
          .object({
            year: z.number().int(),
            month: z.number().int(),
            day: z.number().int(),
            leap: z.boolean(),
          })
          .nullable()
          .describe("The lunar date kept, for a lunar birthday"),
        task: careTaskSchema.nullable().describe("Its care task; null when none was generated (yet)"),
      }),
    ),
  })
  .meta({ id: "CareCalendar", description: "Care occasions in a window and the tasks they have" });

export const taskListSchema = z
  .object({
    tasks: z.array(taskSchema),
    campaigns: z.array(campaignSchema),
    limit: z.number().int().describe("The most either list may hold: a list this long may have more"),
  })
  .meta({ id: "TaskList" });

export const taskOrCampaignSchema = z
  .object({ task: taskSchema.optional(), campaign: campaignSchema.optional() })
  .meta({ id: "TaskOrCampaign", description: "A task or a campaign (they share ids): one of the two" });

export const completedSchema = taskOrCampaignSchema
  .extend({ alreadyDone: z.boolean() })
  .meta({ id: "CompletedTask" });

const taskCountsShape = {
  overdue: z.number(),
  dueToday: z.number(),
  dueThisWeek: z.number().describe("Due after today, up to Sunday"),
};

const ownerDaySchema = z
  .object({
    owner: z.string(),
    name: z.string().nullable(),
    tasks: z.object(taskCountsShape),
    byKind: z.array(z.object({ kind: z.string(), ...taskCountsShape })),
    uncontacted: z
      .array(z.object({ days: z.number(), customers: z.number() }))
      .describe("Customers whose last interaction (or registration, without one) is at least `days` old"),
    newChurnWarnings: z.number().describe("Customers warned in the latest run and not in the run before"),
  })
  .meta({
    id: "OwnerDay",
    description: "One owner's open tasks this week, silent customers and new warnings",
  });

export const myDaySchema = z
  .object({
    today: z.string(),
    weekEnd: z.string(),
    mine: ownerDaySchema.nullable().describe("Null for a reader who owns no customers (the local operator)"),
    care: z.array(taskSchema).describe("The reader's open care tasks due in the next 30 days"),
    churnWarnings: z.object({
      total: z.number(),
      customers: z.array(
        z.object({
          code: z.string(),
          name: z.string().nullable(),
          owner: z.string().nullable(),
          level: z.string(),
          risk: z.number().nullable(),
          reasons: z.array(z.string()),
        }),
      ),
    }),
    team: z.array(ownerDaySchema).nullable().describe("Per owner the reader sees, when more than their own"),
  })
  .meta({ id: "MyDay", description: "工作台: the reader's day and, for managers, their team's" });
