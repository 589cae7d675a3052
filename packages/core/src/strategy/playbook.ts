/**
 * A strategy playbook says what the company does for each grade (or RFM segment, or lifecycle
 * stage): the service level, how often someone gets in touch and how, who owns the work, what
 * care the customer receives and which task rules apply. Like a grading scheme it is data,
 * written as JSON or YAML, versioned and edited by the people who run sales and service; this
 * module defines its shape and checks a document against it, reporting every problem with its
 * place in the document in the user's language.
 *
 * The idea is the classic one of 客户分级管理: spend attention where the value is. The few top
 * customers get a named manager, frequent visits and generous care; the broad middle gets regular
 * calls and festival greetings; the tail gets the team pool and automated reminders. Some rules
 * hold for everyone a company deals with: overdue invoices are collected and complaints past their
 * deadline are escalated, whatever the grade.
 */

import { z } from "zod";
import { FESTIVALS, type FestivalCode } from "../calendar/codes.ts";
import { zodIssueTexts } from "../i18n/document-issues.ts";
import type { Message } from "../i18n/i18n.ts";
import { LIFECYCLE_STAGES, RFM_SEGMENTS } from "../segments/codes.ts";
import {
  ASSIGNMENT_METHODS,
  type AssignmentMethod,
  CONTACT_CHANNELS,
  type ContactChannel,
  OWNER_RULES,
  type OwnerRule,
  REVIEW_PERIODS,
  type ReviewPeriod,
  SERVICE_LEVELS,
  type ServiceLevel,
  TASK_PRIORITIES,
  type TaskPriority,
} from "./codes.ts";
import { type PlaybookIssue, playbookIssueText, StrategyError } from "./errors.ts";
import { isProblemKey } from "./messages.ts";

/** Contact on a cadence: a contact is due once the last one is `everyDays` days old. */
export interface ContactCadence {
  readonly channel: ContactChannel;
  readonly everyDays: number;
}

/** Care on occasions: a task `daysAhead` days before each birthday and listed festival. */
export interface CareRule {
  readonly birthday: boolean;
  readonly festivals: readonly FestivalCode[];
  /** How many days before the occasion the task appears (0–60). */
  readonly daysAhead: number;
}

/**
 * A campaign for the individuals (B2C customers) of one grade, segment or stage: one task per
 * period for the whole group, carrying the list of its customers (to export into the shop's or
 * WeChat's mass-messaging tool), instead of a task per person. A consumer is not visited every
 * month nor given an account review; a company with ten thousand of them would drown in tasks.
 */
export interface CampaignRule {
  readonly channel: ContactChannel;
  /** One campaign per calendar period; due on its last day. */
  readonly every: ReviewPeriod;
  /** Who runs it (a user name, e.g. the marketing lead); default the team pool. */
  readonly owner?: string;
}

/**
 * How the tasks of customers without an owner are shared out, instead of all landing in the team
 * pool. The customers without an owner are taken in id order and dealt out in turn (round robin)
 * to the people who can take them: the sales users (role `sales`) of `team`, or of every team
 * when no team is named. With `by: "region"`, a customer whose region (province) is listed in
 * `regions` is dealt out among the sales users of the team named there; other customers as by
 * round robin. Without anyone to take them, tasks stay in the pool.
 */
export interface UnownedAssignment {
  readonly by: AssignmentMethod;
  readonly team?: string;
  /** Region → the team that serves it (by region). */
  readonly regions?: Readonly<Record<string, string>>;
}

/** What the company does for the customers of one grade (segment, stage). */
export interface PlaybookRule {
  /** A service level code, or the company's own wording in both languages. */
  readonly serviceLevel: ServiceLevel | Message;
  /** The least priority of this grade's tasks; a task that is urgent by nature is raised above it. Default normal. */
  readonly priority: TaskPriority;
  /** Regular contact, or null for none. Default null. */
  readonly contact: ContactCadence | null;
  /** Who gets the tasks. Default keep. */
  readonly ownerRule: OwnerRule;
  /** Care budget per customer and year, in yuan; shared out over the care occasions. */
  readonly careBudget?: number;
  /** Default: no care. */
  readonly care: CareRule;
  /** Win-back tasks when the customer is slipping away (or falls from this grade). Default false. */
  readonly winBack: boolean;
  /** Reminder tasks for overdue invoices. Default false. */
  readonly collection: boolean;
  /** Days past due before the first reminder; a reliable payer gets a grace period. Default 0. */
  readonly collectionGraceDays: number;
  /** A follow-up within 48 hours of an NPS answer of 0–6. Default false. */
  readonly detractorFollowUp: boolean;
  /** Escalation of complaints still open past their deadline. Default true: no grade may leave a complaint unanswered. */
  readonly complaintEscalation: boolean;
  /** A periodic review of the account (plan, decision chain, share of wallet). */
  readonly keyAccountReview?: { readonly every: ReviewPeriod };
  /**
   * Individuals of this grade are reached by a segment campaign: they get no cadence contact, no
   * key-account review and no festival care task of their own (the campaign greets them), but
   * keep the tasks their own events call for (birthday, win-back, collection, follow-ups).
   * Organisations of the grade are served as before.
   */
  readonly campaign?: CampaignRule;
}

/** What a playbook's rules are keyed by: the grades of a grading scheme, RFM segments or lifecycle stages. */
export type PlaybookBasis =
  | { readonly kind: "grade"; readonly scheme: string }
  | { readonly kind: "rfm_segment" }
  | { readonly kind: "lifecycle_stage" };

export interface Playbook {
  /** Stable name, lower-case letters, digits and underscores (`value`, `key_account`). */
  readonly name: string;
  /** Bumped on every change; tasks record the version that made them. */
  readonly version: number;
  readonly title: Message;
  readonly description?: Message;
  readonly basis: PlaybookBasis;
  /** The rule of each code (grade, segment, stage). */
  readonly rules: Readonly<Record<string, PlaybookRule>>;
  /** The rule of codes not listed; without it those customers get no tasks from this playbook. */
  readonly default?: PlaybookRule;
  /**
   * Who gets the tasks of customers without an owner, for rules whose `ownerRule` is keep or
   * named_manager (`pool` rules keep the pool). Without it those tasks wait in the team pool.
   */
  readonly assignUnowned?: UnownedAssignment;
}

const message = z.strictObject({ "zh-CN": z.string().trim().min(1), en: z.string().trim().min(1) });

const ruleSchema = z
  .strictObject({
    serviceLevel: z.union([z.enum(SERVICE_LEVELS), message], { error: "strategy.problem.service_level" }),
    priority: z.enum(TASK_PRIORITIES).default("normal"),
    contact: z
      .strictObject({ channel: z.enum(CONTACT_CHANNELS), everyDays: z.int().positive().max(3660) })
      .nullable()
      .default(null),
    ownerRule: z.enum(OWNER_RULES).default("keep"),
    careBudget: z.number().nonnegative().optional(),
    care: z
      .strictObject({
        birthday: z.boolean().default(false),
        festivals: z.array(z.enum(FESTIVALS)).default([]),
        daysAhead: z.int().min(0).max(60).default(7),
      })
      .default({ birthday: false, festivals: [], daysAhead: 7 }),
    winBack: z.boolean().default(false),
    collection: z.boolean().default(false),
    collectionGraceDays: z.int().min(0).max(365).default(0),
    detractorFollowUp: z.boolean().default(false),
    complaintEscalation: z.boolean().default(true),
    keyAccountReview: z.strictObject({ every: z.enum(REVIEW_PERIODS) }).optional(),
    campaign: z
      .strictObject({
        channel: z.enum(CONTACT_CHANNELS),
        every: z.enum(REVIEW_PERIODS),
        owner: z.string().trim().min(1).optional(),
      })
      .optional(),
  })
  .superRefine((rule, context) => {
    const seen = new Set<string>();
    rule.care.festivals.forEach((festival, index) => {
      if (seen.has(festival)) {
        context.addIssue({
          code: "custom",
          path: ["care", "festivals", index],
          message: "strategy.problem.duplicate_festival",
          params: { festival },
        });
      }
      seen.add(festival);
    });
  });

const basisSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("grade"), scheme: z.string().trim().min(1) }),
  z.strictObject({ kind: z.literal("rfm_segment") }),
  z.strictObject({ kind: z.literal("lifecycle_stage") }),
]);

/** The codes a basis defines itself; grade codes belong to the grading scheme and are checked by the engine. */
const BASIS_CODES: Partial<Record<PlaybookBasis["kind"], readonly string[]>> = {
  rfm_segment: RFM_SEGMENTS,
  lifecycle_stage: LIFECYCLE_STAGES,
};

const playbookSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, "strategy.problem.name_format"),
    version: z.int().positive(),
    title: message,
    description: message.optional(),
    basis: basisSchema,
    rules: z.record(z.string().trim().min(1), ruleSchema),
    default: ruleSchema.optional(),
    assignUnowned: z
      .strictObject({
        by: z.enum(ASSIGNMENT_METHODS),
        team: z.string().trim().min(1).optional(),
        regions: z.record(z.string().trim().min(1), z.string().trim().min(1)).optional(),
      })
      .optional(),
  })
  .superRefine((playbook, context) => {
    const assignment = playbook.assignUnowned;
    if (assignment?.by === "region" && Object.keys(assignment.regions ?? {}).length === 0) {
      context.addIssue({
        code: "custom",
        path: ["assignUnowned", "regions"],
        message: "strategy.problem.regions_required",
      });
    }
    const codes = BASIS_CODES[playbook.basis.kind];
    if (!codes) return;
    for (const code of Object.keys(playbook.rules)) {
      if (!codes.includes(code)) {
        context.addIssue({
          code: "custom",
          path: ["rules", code],
          message: "strategy.problem.unknown_code",
          params: { basis: playbook.basis.kind, code, codes: codes.join(", ") },
        });
      }
    }
  });

/**
 * Checks a playbook document (parsed JSON or YAML) and returns it typed, with the defaults filled
 * in. Throws a StrategyError STRATEGY_INVALID_PLAYBOOK whose message lists every problem as
 * "path: problem" in the reader's locale (`rules.A.contact.everyDays：应为数字`), and whose
 * `issues` hold them one by one.
 */
export function parsePlaybook(input: unknown): Playbook {
  const result = playbookSchema.safeParse(input, { reportInput: true });
  if (result.success) {
    const playbook: Playbook = result.data;
    return playbook;
  }
  const issues = result.error.issues.flatMap(describeIssue);
  throw new StrategyError("STRATEGY_INVALID_PLAYBOOK", { issues: issues.map(playbookIssueText) }, issues);
}

/** The rule that applies to a customer with `code`; `undefined` when the customer has no code or no rule applies. */
export function ruleFor(playbook: Playbook, code: string | null | undefined): PlaybookRule | undefined {
  if (code === null || code === undefined) return undefined;
  return Object.hasOwn(playbook.rules, code) ? playbook.rules[code] : playbook.default;
}

function describeIssue(issue: z.core.$ZodIssue): PlaybookIssue[] {
  return zodIssueTexts(issue, isProblemKey);
}
