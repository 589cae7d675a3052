import { describe, expect, it } from "vitest";
import { FESTIVALS } from "./codes.ts";
import { festivalDate, festivalsBetween } from "./festivals.ts";

describe("festivals", () => {
  // Published dates (国务院办公厅 holiday notices and any printed calendar).
  const known: Record<(typeof FESTIVALS)[number], [string, string, string]> = {
    new_year: ["2025-01-01", "2026-01-01", "2027-01-01"],
    spring_festival: ["2025-01-29", "2026-02-17", "2027-02-06"],
    lantern: ["2025-02-12", "2026-03-03", "2027-02-20"],
    dragon_boat: ["2025-05-31", "2026-06-19", "2027-06-09"],
    mid_autumn: ["2025-10-06", "2026-09-25", "2027-09-15"],
    national_day: ["2025-10-01", "2026-10-01", "2027-10-01"],
  };

  it.each(FESTIVALS)("dates %s in 2025–2027", (code) => {
    expect([2025, 2026, 2027].map((year) => festivalDate(code, year))).toEqual(known[code]);
  });

  it("lists festivals in a window in date order, both ends included", () => {
    expect(festivalsBetween("2025-12-31", "2026-03-03")).toEqual([
      { code: "new_year", on: "2026-01-01", year: 2026 },
      { code: "spring_festival", on: "2026-02-17", year: 2026 },
      { code: "lantern", on: "2026-03-03", year: 2026 },
    ]);
    expect(festivalsBetween("2026-09-26", "2026-09-30")).toEqual([]);
    expect(festivalsBetween("2026-09-25", "2027-01-01", ["mid_autumn", "new_year"])).toEqual([
      { code: "mid_autumn", on: "2026-09-25", year: 2026 },
      { code: "new_year", on: "2027-01-01", year: 2027 },
    ]);
  });

  it("names unknown codes", () => {
    expect(() => festivalDate("qixi" as never, 2026)).toThrow(
      expect.objectContaining({
        code: "CALENDAR_UNKNOWN_FESTIVAL",
        params: expect.objectContaining({ code: "qixi" }),
      }),
    );
  });
});
