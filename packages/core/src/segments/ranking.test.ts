import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binScores, medianOf, percentRanks, sortColumn, sortOrder } from "./ranking.ts";

describe("sortOrder", () => {
  it("orders floats, negatives, -0 and infinities, ties by index, NaN left out", () => {
    const values = [3.5, -1, Number.NaN, 0, -0, 3.5, Infinity, -Infinity, 1e-300, -2.25];
    expect(Array.from(sortOrder(values))).toEqual([7, 9, 1, 3, 4, 8, 0, 5, 6]);
  });

  it("keeps the initial order between equal values (secondary key)", () => {
    expect(Array.from(sortOrder([2, 1, 2, 1], Uint32Array.from([3, 2, 1, 0])))).toEqual([3, 1, 2, 0]);
  });

  it("matches a comparator sort on floats and on small integers (radix and counting paths)", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, min: -1e12, max: 1e12 }),
      fc.integer({ min: -50, max: 50 }),
      fc.constantFrom(0, 1.5, Number.NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.boolean(), (raw, integers) => {
        const values = integers ? raw.map((v) => (Number.isNaN(v) ? v : Math.round(v) % 1000)) : raw;
        const expected = values
          .map((v, i) => [v + 0, i] as const)
          .filter(([v]) => !Number.isNaN(v))
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([, i]) => i);
        const sorted = sortColumn(values);
        expect(Array.from(sorted.order)).toEqual(expected);
        expect(Array.from(sorted.values)).toEqual(expected.map((i) => values[i]! + 0));
      }),
    );
  });
});

describe("percentRanks", () => {
  it("gives mid-rank percentiles and equal values the same one", () => {
    expect(Array.from(percentRanks([10, 20, 20, 30]))).toEqual([0.125, 0.5, 0.5, 0.875]);
    expect(Array.from(percentRanks([5, Number.NaN]))).toEqual([0.5, Number.NaN]);
  });
});

describe("binScores", () => {
  it("cuts ten distinct values into quintiles of two", () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(Array.from(binScores(values, { quantiles: 5 }, true))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(binScores(values, { quantiles: 5 }, false))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("gives tied values one score, placed by their middle rank", () => {
    // Six of ten tie at 1: ranks 0..5, middle 3 of 10 → 30 % → score 2; 2 → 65 % → 4; 3 → 80 % → 5.
    const values = [1, 1, 1, 1, 1, 1, 2, 2, 3, 3];
    expect(Array.from(binScores(values, { quantiles: 5 }, true))).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 5, 5]);
  });

  it("treats cut points as inclusive upper bounds", () => {
    const cuts = { cuts: [30, 90, 180, 365] };
    const days = [0, 30, 31, 90, 180, 181, 365, 366];
    expect(Array.from(binScores(days, cuts, false))).toEqual([5, 5, 4, 4, 3, 2, 2, 1]);
    expect(Array.from(binScores(days, cuts, true))).toEqual([1, 1, 2, 2, 3, 4, 4, 5]);
  });

  it("scores only included customers and leaves the others at 0", () => {
    const include = Uint8Array.from([1, 0, 1, 1]);
    expect(Array.from(binScores([1, 100, 2, 3], { quantiles: 3 }, true, include))).toEqual([1, 0, 2, 3]);
  });

  it("scores in 1..q, monotone in the value and independent of the customers' order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 2, max: 10 }),
        (values, q) => {
          const scores = binScores(values, { quantiles: q }, true);
          const reversed = binScores(values.slice().reverse(), { quantiles: q }, true).reverse();
          expect(Array.from(reversed)).toEqual(Array.from(scores));
          for (let i = 0; i < values.length; i++) {
            expect(scores[i]).toBeGreaterThanOrEqual(1);
            expect(scores[i]).toBeLessThanOrEqual(q);
            for (let j = 0; j < values.length; j++) {
              if (values[i]! < values[j]!) expect(scores[i]).toBeLessThanOrEqual(scores[j]!);
              if (values[i] === values[j]) expect(scores[i]).toBe(scores[j]);
            }
          }
        },
      ),
    );
  });
});

describe("medianOf", () => {
  it("selects the median of odd and even counts", () => {
    expect(medianOf([5, 1, 4, 2, 3], Uint32Array.from([0, 1, 2, 3, 4]))).toBe(3);
    expect(medianOf([5, 1, 4, 2], Uint32Array.from([0, 1, 2, 3]))).toBe(3);
    expect(medianOf([9, 1, 4, 2], Uint32Array.from([1, 2]))).toBe(2.5);
    expect(medianOf([], new Uint32Array())).toBeNaN();
  });

  it("agrees with sorting", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), (values) => {
        const sorted = values.slice().sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        const expected = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        expect(medianOf(values, Uint32Array.from(values.keys()))).toBe(expected);
      }),
    );
  });
});
