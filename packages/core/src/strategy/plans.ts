/**
 * Everything about a playbook rule that is the same for all its customers, worked out once per
 * generation run: festival dates in the window, review periods, the reasons and keys they produce,
 * care budgets, cadence tasks by last-contact date. The loop over customers then only picks.
 */
import { type IsoDate, isoDate, parseDay } from "../calendar/dates.ts";
import { type DatedOccasion, festivalsInDays } from "../calendar/festivals.ts";
import { WARNING_LEVELS, type WarningLevel } from "../segments/codes.ts";
import { type ReasonCode, TASK_KINDS, type TaskKind, type TaskPriority } from "./codes.ts";
import { invalidInput, invalidOption } from "./errors.ts";
import { cadenceKey, careKey, reviewKey } from "./keys.ts";
import { reviewPeriodOf } from "./periods.ts";
import { type Playbook, type PlaybookRule, ruleFor } from "./playbook.ts";
import type { PlaybookAssignment, TaskInput, TaskOptions, TaskReason } from "./types.ts";

const DAY_MS = 86_400_000;

export const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
export const LEVEL_RANK: Record<WarningLevel, number> = { none: 0, watch: 1, warning: 2, critical: 3 };

/**
 * The task's priority: the more urgent of the rule's priority (the grade's importance) and the
 * occasion's own urgency (an escalated complaint is urgent for any grade).
 */
export function priorityOf(rule: TaskPriority, occasion: TaskPriority): TaskPriority {
  return PRIORITY_RANK[occasion] < PRIORITY_RANK[rule] ? occasion : rule;
}

export interface Template {
  readonly key: string;
  readonly dueOn: IsoDate;
  readonly reason: TaskReason;
  readonly priority: TaskPriority;
}

export interface Settings {
  readonly asOfDay: number;
  readonly asOf: IsoDate;
  readonly nowMs: number;
  readonly kinds: ReadonlySet<TaskKind>;
  readonly winBackRank: number;
  readonly winBackPAlive: number;
  /** The farthest `daysAhead` of any rule: care occasions are looked up that far. */
  readonly maxDaysAhead: number;
  /** Festivals from the as-of day to `maxDaysAhead` days after it. */
  readonly festivals: readonly DatedOccasion[];
  readonly dayText: DayText;
}

/** Reasons are shared by the tasks of one occasion (every customer's 春节 care): treat them as read-only. */
export function reason(code: ReasonCode, params: Record<string, string | number>): TaskReason {
  return { code, params };
}

/** "YYYY-MM-DD" of day numbers, each formatted once: a million tasks fall on a few hundred days. */
export class DayText {
  private readonly texts = new Map<number, IsoDate>();

  of(day: number): IsoDate {
    let text = this.texts.get(day);
    if (text === undefined) {
      text = isoDate(day);
      this.texts.set(day, text);
    }
    return text;
  }
}

/** One rule of one playbook, with everything that is the same for all its customers worked out once. */
export class RulePlan {
  readonly careUntil: number;
  readonly festivalTasks: readonly Template[];
  readonly review: Template | undefined;
  private readonly budget: number | undefined;
  private readonly birthdayTasks = new Map<DatedOccasion, Template>();
  /** Cadence tasks by the last contact's day (NaN: never), null when not due: customers share those days. */
  private readonly cadenceTasks = new Map<number, Template | null>();

  constructor(
    readonly playbook: Playbook,
    readonly rule: PlaybookRule,
    private readonly settings: Settings,
  ) {
    const { care } = rule;
    this.careUntil = settings.asOfDay + care.daysAhead;
    const occasionsPerYear = (care.birthday ? 1 : 0) + care.festivals.length;
    this.budget =
      rule.careBudget !== undefined && occasionsPerYear > 0
        ? Math.round(rule.careBudget / occasionsPerYear)
        : undefined;
    const festivals = new Set<string>(care.festivals);
    this.festivalTasks = settings.festivals
      .filter((occasion) => festivals.has(occasion.code) && occasion.day <= this.careUntil)
      .map((occasion) => this.careTemplate(occasion));
    const every = rule.keyAccountReview?.every;
    if (every) {
      const period = reviewPeriodOf(every, settings.asOfDay);
      this.review = {
        key: reviewKey(period.name),
        dueOn: isoDate(period.lastDay),
        reason: reason("key_account_review", { period: period.name }),
        priority: priorityOf(rule.priority, "normal"),
      };
    }
  }

  /**
   * Care is due on the eve of the occasion, so that a gift arrives and a greeting is ready on the
   * day; the task appears `daysAhead` days before it.
   */
  private careTemplate(occasion: DatedOccasion): Template {
    const params: Record<string, string | number> = { date: occasion.on };
    if (occasion.code !== "birthday" && occasion.code !== "lunar_birthday") params.festival = occasion.code;
    if (this.budget !== undefined) params.budget = this.budget;
    const code: ReasonCode =
      occasion.code === "birthday"
        ? "care_birthday"
        : occasion.code === "lunar_birthday"
          ? "care_lunar_birthday"
          : "care_festival";
    return {
      key: careKey(occasion.code, occasion.year),
      dueOn: isoDate(occasion.day - 1),
      reason: reason(code, params),
      priority: priorityOf(this.rule.priority, "low"),
    };
  }

  /** The cadence task of a customer last contacted on day `last` (NaN: never), if due. */
  cadenceTask(last: number): Template | undefined {
    let task = this.cadenceTasks.get(last);
    if (task === undefined) {
      task = cadenceTask(this.rule, last, this.settings) ?? null;
      this.cadenceTasks.set(last, task);
    }
    return task ?? undefined;
  }

  birthdayTask(occasion: DatedOccasion): Template {
    let template = this.birthdayTasks.get(occasion);
    if (!template) {
      template = this.careTemplate(occasion);
      this.birthdayTasks.set(occasion, template);
    }
    return template;
  }
}

/** A playbook with its customers' codes and a plan per rule, made on first use. */
export class PlaybookPlan {
  private readonly plans = new Map<string, RulePlan | null>();

  constructor(
    readonly assignment: PlaybookAssignment,
    private readonly settings: Settings,
  ) {}

  planFor(code: string | null | undefined): RulePlan | undefined {
    if (code === null || code === undefined) return undefined;
    let plan = this.plans.get(code);
    if (plan === undefined) {
      const rule = ruleFor(this.assignment.playbook, code);
      plan = rule ? this.ruleOwnPlan(rule) : null;
      this.plans.set(code, plan);
    }
    return plan ?? undefined;
  }

  /** Codes that share a rule (the default rule) share its plan. */
  private readonly byRule = new Map<PlaybookRule, RulePlan>();
  private ruleOwnPlan(rule: PlaybookRule): RulePlan {
    let plan = this.byRule.get(rule);
    if (!plan) {
      plan = new RulePlan(this.assignment.playbook, rule, this.settings);
      this.byRule.set(rule, plan);
    }
    return plan;
  }
}

export function readSettings(input: TaskInput, options: TaskOptions): Settings {
  const asOfDay = typeof options.asOf === "string" ? parseDay(options.asOf) : Number.NaN;
  if (Number.isNaN(asOfDay)) throw invalidOption("asOf", options.asOf, "strategy.expected.date");
  let nowMs = (asOfDay + 1) * DAY_MS;
  if (options.now !== undefined) {
    const now = options.now;
    nowMs = now instanceof Date ? now.getTime() : typeof now === "string" ? Date.parse(now) : Number.NaN;
    if (Number.isNaN(nowMs)) throw invalidOption("now", options.now, "strategy.expected.timestamp");
  }
  for (const kind of options.kinds ?? []) {
    if (!TASK_KINDS.includes(kind)) {
      throw invalidOption("kinds", kind, "strategy.expected.one_of", { values: TASK_KINDS.join(", ") });
    }
  }
  const winBackLevel = options.winBackLevel ?? "warning";
  const levels: readonly WarningLevel[] = WARNING_LEVELS.filter((level) => level !== "none");
  if (!levels.includes(winBackLevel)) {
    throw invalidOption("winBackLevel", winBackLevel, "strategy.expected.one_of", {
      values: levels.join(", "),
    });
  }
  const winBackPAlive = options.winBackPAlive ?? 0.3;
  if (!(winBackPAlive >= 0 && winBackPAlive <= 1)) {
    throw invalidOption("winBackPAlive", winBackPAlive, "strategy.expected.range", { min: 0, max: 1 });
  }
  let maxDaysAhead = 0;
  input.playbooks.forEach(({ playbook }, index) => {
    const rules = [...Object.values(playbook?.rules ?? {}), ...(playbook?.default ? [playbook.default] : [])];
    // A document that did not go through parsePlaybook lacks the defaults the rules rely on.
    const parsed =
      typeof playbook?.name === "string" && typeof playbook.rules === "object" && playbook.rules !== null;
    if (!parsed || rules.some((rule) => typeof rule?.care?.daysAhead !== "number")) {
      throw invalidInput(`playbooks[${index}].playbook`, playbook?.name, "strategy.expected.playbook");
    }
    for (const rule of rules) maxDaysAhead = Math.max(maxDaysAhead, rule.care.daysAhead);
  });
  return {
    asOfDay,
    asOf: isoDate(asOfDay),
    nowMs,
    kinds: new Set(options.kinds ?? TASK_KINDS),
    winBackRank: LEVEL_RANK[winBackLevel],
    winBackPAlive,
    maxDaysAhead,
    festivals: festivalsInDays(asOfDay, asOfDay + maxDaysAhead),
    dayText: new DayText(),
  };
}

/** A contact is due once the last one is `everyDays` old; a customer never contacted is due now. */
function cadenceTask(rule: PlaybookRule, lastDay: number, settings: Settings): Template | undefined {
  const { asOfDay, dayText } = settings;
  const contact = rule.contact!;
  const priority = priorityOf(rule.priority, "low");
  if (Number.isNaN(lastDay)) {
    return {
      key: cadenceKey(null),
      dueOn: settings.asOf,
      reason: reason("cadence_never", { channel: contact.channel, everyDays: contact.everyDays }),
      priority,
    };
  }
  const days = asOfDay - lastDay;
  if (days < contact.everyDays) return undefined;
  const last = dayText.of(lastDay);
  return {
    key: cadenceKey(last),
    dueOn: dayText.of(lastDay + contact.everyDays),
    reason: reason("cadence_due", { channel: contact.channel, everyDays: contact.everyDays, last, days }),
    priority,
  };
}
