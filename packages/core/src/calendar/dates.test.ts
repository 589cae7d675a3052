import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayNumber, daysBetween, isIsoDate, isoDate, parseDay } from "./dates.ts";
import { isCalendarError } from "./errors.ts";

describe("dates", () => {
  it("numbers days from 1970-01-01", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(dayNumber("2000-03-01")).toBe(11017);
    expect(isoDate(11017)).toBe("2000-03-01");
  });

  it("agrees with Date for every day of years 0100–9999", () => {
    const min = Date.UTC(100, 0, 1) / 86_400_000;
    const max = Date.UTC(9999, 11, 31) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min, max }), (day) => {
        const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(isoDate(day)).toBe(text);
        expect(parseDay(text)).toBe(day);
      }),
    );
  });

  it("rejects strings that are not real days", () => {
    for (const text of [
      "2026-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-1-01",
      "2026/01/01",
      "",
    ]) {
      expect(parseDay(text)).toBeNaN();
      expect(isIsoDate(text)).toBe(false);
    }
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(() => dayNumber("2026-02-30")).toThrow(expect.objectContaining({ code: "CALENDAR_INVALID_DATE" }));
    const error = (() => {
      try {
        dayNumber("31.12.2026");
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(isCalendarError(error, "CALENDAR_INVALID_DATE")).toBe(true);
    expect((error as Error).message).toContain("31.12.2026");
  });

  it("adds days across months, leap days and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2024-03-01", "2024-02-01")).toBe(-29);
  });
});
