/**
 * When a customer's birthday is kept. A solar birthday comes once a solar year. A lunar birthday
 * comes once a lunar year, so a solar year holds it zero, one or two times: someone born on the
 * lunar 11-22 had it on 2026-01-10 (lunar year 2025) and has it again on 2026-12-30 (lunar year
 * 2026). Windows (`birthdaysBetween`) therefore work on dates, not on years.
 */
import {
  civilFromDays,
  daysFromCivil,
  type IsoDate,
  isLeapYear,
  isoDate,
  parseDay,
  yearOfDay,
} from "./dates.ts";
import { CalendarError } from "./errors.ts";
import type { DatedOccasion, Occasion } from "./festivals.ts";
import { type LunarDate, lunarAnniversaryDay, lunarOfDay, outOfRange } from "./lunar.ts";

function birthDay(birthday: IsoDate): number {
  const day = typeof birthday === "string" ? parseDay(birthday) : Number.NaN;
  if (Number.isNaN(day)) throw new CalendarError("CALENDAR_INVALID_DATE", { value: String(birthday) });
  return day;
}

/**
 * A solar birthday in a solar year. Someone born on February 29 has it on February 28 in common
 * years: the day stays in February, the month they were born in, as most people born on that day
 * choose (and as the law counts ages in many places).
 */
function solarBirthdayDay(month: number, day: number, year: number): number {
  return daysFromCivil(year, month, month === 2 && day === 29 && !isLeapYear(year) ? 28 : day);
}

/**
 * The date a birthday is kept in `year`: the solar year for a solar birthday, the lunar year for
 * a lunar one (see `lunarAnniversaryDay` for leap months and lunar 30ths). For someone born on
 * 1990-01-27 (the lunar 1990-01-01), `birthdayOn("1990-01-27", true, 2026)` is "2026-02-17".
 */
export function birthdayOn(birthday: IsoDate, lunar: boolean, year: number): IsoDate {
  const born = birthDay(birthday);
  if (!lunar) {
    const { month, day } = civilFromDays(born);
    return isoDate(solarBirthdayDay(month, day, year));
  }
  const date = lunarOfDay(born);
  if (!date) throw outOfRange(birthday);
  const day = lunarAnniversaryDay(year, date.month, date.day, date.leap);
  if (Number.isNaN(day)) throw outOfRange(year);
  return isoDate(day);
}

/** A solar birthday (month, day) kept from day `fromDay` to day `toDay` (both included), in date order. */
function solarBirthdaysInDays(
  month: number,
  dayOfMonth: number,
  fromDay: number,
  toDay: number,
): DatedOccasion[] {
  const out: DatedOccasion[] = [];
  for (let year = yearOfDay(fromDay); year <= yearOfDay(toDay); year++) {
    const day = solarBirthdayDay(month, dayOfMonth, year);
    if (day >= fromDay && day <= toDay) out.push({ code: "birthday", on: isoDate(day), year, day });
  }
  return out;
}

/** A lunar birthday (month, day, leap) kept from day `fromDay` to day `toDay`, in date order. */
function lunarBirthdaysInDays(date: LunarDate, fromDay: number, toDay: number): DatedOccasion[] {
  const out: DatedOccasion[] = [];
  // Dates of solar year Y belong to the lunar year Y − 1 (before 春节) or Y.
  for (let year = yearOfDay(fromDay) - 1; year <= yearOfDay(toDay); year++) {
    const day = lunarAnniversaryDay(year, date.month, date.day, date.leap);
    if (day >= fromDay && day <= toDay) out.push({ code: "lunar_birthday", on: isoDate(day), year, day });
  }
  return out;
}

function birthdaysInDays(born: number, lunar: boolean, fromDay: number, toDay: number): DatedOccasion[] {
  if (!lunar) {
    const { month, day } = civilFromDays(born);
    return solarBirthdaysInDays(month, day, fromDay, toDay);
  }
  const date = lunarOfDay(born);
  return date ? lunarBirthdaysInDays(date, fromDay, toDay) : [];
}

/**
 * The times a birthday is kept from `from` to `to` (both included), in date order. A lunar
 * birthday outside the range the lunar calendar is converted for has none.
 */
export function birthdaysBetween(birthday: IsoDate, lunar: boolean, from: IsoDate, to: IsoDate): Occasion[] {
  return birthdaysInDays(birthDay(birthday), lunar, birthDay(from), birthDay(to)).map(
    ({ code, on, year }) => ({
      code,
      on,
      year,
    }),
  );
}

const NONE: readonly DatedOccasion[] = Object.freeze([]);

/**
 * Birthdays in one fixed window for many customers. A million customers share at most 366 solar
 * and some 750 lunar month-days, so the occasions of each month-day are worked out once and
 * returned from a cache as the same frozen array; per customer there is only the birth date to
 * read (and, for a lunar birthday, a lookup in the lunar month table).
 */
export class BirthdayFinder {
  private readonly solar: (readonly DatedOccasion[] | undefined)[] = [];
  private readonly lunar: (readonly DatedOccasion[] | undefined)[] = [];

  constructor(
    private readonly fromDay: number,
    private readonly toDay: number,
  ) {}

  /** The birthday's occasions in the window; `undefined` when `birthday` is not a date. */
  find(birthday: string, lunar: boolean): readonly DatedOccasion[] | undefined {
    const born = parseDay(birthday);
    return Number.isNaN(born) ? undefined : this.findDay(born, lunar);
  }

  /** The occasions in the window of the birthday of one born on day number `born`. */
  findDay(born: number, lunar: boolean): readonly DatedOccasion[] {
    if (!lunar) {
      const { month, day } = civilFromDays(born);
      const key = month * 32 + day;
      let found = this.solar[key];
      if (found === undefined) {
        found = Object.freeze(solarBirthdaysInDays(month, day, this.fromDay, this.toDay));
        this.solar[key] = found;
      }
      return found;
    }
    const date = lunarOfDay(born);
    if (date === undefined) return NONE;
    const key = ((date.leap ? 13 : 0) + date.month) * 32 + date.day;
    let found = this.lunar[key];
    if (found === undefined) {
      found = Object.freeze(lunarBirthdaysInDays(date, this.fromDay, this.toDay));
      this.lunar[key] = found;
    }
    return found;
  }
}
