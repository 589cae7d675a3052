import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compressSummaries, distinctValues, spreadRows } from "./summaries.ts";

const summaries = fc
  .array(
    fc.record({
      x: fc.integer({ min: 0, max: 5 }),
      T: fc.constantFrom(0, 1, 2.5, 39),
      share: fc.constantFrom(0, 0.5, 1),
    }),
    { maxLength: 200 },
  )
  .map((rows) => ({
    x: rows.map((c) => c.x),
    tx: rows.map((c) => (c.x === 0 ? 0 : c.T * c.share)),
    T: rows.map((c) => c.T),
  }));

describe("compressSummaries", () => {
  it("keeps every customer exactly once, in a row holding its values", () => {
    fc.assert(
      fc.property(summaries, ({ x, tx, T }) => {
        const rows = compressSummaries(x, tx, T);
        expect(rows.customers).toBe(x.length);
        expect(rows.weight.reduce((s, w) => s + w, 0)).toBe(x.length);
        const keys = new Set<string>();
        for (let r = 0; r < rows.rows; r++) keys.add(`${rows.x[r]} ${rows.tx[r]} ${rows.T[r]}`);
        expect(keys.size).toBe(rows.rows);
        expect(new Set(x.map((_, i) => `${x[i]} ${tx[i]} ${T[i]}`)).size).toBe(rows.rows);
        for (let i = 0; i < x.length; i++) {
          const r = rows.rowOf[i]!;
          expect([rows.x[r], rows.tx[r], rows.T[r]]).toEqual([x[i], tx[i], T[i]]);
        }
        expect([...spreadRows(rows.T, rows.rowOf)]).toEqual(T);
      }),
    );
  });

  it("treats −0 as 0 and accepts typed arrays", () => {
    const rows = compressSummaries(new Float64Array([0, 0, 1]), new Float64Array([-0, 0, 1]), [3, 3, 3]);
    expect(rows.rows).toBe(2);
    expect([...rows.weight]).toEqual([2, 1]);
  });
});

describe("distinctValues", () => {
  it("indexes each entry to its value", () => {
    const values = new Float64Array([3, 1, 3, 2, 1, 0.1 + 0.2, 0.3]);
    const { values: distinct, index } = distinctValues(values);
    expect([...distinct]).toEqual([3, 1, 2, 0.1 + 0.2, 0.3]);
    expect([...index].map((k) => distinct[k])).toEqual([...values]);
  });
});
