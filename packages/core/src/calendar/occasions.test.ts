import { describe, expect, it } from "vitest";
import { careOccasions } from "./occasions.ts";

describe("careOccasions", () => {
  it("lists festivals and customers' birthdays in the window in date order", () => {
    const result = careOccasions({
      from: "2026-02-10",
      to: "2026-03-03",
      customers: {
        ids: [1, 2, 3, 4, 5],
        birthdays: ["1990-01-27", "1985-02-20", null, "1990-01-27", "1985-06-01"],
        birthdayLunar: [true, false, true, false, null],
      },
      festivals: ["spring_festival", "lantern", "mid_autumn"],
    });
    expect(result.festivals).toEqual([
      { code: "spring_festival", on: "2026-02-17", year: 2026 },
      { code: "lantern", on: "2026-03-03", year: 2026 },
    ]);
    expect(result.birthdays).toEqual([
      { customerId: 1, code: "lunar_birthday", on: "2026-02-17", year: 2026 },
      { customerId: 2, code: "birthday", on: "2026-02-20", year: 2026 },
    ]);
  });

  it("names a birthday that is not a date", () => {
    expect(() =>
      careOccasions({
        from: "2026-01-01",
        to: "2026-01-31",
        customers: { ids: [1], birthdays: ["1990-13-01"] },
      }),
    ).toThrow(/1990-13-01/);
  });
});
