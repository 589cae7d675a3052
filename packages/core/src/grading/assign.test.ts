import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradesByShares, gradesByThresholds } from "./assign.ts";

describe("gradesByThresholds", () => {
  it("gives the first grade whose minimum the score reaches", () => {
    const score = Float64Array.from([100, 80, 79.999, 60, 0, 40, 39.5]);
    expect([...gradesByThresholds(score, [80, 60, 40])]).toEqual([0, 0, 1, 1, 3, 2, 3]);
  });
});

describe("gradesByShares", () => {
  it("takes the best scores first", () => {
    const score = Float64Array.from([5, 9, 1, 7, 3, 8, 2, 6, 4, 10]);
    // 10 % A (10), 20 % B (9, 8), 30 % C (7, 6, 5), D the rest.
    expect([...gradesByShares(score, [0.1, 0.2, 0.3])]).toEqual([2, 1, 3, 2, 3, 1, 3, 2, 3, 0]);
  });

  it("keeps ties together and puts the boundary at the nearer edge of the tie", () => {
    // Target 2 of 5 in A: the tie of 9s spans places 2–4; its lower edge (1) is nearer than its upper (4).
    expect([...gradesByShares(Float64Array.from([10, 9, 9, 9, 1]), [0.4])]).toEqual([0, 1, 1, 1, 1]);
    // Target 3 of 5: the upper edge (4) is nearer than the lower one (1).
    expect([...gradesByShares(Float64Array.from([10, 9, 9, 9, 1]), [0.6])]).toEqual([0, 0, 0, 0, 1]);
    // Target 2 of 4 with a tie of 2 at places 2–3: edges 1 and 3 equally near → the upper one, A stays small.
    expect([...gradesByShares(Float64Array.from([4, 3, 3, 1]), [0.5])]).toEqual([0, 1, 1, 1]);
    // Zero shares leave grades empty.
    expect([...gradesByShares(Float64Array.from([3, 2, 1]), [0, 0.34, 0])]).toEqual([1, 3, 3]);
  });

  it("meets each cumulative share within half the largest tie, never splitting a tie", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (values, weights) => {
          // Shares from random weights, scaled so that together they take at most the whole.
          const total = weights.reduce((a, b) => a + b, 0) + 0.5;
          const shares = weights.map((w) => w / total);
          const score = Float64Array.from(values);
          const grades = gradesByShares(score, shares);
          const n = values.length;
          const tieSizes = new Map<number, number>();
          for (const v of values) tieSizes.set(v, (tieSizes.get(v) ?? 0) + 1);
          const largestTie = Math.max(...tieSizes.values());
          let cumulativeShare = 0;
          for (let g = 0; g < shares.length; g++) {
            cumulativeShare += shares[g]!;
            const inBetterGrades = grades.filter((grade) => grade <= g).length;
            expect(Math.abs(inBetterGrades - cumulativeShare * n)).toBeLessThanOrEqual(largestTie / 2 + 1e-9);
          }
          // A better score never has a worse grade, and equal scores share one.
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              if (values[i]! > values[j]!) expect(grades[i]).toBeLessThanOrEqual(grades[j]!);
              if (values[i] === values[j]) expect(grades[i]).toBe(grades[j]);
            }
          }
        },
      ),
    );
  });
});
