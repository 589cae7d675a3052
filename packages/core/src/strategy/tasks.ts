/**
 * Task generation: from the customers' grades, the playbooks and what happened lately (overdue
 * invoices, NPS answers, open complaints), the tasks that are due as of a date.
 *
 * Generation is pure and idempotent: the same input gives the same tasks, and every task carries
 * an occasion key (see keys.ts) that the database keeps unique per customer, so running it daily
 * over overlapping windows never duplicates a task nor recreates one that was done.
 *
 * It is written for a million customers in well under a second: festival dates, review periods
 * and the reasons they produce are worked out once per rule, each distinct birthday is converted
 * once (BirthdayFinder), and invoices, answers and complaints are grouped by customer up front, so
 * the loop over customers does no calendar work and allocates little besides the tasks.
 */
import { BirthdayFinder } from "../calendar/birthdays.ts";
import { type IsoDate, isoDate, parseDay } from "../calendar/dates.ts";
import { type DatedOccasion, festivalsInDays } from "../calendar/festivals.ts";
import { WARNING_LEVELS, type WarningLevel } from "../segments/codes.ts";
import type { Column } from "../segments/types.ts";
import { type ReasonCode, TASK_KINDS, type TaskKind, type TaskPriority } from "./codes.ts";
import { checkLength, invalidInput, invalidOption } from "./errors.ts";
import {
  cadenceKey,
  careKey,
  collectionKey,
  detractorKey,
  escalationKey,
  reviewKey,
  winBackKey,
} from "./keys.ts";
import { agingBucket, agingBucketStart, reviewPeriodOf } from "./periods.ts";
import { type Playbook, type PlaybookRule, ruleFor } from "./playbook.ts";

/**
 * The customers as columns: index i is the same customer in every column. Dates are
 * "YYYY-MM-DD"; `null` (or `NaN` in number columns) means unknown or none.
 */
export interface TaskCustomers {
  readonly ids: ArrayLike<number>;
  /** The customer's owner (user name); null when nobody owns the customer. */
  readonly owner: ArrayLike<string | null>;
  /** The last interaction of any kind with the customer; null when there was none. */
  readonly lastInteractionOn: ArrayLike<string | null>;
  /** The last purchase; null when the customer never bought. Anchors win-back occasions. */
  readonly lastPurchaseOn: ArrayLike<string | null>;
  /** As recorded; for a lunar birthday, the solar date of birth. Absent: no birthday care. */
  readonly birthday?: ArrayLike<string | null>;
  /** True when the customer keeps the birthday by the lunar calendar; null counts as solar. */
  readonly birthdayLunar?: ArrayLike<boolean | null>;
  /** Probability alive (BG/NBD). */
  readonly pAlive?: Column;
  /** Churn risk 0..1, shown in win-back reasons. */
  readonly churnRisk?: Column;
  /** The churn warning level of the analysis run. */
  readonly churnWarning?: ArrayLike<WarningLevel | null>;
  /** Churn reason codes (`complaints`, `detractor` …) of the analysis run. */
  readonly churnReasons?: ArrayLike<readonly string[] | null>;
}

/** A playbook and each customer's code in its basis (grade, RFM segment or lifecycle stage). */
export interface PlaybookAssignment {
  readonly playbook: Playbook;
  /** The customer's code; null for customers the basis does not cover (no tasks from this playbook). */
  readonly codes: ArrayLike<string | null>;
  /**
   * The top grade the customer fell from since the previous grading run (the engine decides which
   * grades are top), null otherwise. A fall triggers a win-back when the rule of the grade fallen
   * from enables win-back.
   */
  readonly droppedFrom?: ArrayLike<string | null>;
}

/** An invoice past its due date with money still open. */
export interface OverdueInvoice {
  readonly customerId: number;
  /** The invoice's external id, as people know it. */
  readonly invoiceId: string;
  readonly dueOn: IsoDate;
  readonly openAmount: number;
}

/** A recent NPS answer not yet followed up. */
export interface SurveyAnswer {
  readonly customerId: number;
  readonly answerId: string | number;
  readonly answeredOn: IsoDate;
  /** 0..10; `NaN` when the answer has no NPS score. */
  readonly nps: number;
}

/** A complaint not yet resolved. */
export interface OpenComplaint {
  readonly customerId: number;
  readonly interactionId: string | number;
  /** ISO 8601 time or Date. */
  readonly occurredAt: string | Date;
  /** Hours the complaint may stay open. Default 48. */
  readonly dueHours?: number;
}

export interface TaskInput {
  readonly customers: TaskCustomers;
  readonly playbooks: readonly PlaybookAssignment[];
  readonly overdueInvoices?: readonly OverdueInvoice[];
  readonly surveyAnswers?: readonly SurveyAnswer[];
  readonly openComplaints?: readonly OpenComplaint[];
}

export interface TaskOptions {
  /** The date tasks are generated for ("today"). */
  readonly asOf: IsoDate;
  /** The time complaint deadlines are checked against; default the end of the as-of day (UTC). */
  readonly now?: string | Date;
  /** Generate only these kinds; default all. */
  readonly kinds?: readonly TaskKind[];
  /** The churn warning level from which a win-back is due. Default "warning". */
  readonly winBackLevel?: WarningLevel;
  /**
   * A win-back is due when P(alive) is below this. Default 0.3, the level below which the
   * behaviour status calls a buyer churned.
   */
  readonly winBackPAlive?: number;
}

/** Why a task exists: a reason code and its params, rendered by `reasonText`. */
export interface TaskReason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A task to insert unless its (customer, occasion key) exists. */
export interface TaskCandidate {
  readonly kind: TaskKind;
  readonly customerId: number;
  /** Who does it; null for the team pool. */
  readonly owner: string | null;
  /** The rule wants a named account manager and the customer has none: assign one. */
  readonly needsOwner: boolean;
  readonly dueOn: IsoDate;
  /** Identifies the occasion; unique per customer (keys.ts). */
  readonly occasionKey: string;
  readonly reason: TaskReason;
  readonly priority: TaskPriority;
  /** The playbook whose rule made the task, and its version. */
  readonly playbook: string;
  readonly playbookVersion: number;
  /** The customer's code in the playbook's basis (grade, segment or stage). */
  readonly grade: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** NPS answers of 0–6 are detractors (Reichheld). */
const DETRACTOR_MAX = 6;
const DEFAULT_COMPLAINT_HOURS = 48;
/** A detractor is called back within 48 hours of the answer. */
const DETRACTOR_FOLLOW_UP_DAYS = 2;

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const LEVEL_RANK: Record<WarningLevel, number> = { none: 0, watch: 1, warning: 2, critical: 3 };

/**
 * The task's priority: the more urgent of the rule's priority (the grade's importance) and the
 * occasion's own urgency (an escalated complaint is urgent for any grade).
 */
function priorityOf(rule: TaskPriority, occasion: TaskPriority): TaskPriority {
  return PRIORITY_RANK[occasion] < PRIORITY_RANK[rule] ? occasion : rule;
}

/** Collection grows firmer with age: ordinary reminders up to 60 days, then high, then urgent past 90. */
const BUCKET_PRIORITY = { "1-30": "normal", "31-60": "normal", "61-90": "high", "90+": "urgent" } as const;

interface Template {
  readonly key: string;
  readonly dueOn: IsoDate;
  readonly reason: TaskReason;
  readonly priority: TaskPriority;
}

interface Settings {
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
function reason(code: ReasonCode, params: Record<string, string | number>): TaskReason {
  return { code, params };
}

/** "YYYY-MM-DD" of day numbers, each formatted once: a million tasks fall on a few hundred days. */
class DayText {
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
class RulePlan {
  readonly careUntil: number;
  readonly festivalTasks: readonly Template[];
  readonly review: Template | undefined;
  private readonly budget: number | undefined;
  private readonly birthdayTasks = new Map<DatedOccasion, Template>();
  /** Cadence tasks by the last contact's date, null when not due: customers share those dates. */
  private readonly cadenceTasks = new Map<string | null, Template | null>();

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

  /** The cadence task of a customer last contacted on `last` (null: never), if due; `i` names the row of a bad date. */
  cadenceTask(last: string | null, i: number): Template | undefined {
    let task = this.cadenceTasks.get(last);
    if (task === undefined) {
      task = cadenceTask(this.rule, last, i, this.settings) ?? null;
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
class PlaybookPlan {
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

/** An overdue invoice, a detractor's answer or an overdue complaint, with what its task needs. */
interface PreparedEvent {
  readonly kind: "collection" | "detractor_follow_up" | "complaint_escalation";
  readonly key: string;
  readonly reason: TaskReason;
  /** The occasion's own urgency; the rule's priority may raise it. */
  readonly priority: TaskPriority;
  /** Day number the task falls due; for collection, the day the invoice entered its bucket. */
  readonly dueDay: number;
  /** Collection: days past due, and the first day past due of the bucket (for the rule's grace). */
  readonly daysOverdue: number;
  readonly bucketStart: number;
}

type CustomerEvents = PreparedEvent[];

function isId(value: unknown): value is string | number {
  return (
    (typeof value === "string" && value.trim() !== "") ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

function dateAt(path: string, value: unknown): number {
  const day = typeof value === "string" ? parseDay(value) : Number.NaN;
  if (Number.isNaN(day)) throw invalidInput(path, value, "strategy.expected.date");
  return day;
}

function timeAt(path: string, value: unknown): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw invalidInput(path, value, "strategy.expected.timestamp");
  return ms;
}

function eventsOf(byCustomer: Map<number, CustomerEvents>, customerId: number): CustomerEvents {
  let events = byCustomer.get(customerId);
  if (!events) {
    events = [];
    byCustomer.set(customerId, events);
  }
  return events;
}

/**
 * Invoices, answers and complaints that call for a task as of the day, checked, with their keys
 * and reasons, grouped by customer. Rows that call for nothing (not yet overdue, nothing open, a
 * passive NPS answer, a complaint within its deadline) are left out here.
 */
function prepareEvents(input: TaskInput, settings: Settings): Map<number, CustomerEvents> {
  const byCustomer = new Map<number, CustomerEvents>();
  const { asOfDay, kinds } = settings;
  if (kinds.has("collection")) {
    (input.overdueInvoices ?? []).forEach((row, index) => {
      const at = `overdueInvoices[${index}]`;
      if (!isId(row.invoiceId)) throw invalidInput(`${at}.invoiceId`, row.invoiceId, "strategy.expected.id");
      const dueDay = dateAt(`${at}.dueOn`, row.dueOn);
      if (typeof row.openAmount !== "number" || !Number.isFinite(row.openAmount)) {
        throw invalidInput(`${at}.openAmount`, row.openAmount, "strategy.expected.amount");
      }
      const daysOverdue = asOfDay - dueDay;
      const bucket = agingBucket(daysOverdue);
      if (!bucket || !(row.openAmount > 0)) return;
      const bucketStart = agingBucketStart(bucket);
      eventsOf(byCustomer, row.customerId).push({
        kind: "collection",
        key: collectionKey(row.invoiceId, bucket),
        dueDay: dueDay + bucketStart,
        daysOverdue,
        bucketStart,
        reason: reason("collection_overdue", {
          invoice: row.invoiceId,
          bucket,
          amount: row.openAmount,
          dueOn: row.dueOn,
          days: daysOverdue,
        }),
        priority: BUCKET_PRIORITY[bucket],
      });
    });
  }
  if (kinds.has("detractor_follow_up")) {
    (input.surveyAnswers ?? []).forEach((row, index) => {
      const at = `surveyAnswers[${index}]`;
      if (!isId(row.answerId)) throw invalidInput(`${at}.answerId`, row.answerId, "strategy.expected.id");
      const answeredDay = dateAt(`${at}.answeredOn`, row.answeredOn);
      const nps = row.nps;
      if (typeof nps !== "number" || !(Number.isNaN(nps) || (nps >= 0 && nps <= 10))) {
        throw invalidInput(`${at}.nps`, nps, "strategy.expected.nps");
      }
      if (!(nps <= DETRACTOR_MAX) || answeredDay > asOfDay) return;
      eventsOf(byCustomer, row.customerId).push({
        kind: "detractor_follow_up",
        key: detractorKey(row.answerId),
        dueDay: answeredDay + DETRACTOR_FOLLOW_UP_DAYS,
        reason: reason("detractor", { nps, answeredOn: row.answeredOn }),
        priority: "high",
        daysOverdue: 0,
        bucketStart: 0,
      });
    });
  }
  if (kinds.has("complaint_escalation")) {
    (input.openComplaints ?? []).forEach((row, index) => {
      const at = `openComplaints[${index}]`;
      if (!isId(row.interactionId)) {
        throw invalidInput(`${at}.interactionId`, row.interactionId, "strategy.expected.id");
      }
      const occurredMs = timeAt(`${at}.occurredAt`, row.occurredAt);
      const dueHours = row.dueHours ?? DEFAULT_COMPLAINT_HOURS;
      if (typeof dueHours !== "number" || !(dueHours > 0 && Number.isFinite(dueHours))) {
        throw invalidInput(`${at}.dueHours`, dueHours, "strategy.expected.hours");
      }
      if (!(occurredMs + dueHours * HOUR_MS < settings.nowMs)) return;
      eventsOf(byCustomer, row.customerId).push({
        kind: "complaint_escalation",
        key: escalationKey(row.interactionId),
        dueDay: asOfDay,
        reason: reason("complaint_overdue", {
          dueHours,
          occurredOn: new Date(occurredMs).toISOString().slice(0, 10),
        }),
        priority: "urgent",
        daysOverdue: 0,
        bucketStart: 0,
      });
    });
  }
  return byCustomer;
}

/** Each customer's events by the customer's index: `list[slots[i] - 1]`, slot 0 for none. */
interface EventSlots {
  readonly slots: Int32Array;
  readonly list: readonly CustomerEvents[];
}

/**
 * Places the events of each customer id at the customer's index, so that the loop over a million
 * customers reads an array instead of hashing every id. Ids in ascending order (as the database
 * returns them ordered by id) are found by binary search; otherwise an index of all ids is built.
 */
function eventsByCustomerIndex(ids: ArrayLike<number>, byId: Map<number, CustomerEvents>): EventSlots {
  const slots = new Int32Array(ids.length);
  const list: CustomerEvents[] = [];
  if (byId.size === 0) return { slots, list };
  const indexOf = isAscending(ids) ? (id: number) => binarySearch(ids, id) : indexMap(ids);
  for (const [id, events] of byId) {
    const index = indexOf(id);
    if (index < 0) continue;
    list.push(events);
    slots[index] = list.length;
  }
  return { slots, list };
}

function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1]! < values[i]!)) return false;
  return true;
}

function binarySearch(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle]!;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function indexMap(ids: ArrayLike<number>): (id: number) => number {
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  return (id) => index.get(id) ?? -1;
}

function readSettings(input: TaskInput, options: TaskOptions): Settings {
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

function checkColumns(input: TaskInput): number {
  const { customers } = input;
  const n = customers.ids.length;
  const columns: Record<string, ArrayLike<unknown> | undefined> = { ...customers };
  for (const [name, column] of Object.entries(columns)) {
    if (column !== undefined) checkLength(`customers.${name}`, column.length, n);
  }
  input.playbooks.forEach(({ codes, droppedFrom }, index) => {
    checkLength(`playbooks[${index}].codes`, codes.length, n);
    if (droppedFrom) checkLength(`playbooks[${index}].droppedFrom`, droppedFrom.length, n);
  });
  return n;
}

/** Blank owners in exported data mean nobody. */
function ownerOf(value: string | null | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/**
 * The tasks due as of `options.asOf`, customer by customer in input order, for the rule each
 * customer's code selects in each playbook:
 *
 * - care: a birthday (solar or lunar) or listed festival from the as-of day to `daysAhead` days
 *   after it; due on the eve of the occasion.
 * - cadence: the last interaction is at least `everyDays` old, or there never was one; due when
 *   the cadence ran out (the as-of day for a customer never contacted).
 * - key_account_review: once per review period; due on its last day.
 * - win_back: the churn warning level is at least `winBackLevel`, or P(alive) is below
 *   `winBackPAlive` (for rules with `winBack`), or the customer fell from a grade whose rule has
 *   `winBack`; due on the as-of day.
 * - collection: an invoice overdue by more than the rule's grace days; one task per aging bucket,
 *   due the day it entered the bucket (or the grace ran out).
 * - detractor_follow_up: an NPS answer of 0–6; due 2 days (48 hours) after the answer.
 * - complaint_escalation: a complaint open past its deadline at `options.now`; due on the as-of day.
 *
 * Tasks go to the owner the rule names (`ownerRule`). When several playbooks ask for the same
 * occasion of a customer, the most urgent task is kept (the first playbook's on a tie). Rows of
 * invoices, answers and complaints whose customer is not among `customers` are ignored.
 */
export function generateTasks(input: TaskInput, options: TaskOptions): TaskCandidate[] {
  const settings = readSettings(input, options);
  const n = checkColumns(input);
  const { asOfDay, kinds } = settings;
  const { customers } = input;
  const plans = input.playbooks.map((assignment) => new PlaybookPlan(assignment, settings));
  const events = eventsByCustomerIndex(customers.ids, prepareEvents(input, settings));
  const finder = new BirthdayFinder(asOfDay, asOfDay + settings.maxDaysAhead);
  const wantCare = kinds.has("care");
  const wantCadence = kinds.has("cadence");
  const wantReview = kinds.has("key_account_review");
  const wantWinBack = kinds.has("win_back");
  const sink = new TaskSink();

  for (let i = 0; i < n; i++) {
    sink.customerId = customers.ids[i]!;
    sink.owner = ownerOf(customers.owner[i]);
    const slot = events.slots[i]!;
    const customerEvents = slot > 0 ? events.list[slot - 1] : undefined;
    const start = sink.tasks.length;

    for (const plan of plans) {
      const code = plan.assignment.codes[i] ?? null;
      const rulePlan = plan.planFor(code);
      const dropped = wantWinBack ? (plan.assignment.droppedFrom?.[i] ?? null) : null;
      if (!rulePlan && dropped === null) continue;
      sink.grade = code ?? "";

      if (rulePlan) {
        const { rule } = rulePlan;
        if (wantCare) {
          const birthday = rule.care.birthday ? customers.birthday?.[i] : undefined;
          if (birthday !== null && birthday !== undefined) {
            const found = finder.find(birthday, customers.birthdayLunar?.[i] === true);
            if (found === undefined)
              throw invalidInput(`customers.birthday[${i}]`, birthday, "strategy.expected.date");
            for (const occasion of found) {
              if (occasion.day <= rulePlan.careUntil)
                sink.emit(rulePlan, "care", rulePlan.birthdayTask(occasion));
            }
          }
          for (const task of rulePlan.festivalTasks) sink.emit(rulePlan, "care", task);
        }
        if (wantCadence && rule.contact) {
          const task = rulePlan.cadenceTask(customers.lastInteractionOn[i] ?? null, i);
          if (task) sink.emit(rulePlan, "cadence", task);
        }
        if (wantReview && rulePlan.review) sink.emit(rulePlan, "key_account_review", rulePlan.review);
      }

      if (wantWinBack) {
        addWinBack(sink, plan, rulePlan, code, dropped, customers, i, settings);
      }

      if (rulePlan && customerEvents) eventTasks(rulePlan, customerEvents, sink, settings.dayText);
    }
    if (plans.length > 1 && sink.tasks.length - start > 1) keepOnePerOccasion(sink.tasks, start);
  }
  return sink.tasks;
}

/** Collects the tasks; holds the customer being worked on so that emitting needs no closure per customer. */
class TaskSink {
  readonly tasks: TaskCandidate[] = [];
  customerId = 0;
  owner: string | null = null;
  grade = "";

  emit(plan: RulePlan, kind: TaskKind, task: Template): void {
    this.add(plan, kind, task.key, task.dueOn, task.reason, task.priority);
  }

  add(
    plan: RulePlan,
    kind: TaskKind,
    key: string,
    dueOn: IsoDate,
    reason: TaskReason,
    priority: TaskPriority,
  ): void {
    const ownerRule = plan.rule.ownerRule;
    this.tasks.push({
      kind,
      customerId: this.customerId,
      owner: ownerRule === "pool" ? null : this.owner,
      needsOwner: ownerRule === "named_manager" && this.owner === null,
      dueOn,
      occasionKey: key,
      reason,
      priority,
      playbook: plan.playbook.name,
      playbookVersion: plan.playbook.version,
      grade: this.grade,
    });
  }
}

/** Collection, detractor follow-up and complaint escalation, as far as the rule enables them. */
function eventTasks(plan: RulePlan, events: CustomerEvents, sink: TaskSink, dayText: DayText): void {
  const { rule } = plan;
  for (const event of events) {
    let dueDay = event.dueDay;
    if (event.kind === "collection") {
      const grace = rule.collectionGraceDays;
      if (!rule.collection || event.daysOverdue <= grace) continue;
      // Past a grace period the reminder falls due when the grace runs out, not when the bucket began.
      dueDay += Math.max(0, grace + 1 - event.bucketStart);
    } else if (event.kind === "detractor_follow_up" ? !rule.detractorFollowUp : !rule.complaintEscalation) {
      continue;
    }
    sink.add(
      plan,
      event.kind,
      event.key,
      dayText.of(dueDay),
      event.reason,
      priorityOf(rule.priority, event.priority),
    );
  }
}

/** A contact is due once the last one is `everyDays` old; a customer never contacted is due now. */
function cadenceTask(
  rule: PlaybookRule,
  last: string | null,
  i: number,
  settings: Settings,
): Template | undefined {
  const { asOfDay, dayText } = settings;
  const contact = rule.contact!;
  const priority = priorityOf(rule.priority, "low");
  if (last === null) {
    return {
      key: cadenceKey(null),
      dueOn: settings.asOf,
      reason: reason("cadence_never", { channel: contact.channel, everyDays: contact.everyDays }),
      priority,
    };
  }
  const lastDay = dateAt(`customers.lastInteractionOn[${i}]`, last);
  const days = asOfDay - lastDay;
  if (days < contact.everyDays) return undefined;
  return {
    key: cadenceKey(last),
    dueOn: dayText.of(lastDay + contact.everyDays),
    reason: reason("cadence_due", { channel: contact.channel, everyDays: contact.everyDays, last, days }),
    priority,
  };
}

/**
 * A win-back, checked in this order: the warning level reaches `winBackLevel`; the customer fell
 * from a grade whose rule wants win-backs (the task follows that rule: it goes to whoever owned
 * the account at that grade); P(alive) is below `winBackPAlive`. One reason is given, the first
 * that applies; all share the customer's win-back key.
 */
function addWinBack(
  sink: TaskSink,
  plan: PlaybookPlan,
  rulePlan: RulePlan | undefined,
  code: string | null,
  droppedFrom: string | null,
  customers: TaskCustomers,
  i: number,
  settings: Settings,
): void {
  const winsBack = rulePlan?.rule.winBack === true;
  if (!winsBack && droppedFrom === null) return;
  let target: RulePlan | undefined;
  let why: TaskReason | undefined;
  let urgency: TaskPriority = "normal";
  if (winsBack) {
    const level = customers.churnWarning?.[i] ?? null;
    const rank = level === null ? 0 : LEVEL_RANK[level];
    if (rank === undefined) {
      throw invalidInput(`customers.churnWarning[${i}]`, level, "strategy.expected.one_of", {
        values: WARNING_LEVELS.join(", "),
      });
    }
    if (level !== null && rank >= settings.winBackRank) {
      const params: Record<string, string | number> = { level };
      const risk = customers.churnRisk?.[i];
      if (risk !== undefined && !Number.isNaN(risk)) params.risk = risk;
      const reasons = customers.churnReasons?.[i];
      if (reasons && reasons.length > 0) params.reasons = reasons.join(",");
      target = rulePlan;
      why = reason("win_back_risk", params);
      if (level === "critical") urgency = "high";
    }
  }
  if (!why && droppedFrom !== null && droppedFrom !== code) {
    const fromPlan = plan.planFor(droppedFrom);
    if (fromPlan?.rule.winBack) {
      target = fromPlan;
      why = reason("win_back_drop", { from: droppedFrom, to: code ?? "" });
      urgency = "high";
    }
  }
  if (!why && winsBack) {
    const pAlive = customers.pAlive?.[i];
    if (pAlive !== undefined && pAlive < settings.winBackPAlive) {
      target = rulePlan;
      why = reason("win_back_p_alive", { pAlive });
    }
  }
  if (!why || !target) return;
  const lastPurchase = customers.lastPurchaseOn[i] ?? null;
  if (lastPurchase !== null) dateAt(`customers.lastPurchaseOn[${i}]`, lastPurchase);
  sink.add(
    target,
    "win_back",
    winBackKey(lastPurchase),
    settings.asOf,
    why,
    priorityOf(target.rule.priority, urgency),
  );
}

/**
 * Of tasks of one customer with the same occasion key (from several playbooks), keeps the most
 * urgent. A customer has a handful of tasks, so a scan beats a hash map here.
 */
function keepOnePerOccasion(out: TaskCandidate[], start: number): void {
  let write = start;
  for (let read = start; read < out.length; read++) {
    const task = out[read]!;
    let at = start;
    while (at < write && out[at]!.occasionKey !== task.occasionKey) at++;
    if (at === write) out[write++] = task;
    else if (PRIORITY_RANK[task.priority] < PRIORITY_RANK[out[at]!.priority]) out[at] = task;
  }
  out.length = write;
}
