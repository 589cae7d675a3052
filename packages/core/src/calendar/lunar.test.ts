import fc from "fast-check";
import { SolarDay } from "tyme4ts";
import { describe, expect, it } from "vitest";
import { errorText } from "../errors/custra-error.ts";
import { dayNumber, isoDate } from "./dates.ts";
import type { CalendarError } from "./errors.ts";
import { leapMonthOf, lunarAnniversaryDay, lunarMonthDays, lunarToSolar, solarToLunar } from "./lunar.ts";

describe("lunar calendar", () => {
  it("converts known dates", () => {
    // 1990-01-27 was 春节 (正月初一) of 庚午年; 2023-03-22 the first day of 癸卯年's leap second month.
    expect(solarToLunar("1990-01-27")).toEqual({ year: 1990, month: 1, day: 1, leap: false });
    expect(solarToLunar("1990-01-26")).toEqual({ year: 1989, month: 12, day: 30, leap: false });
    expect(solarToLunar("2023-03-22")).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar("2023-02-20")).toEqual({ year: 2023, month: 2, day: 1, leap: false });
    expect(lunarToSolar({ year: 2026, month: 8, day: 15, leap: false })).toBe("2026-09-25");
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe("2025-07-25");
  });

  it("agrees with tyme4ts's own day-by-day conversion from 1900 to 2100", () => {
    const min = dayNumber("1900-01-01");
    const max = dayNumber("2100-12-31");
    fc.assert(
      fc.property(fc.integer({ min, max }), (day) => {
        const [y, m, d] = isoDate(day).split("-").map(Number) as [number, number, number];
        const reference = SolarDay.fromYmd(y, m, d).getLunarDay();
        const lunar = solarToLunar(isoDate(day));
        expect(lunar).toEqual({
          year: reference.getYear(),
          month: Math.abs(reference.getMonth()),
          day: reference.getDay(),
          leap: reference.getMonth() < 0,
        });
        expect(lunarToSolar(lunar)).toBe(isoDate(day));
      }),
      { numRuns: 300 },
    );
  });

  it("knows leap months and month lengths", () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2026)).toBe(0);
    expect(lunarMonthDays(2025, 1)).toBe(30);
    expect(lunarMonthDays(2025, 6, true)).toBe(29);
    expect(lunarMonthDays(2026, 6, true)).toBe(0);
  });

  it("refuses lunar days that do not exist and dates out of range", () => {
    expect(() => lunarToSolar({ year: 2025, month: 2, day: 30, leap: false })).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_LUNAR_DATE" }),
    );
    const leap = (() => {
      try {
        return lunarToSolar({ year: 2026, month: 6, day: 1, leap: true });
      } catch (error) {
        return errorText(error as CalendarError, "zh-CN");
      }
    })();
    expect(leap).toMatch(/闰6月1日/);
    expect(() => solarToLunar("1899-12-31")).toThrow(
      expect.objectContaining({ code: "CALENDAR_OUT_OF_RANGE" }),
    );
    expect(() => solarToLunar("2026-02-30")).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_DATE" }),
    );
    expect(lunarAnniversaryDay(1800, 1, 1, false)).toBeNaN();
  });
});
