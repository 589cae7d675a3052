/**
 * Calendar dates as "YYYY-MM-DD" strings, the form the database returns for DATE columns and the
 * form people read. A date is a day of the calendar, not an instant: no time zone shifts it.
 *
 * Arithmetic runs on day numbers (days since 1970-01-01, as `monthOfDay` in the segments uses),
 * computed with Howard Hinnant's civil-date algorithms ("chrono-Compatible Low-Level Date
 * Algorithms") rather than `Date`, so that a million dates parse without allocating and years
 * before 100 are not read as 19xx.
 */
import { CalendarError } from "./errors.ts";

/** A calendar date written "YYYY-MM-DD" (proleptic Gregorian). */
export type IsoDate = string;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Day number (days since 1970-01-01) of a civil date; the date is not checked. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date of a day number. */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

const ZERO = 48;

function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - ZERO;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/**
 * The day number of a "YYYY-MM-DD" string, or `NaN` when it is not one (wrong shape, month 13,
 * February 30). For hot loops over customer columns; `dayNumber` throws instead.
 */
export function parseDay(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/** True for a "YYYY-MM-DD" string naming a real day. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === "string" && !Number.isNaN(parseDay(value));
}

/** The day number of a date; throws CALENDAR_INVALID_DATE for anything else. */
export function dayNumber(date: IsoDate): number {
  const day = typeof date === "string" ? parseDay(date) : Number.NaN;
  if (Number.isNaN(day)) throw new CalendarError("CALENDAR_INVALID_DATE", { value: String(date) });
  return day;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** "YYYY-MM-DD" of a day number. */
export function isoDate(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDate(dayNumber(date) + days);
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The year of a day number. */
export function yearOfDay(dayNumber: number): number {
  return civilFromDays(dayNumber).year;
}
