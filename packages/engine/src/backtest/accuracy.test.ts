import { describe, expect, it } from "vitest";
import { accuracy, addDays, cumulativeTracking, daysBetween, frequencyTable } from "./accuracy.ts";

describe("accuracy", () => {
  it("computes the totals, errors and correlation by hand", () => {
    // errors −1, 0, 1, 2: MAE 1, RMSE √(6/4); actual mean 2, predicted mean 2.5.
    const result = accuracy([1, 2, 3, 2], [0, 2, 4, 4]);
    expect(result.actual).toBe(8);
    expect(result.predicted).toBe(10);
    expect(result.ratio).toBe(1.25);
    expect(result.mae).toBe(1);
    expect(result.rmse).toBeCloseTo(Math.sqrt(1.5), 14);
    // cov = Σ(da·dp) = (−1)(−2.5) + 0 + (1)(1.5) + 0 = 4; var_a = 2, var_p = 6.25 + 0.25 + 2.25 + 2.25 = 11.
    expect(result.correlation).toBeCloseTo(4 / Math.sqrt(2 * 11), 14);
  });

  it("keeps the correlation exact far from zero, and NaN when nothing varies", () => {
    const shifted = accuracy([1e9 + 1, 1e9 + 2, 1e9 + 3], [1e9 + 2, 1e9 + 4, 1e9 + 6]);
    expect(shifted.correlation).toBeCloseTo(1, 12);
    expect(accuracy([0, 0], [1, 2]).correlation).toBeNaN();
    expect(accuracy([0, 0], [1, 2]).ratio).toBeNaN();
  });
});

describe("frequencyTable", () => {
  it("groups customers by calibration purchases 0 … 6 and 7+", () => {
    const rows = frequencyTable([0, 0, 1, 7, 12], [0, 2, 1, 5, 9], [0.5, 0.5, 1, 6, 8]);
    expect(rows.map((row) => row.x)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(rows[0]).toEqual({ x: "0", customers: 2, meanActual: 1, meanPredicted: 0.5 });
    expect(rows[1]).toEqual({ x: "1", customers: 1, meanActual: 1, meanPredicted: 1 });
    expect(rows[2]!.customers).toBe(0);
    expect(rows[2]!.meanActual).toBeNaN();
    expect(rows[7]).toEqual({ x: "7+", customers: 2, meanActual: 7, meanPredicted: 7 });
  });
});

describe("cumulativeTracking", () => {
  it("sums each customer's expectation from their own first purchase, on points anchored at the calibration end", () => {
    // Weeks; first purchases 10 and 3 days before the calibration end; holdout 10 days.
    // E[X(t)] = t makes every point a sum of ages in weeks.
    const points = cumulativeTracking({
      calibrationEnd: "2024-03-31",
      holdoutDays: 10,
      unitDays: 7,
      firstDay: [-10, -3, -10],
      repeatDay: [-8, -1, 2, 9, 12],
      repeatCount: [1, 2, 1, 1, 5],
      expectedNew: (t) => t,
    });
    expect(points.map((point) => [point.period, point.date, point.holdout])).toEqual([
      [-1, "2024-03-24", false],
      [0, "2024-03-31", false],
      [1, "2024-04-07", true],
      // The last point is the holdout end, not a whole week later; later purchases are left out.
      [2, "2024-04-10", true],
    ]);
    expect(points.map((point) => point.actual)).toEqual([1, 3, 4, 5]);
    // At day −7 only the two customers who started at −10 exist, each 3 days old.
    expect(points[0]!.expected).toBeCloseTo((2 * 3) / 7, 14);
    expect(points[1]!.expected).toBeCloseTo((2 * 10 + 3) / 7, 14);
    expect(points[3]!.expected).toBeCloseTo((2 * 20 + 13) / 7, 14);
  });

  it("asks the model once per distinct age", () => {
    let calls = 0;
    const points = cumulativeTracking({
      calibrationEnd: "2024-01-31",
      holdoutDays: 3,
      unitDays: 1,
      firstDay: [-2, -2, -1, 0],
      repeatDay: [],
      repeatCount: [],
      expectedNew: (t) => {
        calls++;
        return t;
      },
    });
    expect(points.map((point) => point.period)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(points.at(-1)!.expected).toBe(5 + 5 + 4 + 3);
    expect(calls).toBe(6); // ages 0 … 5 days
  });
});

describe("dates", () => {
  it("steps across month and leap-year ends", () => {
    expect(addDays("1997-09-30", 273)).toBe("1998-06-30");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(daysBetween("1997-09-30", "1998-06-30")).toBe(273);
    expect(daysBetween("1998-06-30", "1997-09-30")).toBe(-273);
  });
});
