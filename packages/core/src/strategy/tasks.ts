/**
 * Task generation: from the customers' grades, the playbooks and what happened lately (overdue
 * invoices, NPS answers, open complaints), the tasks that are due as of a date.
 *
 * Generation is pure and idempotent: the same input gives the same tasks, and every task carries
 * an occasion key (see keys.ts) that the database keeps unique per customer, so running it daily
 * over overlapping windows never duplicates a task nor recreates one that was done.
 *
 * It is written for a million customers in under a second: festival dates, review periods
 * and the reasons they produce are worked out once per rule, each distinct birthday is converted
 * once (BirthdayFinder), and invoices, answers and complaints are grouped by customer up front, so
 * the loop over customers does no calendar work and allocates little besides the tasks.
 */
import { BirthdayFinder } from "../calendar/birthdays.ts";
import type { IsoDate } from "../calendar/dates.ts";
import { WARNING_LEVELS } from "../segments/codes.ts";
import { assignUnowned, individualFlags, ownerOf } from "./audience.ts";
import type { TaskKind, TaskPriority } from "./codes.ts";
import { checkLength, invalidInput } from "./errors.ts";
import { type CustomerEvents, eventsByCustomerIndex, prepareEvents } from "./events.ts";
import { winBackKey } from "./keys.ts";
import {
  type DayText,
  LEVEL_RANK,
  PlaybookPlan,
  PRIORITY_RANK,
  priorityOf,
  type RulePlan,
  readSettings,
  reason,
  type Settings,
  type Template,
} from "./plans.ts";
import type { TaskCandidate, TaskCustomers, TaskInput, TaskOptions, TaskReason } from "./types.ts";

const DAY_COLUMNS = ["lastInteractionDay", "lastPurchaseDay", "birthDay"] as const;

/** Checks the customer columns and the playbooks' code columns against the number of customers, which it returns. */
export function checkColumns(input: TaskInput): number {
  const { customers } = input;
  const n = customers.ids.length;
  const columns: Record<string, ArrayLike<unknown> | undefined> = { ...customers };
  for (const [name, column] of Object.entries(columns)) {
    if (column !== undefined) checkLength(`customers.${name}`, column.length, n);
  }
  for (const name of DAY_COLUMNS) {
    const days = customers[name];
    for (let i = 0; i < (days?.length ?? 0); i++) {
      const day = days![i]!;
      if (!Number.isInteger(day) && !Number.isNaN(day)) {
        throw invalidInput(`customers.${name}[${i}]`, day, "strategy.expected.day_number");
      }
    }
  }
  input.playbooks.forEach(({ codes, droppedFrom }, index) => {
    checkLength(`playbooks[${index}].codes`, codes.length, n);
    if (droppedFrom) checkLength(`playbooks[${index}].droppedFrom`, droppedFrom.length, n);
  });
  return n;
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
 * Individuals (customer type `individual`) under a rule with a `campaign` are reached by the
 * campaign (generateCampaigns): they get no cadence, key-account review or festival care here.
 *
 * Tasks go to the owner the rule names (`ownerRule`); those of customers without an owner go to
 * whom the playbook's `assignUnowned` deals them (assignUnowned), else to the team pool. When
 * several playbooks ask for the same occasion of a customer, the most urgent task is kept (the
 * first playbook's on a tie). Rows of
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
  const individual = individualFlags(customers, options);
  const assigned = plans.map((plan) =>
    assignUnowned(plan.assignment.playbook.assignUnowned, customers, input.assignees ?? []),
  );

  for (let i = 0; i < n; i++) {
    sink.customerId = customers.ids[i]!;
    sink.owner = ownerOf(customers.owner[i]);
    const slot = events.slots[i]!;
    const customerEvents = slot > 0 ? events.list[slot - 1] : undefined;
    const start = sink.tasks.length;

    for (let p = 0; p < plans.length; p++) {
      const plan = plans[p]!;
      const code = plan.assignment.codes[i] ?? null;
      const rulePlan = plan.planFor(code);
      const dropped = wantWinBack ? (plan.assignment.droppedFrom?.[i] ?? null) : null;
      if (!rulePlan && dropped === null) continue;
      sink.grade = code ?? "";
      sink.assigned = assigned[p]?.[i] ?? null;

      if (rulePlan) {
        const { rule } = rulePlan;
        // An individual is reached by the campaign of its grade, not person to person.
        const byCampaign = rule.campaign !== undefined && individual?.[i] === 1;
        if (wantCare) {
          const born = rule.care.birthday ? customers.birthDay?.[i] : undefined;
          if (born !== undefined && !Number.isNaN(born)) {
            for (const occasion of finder.findDay(born, customers.birthdayLunar?.[i] === true)) {
              if (occasion.day <= rulePlan.careUntil)
                sink.emit(rulePlan, "care", rulePlan.birthdayTask(occasion));
            }
          }
          if (!byCampaign) for (const task of rulePlan.festivalTasks) sink.emit(rulePlan, "care", task);
        }
        if (wantCadence && rule.contact && !byCampaign) {
          const task = rulePlan.cadenceTask(customers.lastInteractionDay[i]!);
          if (task) sink.emit(rulePlan, "cadence", task);
        }
        if (wantReview && rulePlan.review && !byCampaign) {
          sink.emit(rulePlan, "key_account_review", rulePlan.review);
        }
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
  /** Whom the playbook's assignUnowned gives the customer (who has no owner), if anyone. */
  assigned: string | null = null;
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
    const byRule = ownerRule !== "pool" && this.owner === null && this.assigned !== null;
    this.tasks.push({
      kind,
      customerId: this.customerId,
      owner: ownerRule === "pool" ? null : (this.owner ?? this.assigned),
      needsOwner: ownerRule === "named_manager" && this.owner === null,
      ...(byRule ? { assigned: true as const } : {}),
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
  const lastPurchase = customers.lastPurchaseDay[i]!;
  sink.add(
    target,
    "win_back",
    winBackKey(Number.isNaN(lastPurchase) ? null : settings.dayText.of(lastPurchase)),
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
