/**
 * Overdue invoices, survey answers (NPS or satisfaction) and open complaints: checked, turned into the occasions they are
 * (with keys and reasons), and placed at their customers' indexes for the loop over customers.
 */
import { isLowSatisfaction } from "../segments/satisfaction.ts";
import type { TaskPriority } from "./codes.ts";
import { checkedDay, invalidInput } from "./errors.ts";
import { collectionKey, detractorKey, escalationKey } from "./keys.ts";
import { agingBucket, agingBucketStart } from "./periods.ts";
import { reason, type Settings } from "./plans.ts";
import type { TaskInput, TaskReason } from "./types.ts";

const HOUR_MS = 3_600_000;
/** NPS answers of 0–6 are detractors (Reichheld). */
const DETRACTOR_MAX = 6;
const DEFAULT_COMPLAINT_HOURS = 48;
/** A detractor is called back within 48 hours of the answer. */
const DETRACTOR_FOLLOW_UP_DAYS = 2;

/** Collection grows firmer with age: ordinary reminders up to 60 days, then high, then urgent past 90. */
const BUCKET_PRIORITY = { "1-30": "normal", "31-60": "normal", "61-90": "high", "90+": "urgent" } as const;

/** An overdue invoice, a detractor's answer or an overdue complaint, with what its task needs. */
export interface PreparedEvent {
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

export type CustomerEvents = PreparedEvent[];

function isId(value: unknown): value is string | number {
  return (
    (typeof value === "string" && value.trim() !== "") ||
    (typeof value === "number" && Number.isFinite(value))
  );
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
export function prepareEvents(input: TaskInput, settings: Settings): Map<number, CustomerEvents> {
  const byCustomer = new Map<number, CustomerEvents>();
  const { asOfDay, kinds } = settings;
  if (kinds.has("collection")) {
    (input.overdueInvoices ?? []).forEach((row, index) => {
      const at = `overdueInvoices[${index}]`;
      if (!isId(row.invoiceId)) throw invalidInput(`${at}.invoiceId`, row.invoiceId, "strategy.expected.id");
      const dueDay = checkedDay(`${at}.dueOn`, row.dueOn);
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
      const answeredDay = checkedDay(`${at}.answeredOn`, row.answeredOn);
      const nps = row.nps;
      if (typeof nps !== "number" || !(Number.isNaN(nps) || (nps >= 0 && nps <= 10))) {
        throw invalidInput(`${at}.nps`, nps, "strategy.expected.nps");
      }
      const satisfaction = row.satisfaction ?? Number.NaN;
      if (
        typeof satisfaction !== "number" ||
        !(Number.isNaN(satisfaction) || (satisfaction >= 1 && satisfaction <= 5))
      ) {
        throw invalidInput(`${at}.satisfaction`, satisfaction, "strategy.expected.satisfaction");
      }
      // A low satisfaction score (1–2 of 5) is followed up like a detractor: surveys that ask only
      // "how satisfied were you" must not leave an unhappy customer unanswered. The NPS answer,
      // where there is one that calls for it, names the reason.
      const detractor = nps <= DETRACTOR_MAX;
      if (!(detractor || isLowSatisfaction(satisfaction)) || answeredDay > asOfDay) return;
      eventsOf(byCustomer, row.customerId).push({
        kind: "detractor_follow_up",
        key: detractorKey(row.answerId),
        dueDay: answeredDay + DETRACTOR_FOLLOW_UP_DAYS,
        reason: detractor
          ? reason("detractor", { nps, answeredOn: row.answeredOn })
          : reason("low_satisfaction", { satisfaction, answeredOn: row.answeredOn }),
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
export interface EventSlots {
  readonly slots: Int32Array;
  readonly list: readonly CustomerEvents[];
}

/**
 * Places the events of each customer id at the customer's index, so that the loop over a million
 * customers reads an array instead of hashing every id. Ids in ascending order (as the database
 * returns them ordered by id) are found by binary search; otherwise an index of all ids is built.
 */
export function eventsByCustomerIndex(ids: ArrayLike<number>, byId: Map<number, CustomerEvents>): EventSlots {
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
