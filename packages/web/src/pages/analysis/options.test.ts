import { describe, expect, it } from "vitest";
import type { TrackingPoint } from "./analysis.types.ts";
import { type ChartTexts, trackingOption } from "./options.ts";

const ctx: ChartTexts = { t: (key) => key, number: (value) => String(value) };

/** Three calibration weeks (the last one the as-of date) and two holdout weeks. */
const POINTS: TrackingPoint[] = [
  { period: -2, date: "2026-01-01", holdout: false, actual: 2, expected: 1.5 },
  { period: -1, date: "2026-01-08", holdout: false, actual: 5, expected: 4.25 },
  { period: 0, date: "2026-01-15", holdout: false, actual: 9, expected: 8 },
  { period: 1, date: "2026-01-22", holdout: true, actual: 10, expected: 11.5 },
  { period: 2, date: "2026-01-29", holdout: true, actual: 14, expected: 14 },
];

const seriesData = (view: "cumulative" | "perPeriod") =>
  (trackingOption(POINTS, view, ctx).series as { data: number[] }[]).map((series) => series.data);

describe("the tracking chart", () => {
  it("draws the cumulative curves as the API gives them, or each week's increase", () => {
    expect(seriesData("cumulative")).toEqual([
      [2, 5, 9, 10, 14],
      [1.5, 4.25, 8, 11.5, 14],
    ]);
    expect(seriesData("perPeriod")).toEqual([
      [2, 3, 4, 1, 4],
      [1.5, 2.75, 3.75, 3.5, 2.5],
    ]);
  });

  it("shades the holdout from the as-of date to its end, and nothing without one", () => {
    const [actual] = trackingOption(POINTS, "cumulative", ctx).series as {
      markArea: { data: { xAxis: string; name?: string }[][] };
    }[];
    expect(actual!.markArea.data).toEqual([
      [{ name: "analysis.backtest.holdoutArea", xAxis: "2026-01-15" }, { xAxis: "2026-01-29" }],
    ]);
    const calibrationOnly = POINTS.filter((point) => !point.holdout);
    const [none] = trackingOption(calibrationOnly, "cumulative", ctx).series as {
      markArea: { data: unknown[] };
    }[];
    expect(none!.markArea.data).toEqual([]);
  });
});
