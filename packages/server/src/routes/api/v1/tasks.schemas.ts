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
