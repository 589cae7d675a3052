/**
 * The care calendar of a window: which festivals fall in it and which customers have a birthday
 * in it. The strategies turn these into care tasks; this listing is for calendars and reports.
 */
import { BirthdayFinder } from "./birthdays.ts";
import { FESTIVALS, type FestivalCode } from "./codes.ts";
import { dayNumber, type IsoDate } from "./dates.ts";
import { CalendarError } from "./errors.ts";
import { festivalsInDays, type Occasion } from "./festivals.ts";

/** Customers' birthdays as columns: index i is the same customer in every column. */
export interface BirthdayColumns {
  readonly ids: ArrayLike<number>;
  /** "YYYY-MM-DD" as recorded (for a lunar birthday, the solar date the customer was born on), or null. */
  readonly birthdays: ArrayLike<string | null>;
  /** True when the customer keeps the birthday by the lunar calendar; null counts as solar. */
  readonly birthdayLunar?: ArrayLike<boolean | null>;
}

export interface CareOccasionInput {
  /** First day of the window. */
  readonly from: IsoDate;
  /** Last day of the window, included. */
  readonly to: IsoDate;
  readonly customers?: BirthdayColumns;
  /** The festivals to list; default all of `FESTIVALS`. */
  readonly festivals?: readonly FestivalCode[];
}

export interface CustomerOccasion extends Occasion {
  readonly customerId: number;
}

export interface CareOccasions {
  /** Festivals in the window, in date order; they concern every customer whose playbook keeps them. */
  readonly festivals: readonly Occasion[];
  /** Customers' birthdays in the window, in date order (customer order within a day). */
  readonly birthdays: readonly CustomerOccasion[];
}

/**
 * Festivals and birthdays from `from` to `to`. A birthday that is not a date throws
 * CALENDAR_INVALID_DATE naming the value; a lunar birthday the calendar is not converted for
 * (before 1900) has no occasions.
 */
export function careOccasions(input: CareOccasionInput): CareOccasions {
  const fromDay = dayNumber(input.from);
  const toDay = dayNumber(input.to);
  const festivals = festivalsInDays(fromDay, toDay, input.festivals ?? FESTIVALS).map(
    ({ code, on, year }) => ({
      code,
      on,
      year,
    }),
  );
  const birthdays: (CustomerOccasion & { day: number })[] = [];
  const customers = input.customers;
  if (customers) {
    const finder = new BirthdayFinder(fromDay, toDay);
    const { ids, birthdays: dates, birthdayLunar } = customers;
    for (let i = 0; i < ids.length; i++) {
      const birthday = dates[i];
      if (birthday === null || birthday === undefined) continue;
      const found = finder.find(birthday, birthdayLunar?.[i] === true);
      if (found === undefined) throw new CalendarError("CALENDAR_INVALID_DATE", { value: birthday });
      for (const { code, on, year, day } of found)
        birthdays.push({ customerId: ids[i]!, code, on, year, day });
    }
  }
  // Array.prototype.sort is stable, so customers keep their order within a day.
  birthdays.sort((a, b) => a.day - b.day);
  return { festivals, birthdays: birthdays.map(({ day: _, ...occasion }) => occasion) };
}
