/**
 * Occasion keys: the idempotency contract between task generation and the database.
 *
 * Every task names the occasion it is for with a key that is unique per customer, and the task
 * table enforces UNIQUE (customer_id, occasion_key). Generation may run as often as anyone likes,
 * over overlapping windows: a task whose key exists is not inserted again, whether the existing
 * one is open, done or dismissed. So the key must stay the same for as long as the occasion is the
 * same, and change when a new occasion begins:
 *
 * | kind | key | one task per |
 * |---|---|---|
 * | care | `care:birthday:2026`, `care:lunar_birthday:2025`, `care:mid_autumn:2026` | occasion and year (a lunar birthday by its lunar year, since a solar year can hold two) |
 * | cadence | `cadence:after:2026-08-01`, `cadence:after:never` | last contact: done is done until a new contact happens and ages again |
 * | win_back | `win_back:since:2026-03-15`, `win_back:since:never` | last purchase: one win-back per stretch without buying, whatever set it off (warning, P(alive), a fall from a top grade); a customer who buys again and slips again gets a new one |
 * | collection | `collection:INV-1:31-60` | invoice and aging bucket: one reminder per bucket, firmer as the invoice ages |
 * | detractor_follow_up | `detractor:<answer id>` | survey answer |
 * | complaint_escalation | `escalation:<interaction id>` | complaint |
 * | key_account_review | `review:2026-Q4`, `review:2026-H2`, `review:2026-03`, `review:2026` | review period |
 * | campaign | `campaign:value:C:2026-Q3` | playbook, grade (segment, stage) and period: the campaigns table keeps it unique |
 *
 * Keys of customers' tasks never contain the grade or the playbook: a customer whose grade
 * changes, or who is covered by two playbooks, does not get the same occasion twice. A campaign
 * belongs to no customer but to a group, so its key names the group.
 */
import type { OccasionCode } from "../calendar/codes.ts";
import type { AgingBucket } from "./codes.ts";

export function careKey(occasion: OccasionCode, year: number): string {
  return `care:${occasion}:${year}`;
}

/** `lastContact` is the "YYYY-MM-DD" of the last interaction, null when there was none. */
export function cadenceKey(lastContact: string | null): string {
  return `cadence:after:${lastContact ?? "never"}`;
}

/** `lastPurchase` is the "YYYY-MM-DD" of the last purchase, null when there was none. */
export function winBackKey(lastPurchase: string | null): string {
  return `win_back:since:${lastPurchase ?? "never"}`;
}

export function collectionKey(invoiceId: string, bucket: AgingBucket): string {
  return `collection:${invoiceId}:${bucket}`;
}

export function detractorKey(answerId: string | number): string {
  return `detractor:${answerId}`;
}

export function escalationKey(interactionId: string | number): string {
  return `escalation:${interactionId}`;
}

/** `period` as `reviewPeriodOf` names it: "2026-Q4". */
export function reviewKey(period: string): string {
  return `review:${period}`;
}

/** A segment campaign's key; `period` as `reviewPeriodOf` names it. */
export function campaignKey(playbook: string, code: string, period: string): string {
  return `campaign:${playbook}:${code}:${period}`;
}
