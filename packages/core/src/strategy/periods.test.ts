import { describe, expect, it } from "vitest";
import { dayNumber, isoDate } from "../calendar/dates.ts";
import { agingBucket, agingBucketStart, reviewPeriodOf } from "./periods.ts";

describe("agingBucket", () => {
  it("puts days past due into 1–30, 31–60, 61–90 and over 90, at the boundaries", () => {
    const days = [-5, 0, 1, 30, 31, 60, 61, 90, 91, 400];
    expect(days.map(agingBucket)).toEqual([
      undefined,
      undefined,
      "1-30",
      "1-30",
      "31-60",
      "31-60",
      "61-90",
      "61-90",
      "90+",
      "90+",
    ]);
    expect(["1-30", "31-60", "61-90", "90+"].map((bucket) => agingBucketStart(bucket as never))).toEqual([
      1, 31, 61, 91,
    ]);
  });
});

describe("reviewPeriodOf", () => {
  function period(every: Parameters<typeof reviewPeriodOf>[0], date: string) {
    const { name, firstDay, lastDay } = reviewPeriodOf(every, dayNumber(date));
    return [name, isoDate(firstDay), isoDate(lastDay)];
  }

  it("names the calendar period a day falls in, with its first and last day", () => {
    expect(period("quarter", "2026-11-15")).toEqual(["2026-Q4", "2026-10-01", "2026-12-31"]);
    expect(period("quarter", "2026-03-31")).toEqual(["2026-Q1", "2026-01-01", "2026-03-31"]);
    expect(period("half_year", "2026-07-01")).toEqual(["2026-H2", "2026-07-01", "2026-12-31"]);
    expect(period("month", "2024-02-10")).toEqual(["2024-02", "2024-02-01", "2024-02-29"]);
    expect(period("year", "2026-06-30")).toEqual(["2026", "2026-01-01", "2026-12-31"]);
  });
});
