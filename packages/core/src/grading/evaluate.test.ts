import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrownText } from "../errors/thrown.fixture.ts";
import { type GradingInput, gradeCustomers } from "./evaluate.ts";
import type { GradingScheme, OverrideRule } from "./scheme.ts";

const label = (text: string) => ({ "zh-CN": text, en: text });

/**
 * Ten customers, three dimensions; score = (2·clv rank + recency + credit) / 4.
 *
 * clv by rank (mid-rank percentile × 100 of 10 values): 50 → 5, 100 → 15, 200 → 25, 300 → 35,
 * 500 and 500 tie at places 5–6 → (4 + 2/2) / 10 = 50, 600 → 65, 700 → 75, 800 → 85, 900 → 95.
 * recency by min-max, lower is better, over 0..200: 100 − days / 2.
 * credit by map: good 100, fair 60, poor 0; unknown (null) and unmapped ("unrated") score the
 * missing value 50.
 *
 *  i  id   clv  rank  days  rec  credit   cr   score
 *  0  101  900   95     0   100  good     100  (190 + 100 + 100) / 4 = 97.5
 *  1  102  800   85    20    90  good     100  (170 +  90 + 100) / 4 = 90
 *  2  103  700   75    40    80  fair      60  (150 +  80 +  60) / 4 = 72.5
 *  3  104  600   65    10    95  poor       0  (130 +  95 +   0) / 4 = 56.25
 *  4  105  500   50   100    50  good     100  (100 +  50 + 100) / 4 = 62.5
 *  5  106  500   50    60    70  fair      60  (100 +  70 +  60) / 4 = 57.5
 *  6  107  300   35   200     0  fair      60  ( 70 +   0 +  60) / 4 = 32.5
 *  7  108  200   25    80    60  null      50  ( 50 +  60 +  50) / 4 = 40
 *  8  109  100   15   120    40  poor       0  ( 30 +  40 +   0) / 4 = 17.5
 *  9  110   50    5   160    20  unrated   50  ( 10 +  20 +  50) / 4 = 20
 */
const CLV = [900, 800, 700, 600, 500, 500, 300, 200, 100, 50];
const input: GradingInput = {
  customerIds: [101, 102, 103, 104, 105, 106, 107, 108, 109, 110],
  numeric: { clv: CLV, recency_days: [0, 20, 40, 10, 100, 60, 200, 80, 120, 160] },
  categorical: {
    credit_grade: ["good", "good", "fair", "poor", "good", "fair", "fair", null, "poor", "unrated"],
  },
};
const SCORES = [97.5, 90, 72.5, 56.25, 62.5, 57.5, 32.5, 40, 17.5, 20];

function scheme(assign: GradingScheme["assign"], overrides: OverrideRule[] = []): GradingScheme {
  return {
    name: "test",
    version: 3,
    title: label("test"),
    grades: ["A", "B", "C", "D"].map((code) => ({ code, label: label(code) })),
    dimensions: [
      { field: "clv", weight: 2, normalize: { method: "rank" } },
      { field: "recency_days", weight: 1, normalize: { method: "minmax" }, direction: "lower_is_better" },
      {
        field: "credit_grade",
        weight: 1,
        normalize: { method: "map", scores: { good: 100, fair: 60, poor: 0 } },
        missing: 50,
      },
    ],
    assign,
    overrides,
  };
}

const THRESHOLDS: GradingScheme["assign"] = { method: "thresholds", min: { A: 80, B: 60, C: 40 } };
const asOf = "2026-03-31";

describe("gradeCustomers: score and grade", () => {
  it("computes the weighted mean of the dimension scores", () => {
    const result = gradeCustomers(scheme(THRESHOLDS), input, { asOf });
    expect([...result.score]).toEqual(SCORES);
  });

  it("grades by thresholds, a score equal to a minimum reaching the grade", () => {
    // 97.5 and 90 ≥ 80 → A; 72.5 and 62.5 ≥ 60 → B; 56.25, 57.5 and exactly 40 ≥ 40 → C; the rest D.
    const result = gradeCustomers(scheme(THRESHOLDS), input, { asOf });
    expect(result.grade).toEqual(["A", "A", "B", "C", "B", "C", "D", "C", "D", "D"]);
    expect(result.scoreGrade).toEqual(result.grade);
  });

  it("grades by target shares, best score first", () => {
    // A 10 % = 1 customer (97.5), B 20 % = 2 (90, 72.5), C 30 % = 3 (62.5, 57.5, 56.25), D the rest.
    const shares = { method: "shares", shares: { A: 0.1, B: 0.2, C: 0.3 } } as const;
    const result = gradeCustomers(scheme(shares), input, { asOf });
    expect(result.grade).toEqual(["A", "B", "B", "C", "C", "C", "D", "D", "D", "D"]);
  });

  it("explains a grade with components that add up to the score", () => {
    const result = gradeCustomers(scheme(THRESHOLDS), input, { asOf });
    expect(result.explain(0)).toEqual({
      customerId: 101,
      scheme: "test",
      version: 3,
      asOf,
      score: 97.5,
      scoreGrade: "A",
      ruleGrade: "A",
      grade: "A",
      components: [
        { field: "clv", value: 900, normalized: 95, weight: 2, contribution: 47.5 },
        { field: "recency_days", value: 0, normalized: 100, weight: 1, contribution: 25 },
        { field: "credit_grade", value: "good", normalized: 100, weight: 1, contribution: 25 },
      ],
      overrides: [],
      flags: [],
    });
    // Unknown (null) and unmapped values take the missing score and say so.
    expect(result.explain(7).components[2]).toEqual({
      field: "credit_grade",
      value: null,
      normalized: 50,
      weight: 1,
      contribution: 12.5,
      missing: true,
    });
    expect(result.explain(9).components[2]).toMatchObject({
      value: "unrated",
      normalized: 50,
      missing: true,
    });
    for (let i = 0; i < 10; i++) {
      const explanation = result.explain(i);
      const sum = explanation.components.reduce((total, part) => total + part.contribution, 0);
      expect(sum).toBeCloseTo(SCORES[i]!, 9);
      expect(JSON.parse(JSON.stringify(explanation))).toEqual(explanation);
    }
    expect(result.explainAll().map((explanation) => explanation.grade)).toEqual(result.grade);
    expect(() => result.explain(10)).toThrow(expect.objectContaining({ code: "GRADING_INVALID_OPTION" }));
  });

  it("leaves a skipped unknown dimension out of that customer's mean", () => {
    const skipping: GradingScheme = {
      ...scheme(THRESHOLDS),
      dimensions: [
        {
          field: "orders",
          weight: 1,
          normalize: {
            method: "bands",
            bands: [
              { min: 1, score: 20 },
              { min: 2, score: 50 },
              { min: 5, score: 100 },
            ],
          },
        },
        { field: "nps", weight: 3, normalize: { method: "minmax", min: 0, max: 10 }, missing: "skip" },
      ],
    };
    const result = gradeCustomers(
      skipping,
      {
        customerIds: [1, 2, 3, 4, 5],
        // Bands: 7 → 100, 0 is below the first band and scores like it (20), 3 → 50; NaN is unknown.
        numeric: { orders: [7, 0, 3, Number.NaN, Number.NaN], nps: [Number.NaN, 10, 5, 12, Number.NaN] },
      },
      { asOf },
    );
    // (1·100) / 1; (1·20 + 3·100) / 4 = 80; (1·50 + 3·50) / 4 = 50; orders unknown → 0, NPS 12
    // clipped to 10 → (0 + 3·100) / 4 = 75; nothing known and one dimension skipped → 0 / 1.
    expect([...result.score]).toEqual([100, 80, 50, 75, 0]);
    expect(result.explain(0).components[1]).toEqual({
      field: "nps",
      value: null,
      normalized: null,
      weight: 3,
      contribution: 0,
      missing: true,
    });
  });

  it("turns rank round for lower-is-better fields and leaves a constant column out", () => {
    const recencyRank: GradingScheme = {
      ...scheme(THRESHOLDS),
      dimensions: [
        { field: "recency_days", weight: 1, normalize: { method: "rank" }, direction: "lower_is_better" },
        { field: "orders", weight: 1, normalize: { method: "minmax" } },
      ],
    };
    const result = gradeCustomers(
      recencyRank,
      {
        customerIds: [1, 2, 3, 4],
        numeric: { recency_days: [10, 40, 20, 30], orders: [3, 3, 3, Number.NaN] },
      },
      { asOf },
    );
    // Ranks 12.5, 87.5, 37.5, 62.5 turned round: 87.5, 12.5, 62.5, 37.5. Orders are 3 wherever
    // known: they would add 50 to three customers and 0 (unknown) to the fourth, telling only who
    // has a value, so they are left out with a warning and the recency rank is the whole score.
    expect([...result.score]).toEqual([87.5, 12.5, 62.5, 37.5]);
    expect(result.warnings).toEqual([
      {
        code: "GRADING_UNINFORMATIVE_DIMENSION",
        params: { scheme: "test", dimension: "orders", reason: "constant" },
      },
    ]);
    expect(result.explain(3).components[1]).toEqual({
      field: "orders",
      value: null,
      normalized: null,
      weight: 1,
      contribution: 0,
      uninformative: true,
    });
    expect(result.explain(0).components[1]).toMatchObject({
      normalized: 50,
      contribution: 0,
      uninformative: true,
    });
  });

  it("rounds scores so that a hand-exact score meets its threshold", () => {
    // 0.1·70 + 0.2·90 = 25 by hand, 25.000000000000004 in floating point; / 0.3 = 83.33…
    const tenths: GradingScheme = {
      ...scheme({ method: "thresholds", min: { A: 90, B: 83.333333333, C: 10 } }),
      dimensions: [
        { field: "a", weight: 0.1, normalize: { method: "minmax", min: 0, max: 100 } },
        { field: "b", weight: 0.2, normalize: { method: "minmax", min: 0, max: 100 } },
      ],
    };
    const result = gradeCustomers(tenths, { customerIds: [1], numeric: { a: [70], b: [90] } }, { asOf });
    expect(result.score[0]).toBe(83.333333333);
    expect(result.grade).toEqual(["B"]);
  });

  it("does not depend on the order of the customers", () => {
    const shares = scheme({ method: "shares", shares: { A: 0.2, B: 0.3, C: 0.3 } });
    fc.assert(
      fc.property(
        fc
          .array(fc.record({ clv: fc.integer({ min: 0, max: 8 }), days: fc.integer({ min: 0, max: 5 }) }), {
            minLength: 1,
            maxLength: 60,
          })
          .chain((rows) => {
            const indices = rows.map((_, i) => i);
            const permutation = fc.shuffledSubarray(indices, {
              minLength: rows.length,
              maxLength: rows.length,
            });
            return fc.tuple(fc.constant(rows), permutation);
          }),
        ([rows, shuffled]) => {
          const run = (order: number[]) =>
            gradeCustomers(
              shares,
              {
                customerIds: order,
                numeric: {
                  clv: order.map((i) => rows[i]!.clv),
                  recency_days: order.map((i) => rows[i]!.days),
                },
                categorical: { credit_grade: order.map(() => "good") },
              },
              { asOf },
            );
          const a = run(rows.map((_, i) => i));
          const b = run(shuffled);
          shuffled.forEach((customer, k) => {
            expect(b.grade[k]).toBe(a.grade[customer]);
          });
        },
      ),
    );
  });
});

describe("gradeCustomers: override rules", () => {
  const grade = (overrides: OverrideRule[]) => gradeCustomers(scheme(THRESHOLDS, overrides), input, { asOf });
  // By score: A A B C B C D C D D

  it("caps with atMost", () => {
    const result = grade([{ when: { field: "recency_days", gte: 100 }, atMost: "C" }]);
    // Days ≥ 100: customers 4 (B → C), 6, 8, 9 (D already).
    expect(result.grade).toEqual(["A", "A", "B", "C", "C", "C", "D", "C", "D", "D"]);
    expect(result.explain(4).overrides).toEqual([{ rule: 0, effect: "atMost", grade: "C", applied: true }]);
    expect(result.explain(6).overrides).toEqual([{ rule: 0, effect: "atMost", grade: "C", applied: false }]);
    expect(result.scoreGrade[4]).toBe("B");
  });

  it("raises with atLeast", () => {
    const reason = { "zh-CN": "信用一般", en: "Fair credit" };
    const result = grade([{ when: { field: "credit_grade", in: ["fair"] }, atLeast: "B", reason }]);
    // Fair: customers 2 (B), 5 (C → B), 6 (D → B).
    expect(result.grade).toEqual(["A", "A", "B", "C", "B", "B", "B", "C", "D", "D"]);
    expect(result.explain(6).overrides).toEqual([
      { rule: 0, effect: "atLeast", grade: "B", applied: true, reason },
    ]);
  });

  it("sets a grade", () => {
    const result = grade([{ when: { field: "recency_days", eq: 0 }, set: "C" }]);
    expect(result.grade[0]).toBe("C");
    expect(result.grade.slice(1)).toEqual(["A", "B", "C", "B", "C", "D", "C", "D", "D"]);
  });

  it("flags without touching the grade, once per flag", () => {
    const result = grade([
      { when: { field: "clv", gte: 800 }, flag: "vip" },
      { when: { field: "credit_grade", in: ["good"] }, flag: "vip" },
      { when: { field: "credit_grade", in: ["poor"] }, flag: "collect" },
    ]);
    expect(result.grade).toEqual(["A", "A", "B", "C", "B", "C", "D", "C", "D", "D"]);
    expect(result.flags).toEqual([["vip"], ["vip"], [], ["collect"], ["vip"], [], [], [], ["collect"], []]);
    expect(result.explain(0).flags).toEqual(["vip"]);
    expect(result.explain(0).overrides.map((o) => [o.rule, o.applied])).toEqual([
      [0, true],
      [1, true],
    ]);
  });

  it("takes the strictest rule of each kind, and caps last", () => {
    const result = grade([
      { when: { field: "clv", gt: 850 }, atMost: "B" },
      { when: { field: "recency_days", lte: 0 }, atMost: "C" },
      { when: { field: "clv", gte: 800 }, atLeast: "A" },
      { when: { field: "clv", lte: 100 }, set: "D" },
      { when: { field: "clv", lte: 100 }, atLeast: "B" },
      { when: { field: "clv", lt: 60 }, set: "C" },
      { when: { field: "clv", lt: 60 }, set: "B" },
    ]);
    // 0: caps B and C → C (even though atLeast A matches). 1: atLeast A, no cap → A.
    // 8: set D, then atLeast B → B. 9: sets D, C and B → the lowest, D, which it already had (so
    // no set rule changed it); then atLeast B → B.
    expect(result.grade).toEqual(["C", "A", "B", "C", "B", "C", "D", "C", "B", "B"]);
    const zero = result.explain(0);
    expect(zero.ruleGrade).toBe("C");
    expect(zero.overrides.map((o) => [o.rule, o.effect, o.applied])).toEqual([
      [0, "atMost", false],
      [1, "atMost", true],
      [2, "atLeast", false],
    ]);
    expect(result.explain(9).overrides.map((o) => [o.rule, o.applied])).toEqual([
      [3, false],
      [4, true],
      [5, false],
      [6, false],
    ]);
  });

  it("never matches an unknown value", () => {
    const result = grade([
      { when: { field: "recency_days", lt: 1000 }, flag: "known" },
      { when: { field: "credit_grade", in: ["good", "fair", "poor", "unrated"] }, flag: "rated" },
    ]);
    const withNaN = gradeCustomers(
      scheme(THRESHOLDS, [{ when: { field: "clv", lt: 1000 }, flag: "known" }]),
      { ...input, numeric: { ...input.numeric, clv: [Number.NaN, ...CLV.slice(1)] } },
      { asOf },
    );
    expect(withNaN.flags[0]).toEqual([]);
    expect(result.flags[7]).toEqual(["known"]);
    expect(result.flags.filter((flags) => flags.includes("rated"))).toHaveLength(9);
  });
});

describe("gradeCustomers: pins", () => {
  const capped = scheme(THRESHOLDS, [{ when: { field: "credit_grade", in: ["poor"] }, atMost: "D" }]);
  const pin = { customerId: 104, grade: "A", reason: "战略合作伙伴", author: "wang", until: "2026-03-31" };

  it("beat the score and the rules up to and including their last day", () => {
    const result = gradeCustomers(capped, input, { asOf, pins: [pin] });
    expect(result.grade[3]).toBe("A");
    expect(result.pinned).toBe(1);
    const explanation = result.explain(3);
    expect(explanation).toMatchObject({ scoreGrade: "C", ruleGrade: "D", grade: "A", pin });
    expect(explanation.overrides).toEqual([{ rule: 0, effect: "atMost", grade: "D", applied: true }]);
  });

  it("are ignored once expired, even with a grade the scheme no longer has", () => {
    const old = { ...pin, grade: "AA" };
    const result = gradeCustomers(capped, input, { asOf: "2026-04-01", pins: [pin, old] });
    expect(result.grade[3]).toBe("D");
    expect(result.pinned).toBe(0);
    expect(result.explain(3).pin).toBeUndefined();
  });

  it("last for good without an end date; pins of other customers change nothing", () => {
    const forever = { customerId: 110, grade: "B", reason: "新签大单", author: "li" };
    const elsewhere = { customerId: 999, grade: "A", reason: "", author: "li" };
    const result = gradeCustomers(capped, input, { asOf: "2099-01-01", pins: [forever, elsewhere] });
    expect(result.grade).toEqual(["A", "A", "B", "D", "B", "C", "D", "C", "D", "B"]);
    expect(result.pinned).toBe(1);
  });

  it("must name a grade of the scheme, and one customer has one pin at a time", () => {
    expect(() => gradeCustomers(capped, input, { asOf, pins: [{ ...pin, grade: "S" }] })).toThrow(
      expect.objectContaining({ code: "GRADING_UNKNOWN_GRADE" }),
    );
    expect(
      thrownText(() => gradeCustomers(capped, input, { asOf, pins: [{ ...pin, grade: "S" }] }), "zh-CN"),
    ).toBe("pins[0] 的等级 S 不在方案 test 中；方案的等级为：A, B, C, D。");
    expect(() => gradeCustomers(capped, input, { asOf, pins: [pin, { ...pin, until: undefined }] })).toThrow(
      expect.objectContaining({ code: "GRADING_DUPLICATE_PIN" }),
    );
    expect(() => gradeCustomers(capped, input, { asOf, pins: [{ ...pin, until: "2026-02-30" }] })).toThrow(
      expect.objectContaining({ code: "GRADING_INVALID_OPTION" }),
    );
  });
});

describe("gradeCustomers: input errors", () => {
  it("names a field the input lacks, where the scheme uses it, and the fields there are", () => {
    const { clv: _, ...numeric } = input.numeric!;
    expect(() => gradeCustomers(scheme(THRESHOLDS), { ...input, numeric }, { asOf })).toThrow(
      "dimensions[0] uses the field clv, which the input does not have. Available fields: credit_grade, recency_days.",
    );
    const rule = scheme(THRESHOLDS, [{ when: { field: "open_complaints", gt: 0 }, flag: "complaint" }]);
    expect(() => gradeCustomers(rule, input, { asOf })).toThrow(
      expect.objectContaining({
        code: "GRADING_UNKNOWN_FIELD",
        params: expect.objectContaining({ where: "overrides[0].when" }),
      }),
    );
  });

  it("checks the kind and length of each column", () => {
    const swapped = {
      ...input,
      numeric: { ...input.numeric, credit_grade: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
      categorical: {},
    };
    expect(() => gradeCustomers(scheme(THRESHOLDS), swapped, { asOf })).toThrow(
      "dimensions[2] needs a categorical field, but credit_grade in the input is numeric.",
    );
    const short = { ...input, numeric: { ...input.numeric, clv: [1, 2, 3] } };
    expect(() => gradeCustomers(scheme(THRESHOLDS), short, { asOf })).toThrow(
      expect.objectContaining({
        code: "GRADING_LENGTH_MISMATCH",
        params: { column: "clv", actual: 3, expected: 10 },
      }),
    );
    expect(() => gradeCustomers(scheme(THRESHOLDS), input, { asOf: "31.03.2026" })).toThrow(
      expect.objectContaining({ code: "GRADING_INVALID_OPTION" }),
    );
  });

  it("checks the scheme again, so a scheme built in code fails like one read from a file", () => {
    const broken = { ...scheme(THRESHOLDS), assign: { method: "thresholds", min: { A: 80 } } } as const;
    expect(() => gradeCustomers(broken, input, { asOf })).toThrow(
      expect.objectContaining({ code: "GRADING_INVALID_SCHEME" }),
    );
  });

  it("grades an empty customer list", () => {
    const result = gradeCustomers(
      scheme({ method: "shares", shares: { A: 0.5, B: 0.2, C: 0.1 } }),
      {
        customerIds: [],
        numeric: { clv: [], recency_days: [] },
        categorical: { credit_grade: [] },
      },
      { asOf },
    );
    expect(result.grade).toEqual([]);
  });
});
