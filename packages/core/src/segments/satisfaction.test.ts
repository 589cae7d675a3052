import { describe, expect, it } from "vitest";
import {
  csi,
  isLowSatisfaction,
  loyaltyIndex,
  npsByGroup,
  npsCategories,
  npsSummary,
} from "./satisfaction.ts";

describe("NPS", () => {
  it("computes % promoters − % detractors over valid answers", () => {
    const s = npsSummary([10, 9, 8, 7, 6, 0, Number.NaN, 11, -1, 9]);
    expect(s).toMatchObject({ responses: 7, promoters: 3, passives: 2, detractors: 2 });
    expect(s.nps).toBeCloseTo(100 / 7, 12);
    expect(npsSummary([]).nps).toBeNaN();
    expect(npsSummary([10, 10]).nps).toBe(100);
    expect(npsSummary([0, 6]).nps).toBe(-100);
  });

  it("categorizes each customer's latest answer at the band edges", () => {
    expect(npsCategories([0, 6, 7, 8, 9, 10, Number.NaN])).toEqual([
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
      "unanswered",
    ]);
  });

  it("tells a customer who gave only a satisfaction score from one who never answered", () => {
    const nps = [Number.NaN, Number.NaN, Number.NaN, 3, Number.NaN];
    const satisfaction = [4, 1, Number.NaN, 5, 0];
    expect(npsCategories(nps, satisfaction)).toEqual([
      "csat_only",
      "csat_only",
      "unanswered",
      "detractor", // an NPS answer decides, whatever the satisfaction score
      "unanswered", // 0 is off the 1–5 scale: no score
    ]);
    expect(npsCategories(nps)).toEqual(new Array(5).fill("unanswered").fill("detractor", 3, 4));
    expect(() => npsCategories(nps, [1, 2])).toThrow();
  });

  it("calls 1 and 2 of 5 low satisfaction, nothing else", () => {
    expect([0, 1, 2, 2.5, 3, 5, Number.NaN].map(isLowSatisfaction)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it("reports per segment", () => {
    const byGroup = npsByGroup([10, 0, 9, 8, Number.NaN], ["champions", "champions", "lost", "lost", "new"]);
    expect([...byGroup.keys()]).toEqual(["champions", "lost", "new"]);
    expect(byGroup.get("champions")!.nps).toBe(0);
    expect(byGroup.get("lost")!.nps).toBe(50);
    expect(byGroup.get("new")!.responses).toBe(0);
  });
});

describe("CSI", () => {
  const answers = { item: [0, 0, 0, 1, 1, 1], score: [5, 4, 3, 2, 2, 6] };

  it("maps item means 1..5 onto 0..100 and averages them", () => {
    const result = csi(answers);
    expect(result.items).toEqual([
      { item: 0, responses: 3, mean: 4, index: 75 },
      { item: 1, responses: 2, mean: 2, index: 25 },
    ]);
    expect(result.overall).toBe(50);
  });

  it("weights items by importance and skips unanswered items", () => {
    expect(csi(answers, { weights: [3, 1] }).overall).toBe(62.5);
    const withEmpty = csi(answers, { itemCount: 3, weights: [1, 1, 5] });
    expect(withEmpty.items[2]!.responses).toBe(0);
    expect(withEmpty.overall).toBe(50);
  });
});

describe("loyaltyIndex", () => {
  it("combines repeat, tenure, NPS and P(alive), reweighting unknown parts", () => {
    const index = loyaltyIndex({
      frequency: [6, 1, 3, 0],
      tenureDays: [1095, 0, 547.5, Number.NaN],
      latestNps: [10, Number.NaN, Number.NaN, 10],
      pAlive: [1, Number.NaN, 0.5, 1],
    });
    expect(index[0]).toBeCloseTo(100, 12);
    expect(index[1]).toBe(0);
    // (0.3·0.4 + 0.2·0.5 + 0.25·0.5) / 0.75
    expect(index[2]).toBeCloseTo(46, 12);
    expect(index[3]).toBe(0);
  });
});
