import { describe, expect, it } from "vitest";
import { monthsBetween, purchaseTimelineOption } from "./timeline-option.ts";

const texts = { t: (key: string) => key, money: (value: number) => `¥${value}` };

describe("the purchase timeline", () => {
  it("has every month from the first order to the last, across years", () => {
    expect(monthsBetween("2024-11", "2025-02")).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(monthsBetween("2025-03", "2025-03")).toEqual(["2025-03"]);
  });

  it("shows purchases above the axis, returns below it, gaps as zero, and the purchases counted", () => {
    const option = purchaseTimelineOption(
      [
        { month: "2025-01", purchases: 2, purchaseAmount: 300, returns: 0, returnAmount: 0 },
        { month: "2025-04", purchases: 1, purchaseAmount: 120, returns: 1, returnAmount: 50 },
      ],
      texts,
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(["2025-01", "2025-02", "2025-03", "2025-04"]);
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ["customer360.timeline.purchases", [300, 0, 0, 120]],
      ["customer360.timeline.returns", [0, 0, 0, -50]],
      ["customer360.timeline.orders", [2, 0, 0, 1]],
    ]);
    expect((purchaseTimelineOption([], texts).xAxis as { data: string[] }).data).toEqual([]);
  });
});
