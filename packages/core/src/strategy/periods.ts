/**
 * Aging buckets of overdue invoices and the calendar periods of account reviews: the two
 * pieces of date arithmetic the task rules share with reports.
 */
import { civilFromDays, daysFromCivil, daysInMonth } from "../calendar/dates.ts";
import type { AgingBucket, ReviewPeriod } from "./codes.ts";

/** First day past due of each bucket, in the order of `AGING_BUCKETS`. */
const BUCKET_STARTS: readonly (readonly [AgingBucket, number])[] = [
  ["90+", 91],
  ["61-90", 61],
  ["31-60", 31],
  ["1-30", 1],
];

/**
 * The aging bucket of an invoice `daysOverdue` days past its due date (the day after the due
 * date is day 1): 1–30, 31–60, 61–90, over 90. `undefined` when it is not overdue.
 */
export function agingBucket(daysOverdue: number): AgingBucket | undefined {
  for (const [bucket, start] of BUCKET_STARTS) if (daysOverdue >= start) return bucket;
  return undefined;
}

/** The first day past due of a bucket: 1, 31, 61 or 91. */
export function agingBucketStart(bucket: AgingBucket): number {
  return BUCKET_STARTS.find(([candidate]) => candidate === bucket)![1];
}

export interface CalendarPeriod {
  /** "2026-Q4", "2026-H2", "2026-03" or "2026". */
  readonly name: string;
  /** Day numbers of the first and the last day. */
  readonly firstDay: number;
  readonly lastDay: number;
}

/** The calendar month, quarter, half year or year a day falls in. */
export function reviewPeriodOf(every: ReviewPeriod, dayNumber: number): CalendarPeriod {
  const { year, month } = civilFromDays(dayNumber);
  const months = { month: 1, quarter: 3, half_year: 6, year: 12 }[every];
  const index = Math.floor((month - 1) / months);
  const firstMonth = index * months + 1;
  const lastMonth = firstMonth + months - 1;
  const name = {
    month: `${year}-${String(month).padStart(2, "0")}`,
    quarter: `${year}-Q${index + 1}`,
    half_year: `${year}-H${index + 1}`,
    year: String(year),
  }[every];
  return {
    name,
    firstDay: daysFromCivil(year, firstMonth, 1),
    lastDay: daysFromCivil(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}
