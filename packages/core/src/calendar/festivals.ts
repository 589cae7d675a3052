/**
 * Festival dates. 元旦 and 国庆 are fixed solar dates; 春节, 元宵, 端午 and 中秋 are fixed lunar
 * dates (正月初一, 正月十五, 五月初五, 八月十五) and move in the solar calendar from year to year.
 * A lunar festival of year Y always falls in the solar year Y (春节 between January 21 and
 * February 20), so one year number names both.
 */
import { FESTIVALS, type FestivalCode, isFestivalCode } from "./codes.ts";
import { dayNumber, daysFromCivil, type IsoDate, isoDate, yearOfDay } from "./dates.ts";
import { CalendarError } from "./errors.ts";
import { lunarAnniversaryDay, outOfRange } from "./lunar.ts";

interface FestivalRule {
  readonly calendar: "solar" | "lunar";
  readonly month: number;
  readonly day: number;
}

const RULES: Record<FestivalCode, FestivalRule> = {
  new_year: { calendar: "solar", month: 1, day: 1 },
  spring_festival: { calendar: "lunar", month: 1, day: 1 },
  lantern: { calendar: "lunar", month: 1, day: 15 },
  dragon_boat: { calendar: "lunar", month: 5, day: 5 },
  mid_autumn: { calendar: "lunar", month: 8, day: 15 },
  national_day: { calendar: "solar", month: 10, day: 1 },
};

/** An occasion on a date: a festival, or (see birthdays.ts) a customer's birthday. */
export interface Occasion {
  readonly code: FestivalCode | "birthday" | "lunar_birthday";
  readonly on: IsoDate;
  /**
   * The year the occasion belongs to, which names it in task keys: the solar year, except for
   * a lunar birthday, which belongs to its lunar year (one kept in January 2027 may be that of
   * the lunar year 2026).
   */
  readonly year: number;
}

/** An occasion with its day number, for the window arithmetic of this folder and the strategies. */
export interface DatedOccasion extends Occasion {
  readonly day: number;
}

function checkCode(code: string): asserts code is FestivalCode {
  if (!isFestivalCode(code)) {
    throw new CalendarError("CALENDAR_UNKNOWN_FESTIVAL", { code: String(code), codes: FESTIVALS.join(", ") });
  }
}

/** Day number of a festival in a year; `NaN` for a lunar festival outside the supported range. */
export function festivalDay(code: FestivalCode, year: number): number {
  checkCode(code);
  const rule = RULES[code];
  return rule.calendar === "solar"
    ? daysFromCivil(year, rule.month, rule.day)
    : lunarAnniversaryDay(year, rule.month, rule.day, false);
}

/** The date of a festival in a year: `festivalDate("mid_autumn", 2026)` is "2026-09-25". */
export function festivalDate(code: FestivalCode, year: number): IsoDate {
  const day = festivalDay(code, year);
  if (Number.isNaN(day)) {
    throw outOfRange(year);
  }
  return isoDate(day);
}

/**
 * The festivals among `codes` (default all) from day `fromDay` to day `toDay` (day numbers,
 * both included), in date order.
 */
export function festivalsInDays(
  fromDay: number,
  toDay: number,
  codes: readonly FestivalCode[] = FESTIVALS,
): DatedOccasion[] {
  const out: DatedOccasion[] = [];
  const firstYear = yearOfDay(fromDay);
  const lastYear = yearOfDay(toDay);
  for (const code of codes) {
    for (let year = firstYear; year <= lastYear; year++) {
      const day = festivalDay(code, year);
      if (day >= fromDay && day <= toDay) out.push({ code, on: isoDate(day), year, day });
    }
  }
  return out.sort((a, b) => a.day - b.day);
}

/** The festivals among `codes` (default all) from `from` to `to` (both included), in date order. */
export function festivalsBetween(
  from: IsoDate,
  to: IsoDate,
  codes: readonly FestivalCode[] = FESTIVALS,
): Occasion[] {
  return festivalsInDays(dayNumber(from), dayNumber(to), codes).map(({ code, on, year }) => ({
    code,
    on,
    year,
  }));
}
