import { describe, expect, it } from "vitest";
import { normalizeCategorical, normalizeNumeric } from "./normalize.ts";

const NAN = Number.NaN;

describe("normalizeNumeric", () => {
  it("rank: mid-rank percentile × 100, ties shared, unknown left unknown", () => {
    // Four known values: 1 → 12.5, the two 5s → (1 + 1) / 4 = 50, 9 → 87.5.
    expect([...normalizeNumeric([5, 1, NAN, 9, 5], { method: "rank" }, false)]).toEqual([
      50,
      12.5,
      NAN,
      87.5,
      50,
    ]);
    // Lower is better: 1 → 100 − 16.67, 9 → 100 − 83.33.
    const flipped = normalizeNumeric([5, 1, 9], { method: "rank" }, true);
    expect(flipped[0]).toBe(50);
    expect(flipped[1]).toBeCloseTo(83.333333, 5);
    expect(flipped[2]).toBeCloseTo(16.666667, 5);
  });

  it("minmax: over the known values, or clipped to fixed bounds", () => {
    expect([...normalizeNumeric([10, 20, NAN, 30], { method: "minmax" }, false)]).toEqual([0, 50, NAN, 100]);
    expect([...normalizeNumeric([10, 20, 30], { method: "minmax" }, true)]).toEqual([100, 50, 0]);
    expect([...normalizeNumeric([-5, 2.5, 15], { method: "minmax", min: 0, max: 10 }, false)]).toEqual([
      0, 25, 100,
    ]);
    expect([...normalizeNumeric([7, 7, NAN], { method: "minmax" }, false)]).toEqual([50, 50, NAN]);
  });

  it("bands: the highest band whose min the value reaches", () => {
    const bands = [
      { min: 0, score: 100 },
      { min: 1, score: 70 },
      { min: 31, score: 40 },
    ];
    expect([
      ...normalizeNumeric([0, 0.5, 1, 30, 31, 400, -3, NAN], { method: "bands", bands }, false),
    ]).toEqual([100, 100, 70, 70, 40, 40, 100, NAN]);
  });
});

describe("normalizeCategorical", () => {
  it("maps listed values, scores the rest `other` or unknown", () => {
    const scores = { good: 100, poor: 0 };
    expect([...normalizeCategorical(["good", "poor", "fair", null], { method: "map", scores })]).toEqual([
      100,
      0,
      NAN,
      NAN,
    ]);
    expect([...normalizeCategorical(["fair", null], { method: "map", scores, other: 40 })]).toEqual([
      40,
      NAN,
    ]);
  });
});
