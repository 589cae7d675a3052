import { describe, expect, it } from "vitest";
import { BirthdayFinder, birthdayOn, birthdaysBetween } from "./birthdays.ts";
import { dayNumber } from "./dates.ts";

describe("birthdayOn", () => {
  it("keeps a solar birthday on its month and day, February 29 on February 28 in common years", () => {
    expect(birthdayOn("1985-07-04", false, 2026)).toBe("2026-07-04");
    expect(birthdayOn("2000-02-29", false, 2025)).toBe("2025-02-28");
    expect(birthdayOn("2000-02-29", false, 2028)).toBe("2028-02-29");
    expect(birthdayOn("2000-02-29", false, 2100)).toBe("2100-02-28");
  });

  it("keeps a lunar birthday on the same lunar day each year", () => {
    // Born on 春节 1990 (1990-01-27) and on 中秋 1990 (1990-10-03): the festival dates of each year.
    expect([2025, 2026, 2027].map((year) => birthdayOn("1990-01-27", true, year))).toEqual([
      "2025-01-29",
      "2026-02-17",
      "2027-02-06",
    ]);
    expect([2025, 2026, 2027].map((year) => birthdayOn("1990-10-03", true, year))).toEqual([
      "2025-10-06",
      "2026-09-25",
      "2027-09-15",
    ]);
  });

  it("keeps a leap-month birthday in the leap month when the year has it, else in the ordinary month", () => {
    // 2023-03-22 is 闰二月初一. 2025 has no leap second month: 二月初一 is 2025-02-28 (the day
    // before 龙抬头, 2025-03-01); 2042 has 闰二月 again.
    expect(birthdayOn("2023-03-22", true, 2023)).toBe("2023-03-22");
    expect(birthdayOn("2023-03-22", true, 2025)).toBe("2025-02-28");
    expect(birthdayOn("2023-03-22", true, 2042)).toBe("2042-03-22");
    // Born in the ordinary 二月初一 of 2023 (2023-02-20): the ordinary month, even in 2042.
    expect(birthdayOn("2023-02-20", true, 2042)).toBe("2042-02-20");
  });

  it("keeps a lunar 30th on the 29th in years whose month is short", () => {
    // 2025-02-27 is 正月三十 (正月 of 2025 has 30 days; 二月初一 is 2025-02-28). 正月 of 2026 and
    // 2027 has 30 days again: 春节 + 29. 正月 of 2030 has 29: 正月廿九 = 春节 2030 (02-03) + 28.
    expect(birthdayOn("2025-02-27", true, 2026)).toBe("2026-03-18");
    expect(birthdayOn("2025-02-27", true, 2027)).toBe("2027-03-07");
    expect(birthdayOn("2025-02-27", true, 2030)).toBe("2030-03-03");
  });

  it("refuses dates that are not dates, and lunar birthdays before 1900", () => {
    expect(() => birthdayOn("1990-02-30", false, 2026)).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_DATE" }),
    );
    expect(() => birthdayOn("1850-05-05", true, 2026)).toThrow(
      expect.objectContaining({ code: "CALENDAR_OUT_OF_RANGE" }),
    );
  });
});

describe("birthdaysBetween", () => {
  it("finds a lunar birthday twice in one solar year, or not at all", () => {
    // 2026-01-10 is the lunar 2025-11-22; the lunar year 2026 has 354 days, so 11-22 comes back on 2026-12-30.
    expect(birthdaysBetween("2026-01-10", true, "2026-01-01", "2026-12-31")).toEqual([
      { code: "lunar_birthday", on: "2026-01-10", year: 2025 },
      { code: "lunar_birthday", on: "2026-12-30", year: 2026 },
    ]);
    // 2024-12-13 is the lunar 2024-11-13: the next one is 2026-01-01, so 2025 has none.
    expect(birthdaysBetween("2024-12-13", true, "2025-01-01", "2025-12-31")).toEqual([]);
    expect(birthdaysBetween("2024-12-13", true, "2025-12-01", "2026-01-01")).toEqual([
      { code: "lunar_birthday", on: "2026-01-01", year: 2025 },
    ]);
  });

  it("finds solar birthdays across a year end, both ends included", () => {
    expect(birthdaysBetween("1980-01-02", false, "2026-12-25", "2027-01-02")).toEqual([
      { code: "birthday", on: "2027-01-02", year: 2027 },
    ]);
    expect(birthdaysBetween("1980-12-25", false, "2026-12-25", "2027-01-02")).toEqual([
      { code: "birthday", on: "2026-12-25", year: 2026 },
    ]);
    expect(birthdaysBetween("1980-12-24", false, "2026-12-25", "2027-01-02")).toEqual([]);
  });
});

describe("BirthdayFinder", () => {
  it("answers like birthdaysBetween and reuses the answer for the same birthday", () => {
    const finder = new BirthdayFinder(dayNumber("2026-02-10"), dayNumber("2026-02-20"));
    const first = finder.find("1990-01-27", true);
    expect(first).toEqual([
      { code: "lunar_birthday", on: "2026-02-17", year: 2026, day: dayNumber("2026-02-17") },
    ]);
    expect(finder.find("1990-01-27", true)).toBe(first);
    expect(finder.find("1990-01-27", false)).toEqual([]);
    expect(finder.find("1990-02-31", false)).toBeUndefined();
    expect(finder.find("1850-01-01", true)).toEqual([]);
  });
});
