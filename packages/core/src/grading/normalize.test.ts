import { describe, expect, it } from "vitest";
import { EQUAL_RELATIVE_TOLERANCE, normalizeCategorical, normalizeNumeric } from "./normalize.ts";

const NAN = Number.NaN;

/** The scores of a numeric column, as a plain array. */
const scores = (...args: Parameters<typeof normalizeNumeric>) => [...normalizeNumeric(...args).scores];

describe("normalizeNumeric", () => {
  it("rank: mid-rank percentile × 100, ties shared, unknown left unknown", () => {
    // Four known values: 1 → 12.5, the two 5s → (1 + 1) / 4 = 50, 9 → 87.5.
    expect(scores([5, 1, NAN, 9, 5], { method: "rank" }, false)).toEqual([50, 12.5, NAN, 87.5, 50]);
    // Lower is better: 1 → 100 − 16.67, 9 → 100 − 83.33.
    const flipped = normalizeNumeric([5, 1, 9], { method: "rank" }, true).scores;
    expect(flipped[0]).toBe(50);
    expect(flipped[1]).toBeCloseTo(83.333333, 5);
    expect(flipped[2]).toBeCloseTo(16.666667, 5);
    expect(normalizeNumeric([5, 1, 9], { method: "rank" }, false).uninformative).toBeUndefined();
  });

  it("rank: values equal to rounding are one tie; a constant column is uninformative", () => {
    // The same CLV for everyone but for floating-point noise in the last digits: one tie, 50 each.
    const noisy = [120.000000001, 119.999999998, 120, 120.0000000004, NAN];
    const constant = normalizeNumeric(noisy, { method: "rank" }, false);
    expect([...constant.scores]).toEqual([50, 50, 50, 50, NAN]);
    expect(constant.uninformative).toBe("constant");
    // Exactly equal values are the same case.
    expect(normalizeNumeric([7, 7, 7], { method: "rank" }, true).uninformative).toBe("constant");
    // All unknown: nothing to rank.
    const none = normalizeNumeric([NAN, NAN], { method: "rank" }, false);
    expect([...none.scores]).toEqual([NAN, NAN]);
    expect(none.uninformative).toBe("no_values");
  });

  it("rank: near-equal values tie within the tolerance and rank apart beyond it", () => {
    const tol = EQUAL_RELATIVE_TOLERANCE;
    // 1000 and 1000·(1 + tol/2) tie (places 1–2 of 4 → 25); 1000·(1 + 3·tol) is a difference.
    const result = normalizeNumeric(
      [1000 * (1 + tol / 2), 1000, 1000 * (1 + 3 * tol), 5000],
      { method: "rank" },
      false,
    );
    expect([...result.scores]).toEqual([25, 25, 62.5, 87.5]);
    expect(result.uninformative).toBeUndefined();
    // A tie is measured from its smallest value: steps of 0.6·tol each are below the tolerance,
    // but the third value is 1.2·tol above the first and starts a new tie.
    const steps = [1, 1 + 0.6 * tol, 1 + 1.2 * tol, 1 + 1.8 * tol];
    expect([...normalizeNumeric(steps, { method: "rank" }, false).scores]).toEqual([25, 25, 75, 75]);
    // Zero equals only zero: a relative tolerance does not merge a tiny amount with nothing.
    const zeros = normalizeNumeric([0, 0, 1e-9], { method: "rank" }, false).scores;
    expect(zeros[0]).toBe(zeros[1]);
    expect(zeros[0]).toBeCloseTo(100 / 3, 9);
    expect(zeros[2]).toBeCloseTo(250 / 3, 9);
  });

  it("minmax: over the known values, or clipped to fixed bounds", () => {
    expect(scores([10, 20, NAN, 30], { method: "minmax" }, false)).toEqual([0, 50, NAN, 100]);
    expect(scores([10, 20, 30], { method: "minmax" }, true)).toEqual([100, 50, 0]);
    expect(scores([-5, 2.5, 15], { method: "minmax", min: 0, max: 10 }, false)).toEqual([0, 25, 100]);
    expect(scores([7, 7, NAN], { method: "minmax" }, false)).toEqual([50, 50, NAN]);
  });

  it("minmax: a column constant to rounding scores 50 and is uninformative unless both bounds are fixed", () => {
    // Without the tolerance the noise would be stretched over 0–100.
    const noisy = normalizeNumeric([0.3, 0.3 + 1e-12, 0.3 - 1e-12], { method: "minmax" }, false);
    expect([...noisy.scores]).toEqual([50, 50, 50]);
    expect(noisy.uninformative).toBe("constant");
    expect(normalizeNumeric([4, 4], { method: "minmax", min: 0 }, false).uninformative).toBe("constant");
    // On a fixed scale a constant still means something: 40 of 0–100 is 40 in every run.
    const fixed = normalizeNumeric([40, 40], { method: "minmax", min: 0, max: 100 }, false);
    expect([...fixed.scores]).toEqual([40, 40]);
    expect(fixed.uninformative).toBeUndefined();
    expect(normalizeNumeric([NAN], { method: "minmax", min: 0, max: 100 }, false).uninformative).toBe(
      "no_values",
    );
  });

  it("bands: the highest band whose min the value reaches", () => {
    const bands = [
      { min: 0, score: 100 },
      { min: 1, score: 70 },
      { min: 31, score: 40 },
    ];
    expect(scores([0, 0.5, 1, 30, 31, 400, -3, NAN], { method: "bands", bands }, false)).toEqual([
      100,
      100,
      70,
      70,
      40,
      40,
      100,
      NAN,
    ]);
    // A fixed scale: constant is information, only no value at all is not.
    expect(normalizeNumeric([5, 5], { method: "bands", bands }, false).uninformative).toBeUndefined();
    expect(normalizeNumeric([NAN, NAN], { method: "bands", bands }, false).uninformative).toBe("no_values");
  });
});

describe("normalizeCategorical", () => {
  it("maps listed values, scores the rest `other` or unknown", () => {
    const scores = { good: 100, poor: 0 };
    const mapped = normalizeCategorical(["good", "poor", "fair", null], { method: "map", scores });
    expect([...mapped.scores]).toEqual([100, 0, NAN, NAN]);
    expect(mapped.uninformative).toBeUndefined();
    expect([...normalizeCategorical(["fair", null], { method: "map", scores, other: 40 }).scores]).toEqual([
      40,
      NAN,
    ]);
    // No value the map can score: nothing to tell apart.
    expect(normalizeCategorical(["fair", null], { method: "map", scores }).uninformative).toBe("no_values");
  });
});
