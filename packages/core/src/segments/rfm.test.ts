import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RFM_SEGMENTS } from "./codes.ts";
import { isSegmentError } from "./errors.ts";
import { RFM_SEGMENT_GRID, rfm8Classes, rfmClassify, rfmScores, rfmSegmentOf, rfmSegments } from "./rfm.ts";

describe("rfmScores", () => {
  // Ten buyers with distinct values: quintiles of two; the last customer never bought.
  const input = {
    recencyDays: [1, 2, 10, 20, 30, 40, 50, 60, 70, 80, Number.NaN],
    frequency: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    monetary: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 0],
  };

  it("scores recent = 5, frequent = 5, big spender = 5, non-buyers 0", () => {
    const s = rfmScores(input);
    expect(Array.from(s.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0]);
    expect(Array.from(s.f)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0]);
    expect(Array.from(s.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0]);
    expect(Array.from(s.buyer)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it("uses explicit cut points", () => {
    const s = rfmScores(input, {
      recencyBins: { cuts: [7, 30, 60, 90] },
      frequencyBins: { cuts: [1, 2, 5] },
    });
    expect(Array.from(s.r)).toEqual([5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 0]);
    expect(Array.from(s.f)).toEqual([4, 4, 4, 4, 4, 3, 3, 3, 2, 1, 0]);
    expect(s.levels).toEqual({ r: 5, f: 4, m: 5 });
  });

  it("rejects mismatched columns and bad bins with codes", () => {
    expect(() => rfmScores({ ...input, monetary: [1] })).toThrow(
      expect.objectContaining({ code: "SEGMENTS_LENGTH_MISMATCH" }),
    );
    try {
      rfmScores(input, { frequencyBins: { cuts: [3, 2] } });
      expect.unreachable();
    } catch (error) {
      expect(isSegmentError(error, "SEGMENTS_INVALID_OPTION")).toBe(true);
    }
  });

  it("keeps every buyer's scores in 1..5, whatever the order of the customers", () => {
    const customer = fc.record({
      recency: fc.integer({ min: 0, max: 400 }),
      frequency: fc.integer({ min: 0, max: 12 }),
      monetary: fc.double({ min: 0, max: 1e5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 80 }), fc.integer(), (customers, seed) => {
        const columns = (list: typeof customers) => ({
          recencyDays: list.map((c) => c.recency),
          frequency: list.map((c) => c.frequency),
          monetary: list.map((c) => c.monetary),
        });
        const s = rfmScores(columns(customers));
        // A deterministic shuffle, then the scores must follow the customers.
        const perm = customers
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97));
        const t = rfmScores(columns(perm.map((i) => customers[i]!)));
        perm.forEach((from, to) => {
          expect([t.r[to], t.f[to], t.m[to]]).toEqual([s.r[from], s.f[from], s.m[from]]);
        });
        customers.forEach((c, i) => {
          if (c.frequency > 0)
            for (const x of [s.r[i]!, s.f[i]!, s.m[i]!]) expect(x >= 1 && x <= 5).toBe(true);
          else expect([s.r[i], s.f[i], s.m[i]]).toEqual([0, 0, 0]);
        });
      }),
    );
  });
});

describe("single-order customers", () => {
  // 90 one-time buyers (recent, big spenders among them) and 10 repeat buyers: the one-time
  // buyers' tie group has mid-rank 45 %, the middle F score by percentile.
  const n = 100;
  const input = {
    recencyDays: Array.from({ length: n }, (_, i) => (i < 90 ? i % 30 : 40 + i)),
    frequency: Array.from({ length: n }, (_, i) => (i < 90 ? 1 : 2 + (i % 5))),
    monetary: Array.from({ length: n }, (_, i) => (i < 90 ? 1000 + 100 * i : 50)),
  };
  const single = (i: number) => i < 90;

  it("score 1 on F whatever the ties or the bins", () => {
    for (const bins of [undefined, { quantiles: 3 }, { cuts: [0.5, 1.5, 3] }]) {
      const { f } = rfmScores(input, bins ? { frequencyBins: bins } : {});
      for (let i = 0; i < n; i++) if (single(i)) expect(f[i], `customer ${i}`).toBe(1);
      expect(Math.min(...Array.from(f).filter((_, i) => !single(i)))).toBeGreaterThan(1);
    }
  });

  it("are never champions, loyal or can't lose, on any score scale", () => {
    for (const levels of [2, 3, 5]) {
      const bins = { quantiles: levels };
      const scores = rfmScores(input, { recencyBins: bins, frequencyBins: bins, monetaryBins: bins });
      const segments = rfmSegments(scores);
      for (let i = 0; i < n; i++) {
        if (single(i))
          expect(["champions", "loyal", "cant_lose"], `${levels} levels, ${i}`).not.toContain(segments[i]);
      }
      // The recent big spenders among them are new customers or potential loyalists instead.
      expect(segments[0]).toMatch(/^(new_customers|potential_loyalist|promising)$/);
    }
  });

  it("are never F high in the 8 classes, even when every buyer bought once", () => {
    const classes = rfm8Classes(input);
    const fHigh = ["important_value", "important_maintain", "general_value", "general_maintain"];
    for (let i = 0; i < n; i++) if (single(i)) expect(fHigh).not.toContain(classes[i]);
    const once = { ...input, frequency: input.frequency.map(() => 1) };
    for (const options of [{}, { center: "median" as const }, { basis: "scores" as const }]) {
      for (const c of rfm8Classes(once, options)) expect(fHigh).not.toContain(c);
    }
  });
});

describe("11 segments", () => {
  it("maps specific (R, F, M) triples through the R × FM grid", () => {
    const cases: [number, number, number, string][] = [
      [5, 5, 5, "champions"],
      [5, 4, 4, "champions"],
      [5, 4, 3, "potential_loyalist"], // FM = ⌊3.5⌋ = 3
      [4, 5, 5, "loyal"],
      [3, 4, 4, "loyal"],
      [5, 1, 1, "new_customers"],
      [5, 1, 2, "new_customers"], // FM = ⌊1.5⌋ = 1
      [4, 1, 1, "promising"],
      [4, 2, 3, "potential_loyalist"],
      [3, 3, 3, "need_attention"],
      [3, 1, 2, "about_to_sleep"],
      [2, 3, 4, "at_risk"],
      [1, 4, 4, "at_risk"],
      [1, 5, 5, "cant_lose"],
      [2, 5, 5, "cant_lose"],
      [2, 2, 2, "hibernating"],
      [1, 2, 2, "hibernating"],
      [2, 1, 1, "hibernating"],
      [1, 1, 1, "lost"],
      [0, 0, 0, "no_purchase"],
    ];
    for (const [r, f, m, segment] of cases)
      expect([r, f, m, rfmSegmentOf(r, f, m)]).toEqual([r, f, m, segment]);
  });

  it("uses all 11 segments in the grid", () => {
    const used = new Set(RFM_SEGMENT_GRID.flat());
    expect(used.size).toBe(11);
    expect(RFM_SEGMENTS.filter((s) => !used.has(s))).toEqual(["no_purchase"]);
  });

  it("names columns of scores the same way as one customer at a time", () => {
    const scores = {
      r: Uint8Array.from([5, 1, 3, 0]),
      f: Uint8Array.from([5, 5, 3, 0]),
      m: Uint8Array.from([4, 5, 3, 0]),
      buyer: Uint8Array.from([1, 1, 1, 0]),
      levels: { r: 5, f: 5, m: 5 },
    };
    expect(rfmSegments(scores)).toEqual(["champions", "cant_lose", "need_attention", "no_purchase"]);
  });

  it("maps 3-level scores onto the 5-level grid", () => {
    const scores = {
      r: Uint8Array.from([3, 1]),
      f: Uint8Array.from([3, 1]),
      m: Uint8Array.from([3, 1]),
      buyer: Uint8Array.from([1, 1]),
      levels: { r: 3, f: 3, m: 3 },
    };
    // The lowest score stays the lowest (1 of 3 → 1), the others ⌈5·s/3⌉.
    expect(rfmSegments(scores)).toEqual(["champions", "lost"]);
  });

  it("rejects a grid of the wrong shape", () => {
    const scores = rfmScores({ recencyDays: [1], frequency: [1], monetary: [1] });
    expect(() => rfmSegments(scores, { grid: [["lost"]] })).toThrow(
      expect.objectContaining({ code: "SEGMENTS_INVALID_OPTION" }),
    );
  });
});

describe("8 classes", () => {
  // Buyers: recency mean 40, frequency mean 4, monetary mean 500 (the fifth customer is a non-buyer).
  const input = {
    recencyDays: [10, 10, 70, 70, Number.NaN],
    frequency: [6, 2, 6, 2, 0],
    monetary: [900, 100, 100, 900, 0],
  };

  it("compares R, F and M with the buyers' means", () => {
    expect(rfm8Classes(input)).toEqual([
      "important_value", // recent, frequent, big
      "general_develop", // recent, rare, small
      "general_maintain", // long ago, frequent, small
      "important_retain", // long ago, rare, big
      "no_purchase",
    ]);
  });

  it("names all eight combinations", () => {
    const r = [1, 1, 1, 1, 9, 9, 9, 9];
    const f = [9, 1, 9, 1, 9, 1, 9, 1];
    const m = [9, 9, 1, 1, 9, 9, 1, 1];
    expect(rfm8Classes({ recencyDays: r, frequency: f, monetary: m })).toEqual([
      "important_value",
      "important_develop",
      "general_value",
      "general_develop",
      "important_maintain",
      "important_retain",
      "general_maintain",
      "general_retain",
    ]);
  });

  it("counts a value equal to the center as low, and can use the median", () => {
    // Monetary median 100 (three of five at 100): only 900 and 1000 are high; the mean (440) agrees here.
    const columns = {
      recencyDays: [5, 5, 5, 5, 5],
      frequency: [1, 1, 1, 1, 1],
      monetary: [100, 100, 100, 900, 1000],
    };
    expect(rfm8Classes(columns, { center: "median" })).toEqual([
      "general_retain",
      "general_retain",
      "general_retain",
      "important_retain",
      "important_retain",
    ]);
  });

  it("differs between mean and median when a few big customers pull the mean up", () => {
    const columns = { recencyDays: [5, 5, 5, 5], frequency: [1, 1, 1, 1], monetary: [10, 20, 30, 1000] };
    const byMean = rfm8Classes(columns).map((c) => c.startsWith("important"));
    const byMedian = rfm8Classes(columns, { center: "median" }).map((c) => c.startsWith("important"));
    expect(byMean).toEqual([false, false, false, true]); // mean 265
    expect(byMedian).toEqual([false, false, true, true]); // median 25
  });

  it("can compare scores instead of values", () => {
    expect(rfm8Classes(input, { basis: "scores" })).toEqual(rfm8Classes(input));
  });

  it("is selectable through rfmClassify", () => {
    expect(rfmClassify(input, { scheme: "classes8" }).codes).toEqual(rfm8Classes(input));
    expect(rfmClassify(input).codes).toEqual(rfmSegments(rfmScores(input)));
  });
});
