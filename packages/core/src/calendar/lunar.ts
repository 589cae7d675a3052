/**
 * The Chinese lunisolar calendar (农历). Conversions come from tyme4ts, which computes new moons
 * and solar terms with 寿星天文历 (sxwnl) and agrees with the calendar the Purple Mountain
 * Observatory publishes. tyme4ts is slow per call (about 25 µs lunar → solar and 150 µs solar →
 * lunar here), far too slow for a million birthdays, so each lunar year is read from it once into
 * a table of its months (first day, length, leap or not) and every conversion after that is a
 * lookup in the table.
 *
 * A lunar month number is 1–12 with `leap: true` for the intercalary month (闰月) that follows
 * the month of the same number; tyme4ts writes leap months as negative numbers instead.
 */
import { LunarYear } from "tyme4ts";
import { text } from "../errors/text.ts";
import { civilFromDays, daysFromCivil, type IsoDate, isoDate, parseDay } from "./dates.ts";
import { CalendarError } from "./errors.ts";
import { registerCalendarMessages } from "./messages.ts";

registerCalendarMessages();

export interface LunarDate {
  /** The lunar year, named by the solar year its first day (春节) falls in. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** True in the leap month (闰月) that follows month `month`. */
  readonly leap: boolean;
}

/**
 * Solar dates the lunar calendar is converted for. Customer birthdays and task windows lie well
 * inside; dates outside are taken for bad data rather than extrapolated astronomy.
 */
export const LUNAR_SUPPORTED_RANGE = { from: "1900-01-01", to: "2100-12-31" } as const;
const FIRST_DAY = daysFromCivil(1900, 1, 1);
const LAST_DAY = daysFromCivil(2100, 12, 31);
/** 1900-01-01 is in the lunar year 1899; the lunar year 2100 ends in January 2101. */
const FIRST_YEAR = 1899;
const LAST_YEAR = 2100;

interface MonthSpan {
  readonly month: number;
  readonly leap: boolean;
  /** Day number of the month's first day. */
  readonly firstDay: number;
  readonly days: number;
}

const years = new Map<number, readonly MonthSpan[]>();

/** The error for a date or year the lunar calendar is not converted for. */
export function outOfRange(value: string | number): CalendarError {
  return new CalendarError("CALENDAR_OUT_OF_RANGE", {
    value,
    min: LUNAR_SUPPORTED_RANGE.from,
    max: LUNAR_SUPPORTED_RANGE.to,
  });
}

/** The months of a lunar year in order (12, or 13 with a leap month); read once, then cached. */
function monthsOf(year: number): readonly MonthSpan[] {
  let months = years.get(year);
  if (months) return months;
  if (!(Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR)) throw outOfRange(year);
  months = LunarYear.fromYear(year)
    .getMonths()
    .map((month) => {
      const first = month.getFirstJulianDay().getSolarDay();
      return {
        month: Math.abs(month.getMonthWithLeap()),
        leap: month.isLeap(),
        firstDay: daysFromCivil(first.getYear(), first.getMonth(), first.getDay()),
        days: month.getDayCount(),
      };
    });
  years.set(year, months);
  return months;
}

function findMonth(year: number, month: number, leap: boolean): MonthSpan | undefined {
  return monthsOf(year).find((span) => span.month === month && span.leap === leap);
}

/** The lunar date of a day number, or `undefined` outside the supported range. */
export function lunarOfDay(dayNumber: number): LunarDate | undefined {
  if (!(dayNumber >= FIRST_DAY && dayNumber <= LAST_DAY)) return undefined;
  const solarYear = civilFromDays(dayNumber).year;
  // A solar year holds the end of one lunar year (January, early February) and the start of the next.
  let year = solarYear;
  let months = monthsOf(year);
  if (dayNumber < months[0]!.firstDay) {
    year -= 1;
    months = monthsOf(year);
  }
  let span = months[0]!;
  for (const candidate of months) {
    if (candidate.firstDay > dayNumber) break;
    span = candidate;
  }
  return { year, month: span.month, day: dayNumber - span.firstDay + 1, leap: span.leap };
}

/** The lunar date of a solar date: `solarToLunar("1990-01-27")` is the lunar 1990-01-01 (春节). */
export function solarToLunar(date: IsoDate): LunarDate {
  const day = parseDay(date);
  if (Number.isNaN(day)) throw new CalendarError("CALENDAR_INVALID_DATE", { value: String(date) });
  const lunar = lunarOfDay(day);
  if (!lunar) throw outOfRange(date);
  return lunar;
}

/** The solar date of an exact lunar date; throws CALENDAR_INVALID_LUNAR_DATE when the day does not exist. */
export function lunarToSolar(date: LunarDate): IsoDate {
  const span = findMonth(date.year, date.month, date.leap);
  if (!span || !Number.isInteger(date.day) || date.day < 1 || date.day > span.days) {
    throw new CalendarError("CALENDAR_INVALID_LUNAR_DATE", {
      year: date.year,
      month: date.month,
      day: date.day,
      leap: date.leap ? text("calendar.leap") : "",
    });
  }
  return isoDate(span.firstDay + date.day - 1);
}

/** The leap month of a lunar year (闰几月), 0 when it has none. */
export function leapMonthOf(year: number): number {
  return monthsOf(year).find((span) => span.leap)?.month ?? 0;
}

/** Days (29 or 30) of a lunar month; 0 when the year has no such month (a leap month it lacks). */
export function lunarMonthDays(year: number, month: number, leap = false): number {
  return findMonth(year, month, leap)?.days ?? 0;
}

/**
 * The day number on which lunar month-day (`month`, `day`, `leap`) is kept in lunar year `year`,
 * the way Chinese families keep a lunar birthday:
 *
 * - born in a leap month: kept in that leap month in years that have it, otherwise in the
 *   ordinary month of the same number (闰月生日，无闰之年在本月过);
 * - born in an ordinary month: always kept in the ordinary month, even in a year that also has
 *   a leap month of that number;
 * - born on the 30th: in a year whose month has only 29 days, kept on the 29th, the month's last
 *   day (大月三十生日，小月在廿九过), rather than moved into the next month.
 *
 * `NaN` when `year` is outside the supported range.
 */
export function lunarAnniversaryDay(year: number, month: number, day: number, leap: boolean): number {
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) return Number.NaN;
  const span = (leap ? findMonth(year, month, true) : undefined) ?? findMonth(year, month, false);
  if (!span) return Number.NaN;
  return span.firstDay + Math.min(day, span.days) - 1;
}
