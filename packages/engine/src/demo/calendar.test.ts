import { describe, expect, it } from "vitest";
import {
  DayLabels,
  demand,
  isoDay,
  parseIsoDay,
  SeasonalClock,
  springFestival,
  timestamp,
} from "./calendar.ts";
import { code, csvField, money } from "./csv.ts";

describe("calendar", () => {
  it("parses real dates only", () => {
    expect(isoDay(parseIsoDay("2024-02-29")!)).toBe("2024-02-29");
    expect(parseIsoDay("2023-02-29")).toBeUndefined();
    expect(parseIsoDay("2023-1-5")).toBeUndefined();
    expect(
      new DayLabels(parseIsoDay("2024-12-30")!, parseIsoDay("2025-01-02")!).of(parseIsoDay("2025-01-01")!),
    ).toBe("2025-01-01");
  });

  it("formats UTC timestamps", () => {
    expect(timestamp("2025-01-02", 3_600 + 61)).toBe("2025-01-02T01:01:01Z");
  });

  it("knows 春节 and makes the week of it quiet and 双十一 busy", () => {
    expect(isoDay(springFestival(2025))).toBe("2025-01-29");
    expect(demand(springFestival(2025) + 1, "consumer")).toBeLessThan(0.5);
    expect(demand(parseIsoDay("2024-11-11")!, "consumer")).toBeGreaterThan(3);
    expect(demand(parseIsoDay("2024-11-09")!, "business")).toBeLessThan(0.5); // a Saturday
  });

  it("maps operational time back to calendar days", () => {
    const first = parseIsoDay("2024-01-01")!;
    const clock = new SeasonalClock(first, first + 365, () => 1);
    expect(clock.total).toBeCloseTo(366 / 365.25, 6);
    expect(clock.dayAt(0)).toBe(0);
    expect(clock.dayAt(clock.endOf(10))).toBe(10);
    expect(clock.dayAt(clock.endOf(10) + 1e-9)).toBe(11);
    expect(clock.dayAt(clock.total + 1e-9)).toBe(-1);
  });
});

describe("csv", () => {
  it("quotes only what needs quoting", () => {
    expect(csvField("杭州")).toBe("杭州");
    expect(csvField('["VIP","华东"]')).toBe('"[""VIP"",""华东""]"');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("a\nb")).toBe('"a\nb"');
  });

  it("writes money from cents and fixed-width codes", () => {
    expect(money(123450)).toBe("1234.50");
    expect(money(5)).toBe("0.05");
    expect(money(0)).toBe("0.00");
    expect(money(-1999)).toBe("-19.99");
    expect(code("C", 42, 7)).toBe("C0000042");
  });
});
