import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monthLabel, monthOf, monthOfDay } from "./cohorts.ts";
import { dayToIso } from "./summary.ts";

describe("month periods", () => {
  it("gives a day number the month of its calendar date", () => {
    // 1900-03-01 … 2199-12-31: leap years by the 4/100/400 rule, both sides of the epoch.
    fc.assert(
      fc.property(fc.integer({ min: -25_508, max: 84_000 }), (day) => {
        expect(monthOfDay(day)).toBe(monthOf(dayToIso(day)));
      }),
    );
  });

  it("knows month boundaries and leap days", () => {
    expect(dayToIso(0)).toBe("1970-01-01");
    expect(monthLabel(monthOfDay(Date.UTC(2024, 1, 29) / 86_400_000))).toBe("2024-02");
    expect(monthLabel(monthOfDay(Date.UTC(2024, 2, 1) / 86_400_000))).toBe("2024-03");
    expect(monthLabel(monthOfDay(Date.UTC(2000, 11, 31) / 86_400_000))).toBe("2000-12");
    expect(monthLabel(monthOfDay(Date.UTC(1969, 11, 31) / 86_400_000))).toBe("1969-12");
  });
});
