import { describe, expect, it } from "vitest";
import { renderedIssues, thrownText } from "../errors/thrown.fixture.ts";
import { VALUE_SCHEME } from "./builtin.ts";
import { GradingError, isGradingError } from "./errors.ts";
import { gradeLabel, parseScheme, schemeText } from "./scheme.ts";

/** A valid scheme as a plain JSON document, to break one part at a time. */
function document(): Record<string, unknown> & { dimensions: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(VALUE_SCHEME));
}

function problemsOf(input: unknown): string[] {
  try {
    parseScheme(input);
  } catch (error) {
    if (!isGradingError(error, "GRADING_INVALID_SCHEME")) throw error;
    return renderedIssues(error.issues, { key: "grading.path.root" }, "en").map(
      (issue) => `${issue.path}: ${issue.problem}`,
    );
  }
  throw new Error("the scheme was accepted");
}

describe("parseScheme", () => {
  it("accepts a scheme read back from JSON and returns it unchanged", () => {
    expect(parseScheme(document())).toEqual(VALUE_SCHEME);
  });

  it("names the place and the problem, in the locale asked for", () => {
    const doc = document();
    doc.dimensions[2]!.weight = 0;
    expect(thrownText(() => parseScheme(doc), "zh-CN")).toBe(
      "评级方案无效：dimensions[2].weight：必须大于 0",
    );
    expect(thrownText(() => parseScheme(doc), "en")).toBe(
      "The grading scheme is invalid: dimensions[2].weight: must be > 0",
    );
    expect(problemsOf(doc)).toEqual(["dimensions[2].weight: must be > 0"]);
  });

  it("reports every problem of the shape at once", () => {
    const doc = document();
    delete doc.version;
    doc.name = "Value";
    doc.dimensions[0] = { field: "clv", wieght: 1, normalize: { method: "rnk" } };
    doc.dimensions[1]!.missing = "zero";
    doc.grades = [{ code: "A", label: { "zh-CN": "A" } }];
    expect(problemsOf(doc)).toEqual([
      "name: must be lowercase letters, digits and underscores, starting with a letter",
      "version: is required",
      "grades[0].label.en: is required",
      "grades: needs at least 2 entries",
      "dimensions[0].weight: is required",
      "dimensions[0].normalize.method: must be one of rank | minmax | bands | map",
      "dimensions[0].wieght: is not a known setting (a typo?)",
      'dimensions[1].missing: must be a score from 0 to 100, or "skip" (leave the dimension out)',
    ]);
  });

  it("names wrong types and out-of-range numbers", () => {
    const doc = document();
    doc.dimensions[0]!.weight = "0.4";
    doc.version = 1.5;
    doc.assign = { method: "shares", shares: { A: 1.5, B: 0.1, C: 0.1 } };
    doc.overrides = "none";
    expect(problemsOf(doc)).toEqual([
      "version: must be a whole number",
      "dimensions[0].weight: must be a number",
      "assign.shares.A: must be ≤ 1",
      "overrides: must be a list",
    ]);
    expect(problemsOf("value")).toEqual(["scheme: must be an object (key: value pairs)"]);
  });

  it("checks that grades, shares and thresholds fit together", () => {
    const doc = document();
    doc.grades = [...(doc.grades as unknown[]), { code: "A", label: { "zh-CN": "甲", en: "A" } }];
    expect(problemsOf(doc)).toContain("grades[4].code: the grade code A is used twice");

    const shares = document();
    shares.assign = { method: "shares", shares: { A: 0.5, C: 0.6, E: 0 } };
    expect(problemsOf(shares)).toEqual([
      "assign.shares.E: the grade E does not exist (the grades are A, B, C, D)",
      "assign.shares: the share of grade B is missing (only the last grade may be left out: it takes the rest)",
      "assign.shares: the shares add up to 1.1, more than 1",
    ]);
    const allShares = document();
    allShares.assign = { method: "shares", shares: { A: 0.1, B: 0.2, C: 0.3, D: 0.3 } };
    expect(problemsOf(allShares)).toEqual([
      "assign.shares: when every grade has a share, the shares must add up to 1 (they add up to 0.9)",
    ]);
    allShares.assign = { method: "shares", shares: { A: 0.1, B: 0.2, C: 0.3, D: 0.4 } };
    expect(() => parseScheme(allShares)).not.toThrow();

    const thresholds = document();
    thresholds.assign = { method: "thresholds", min: { A: 60, B: 60, C: 70, D: 10 } };
    expect(problemsOf(thresholds)).toEqual([
      "assign.min.D: the last grade D takes every remaining customer and cannot have a minimum score",
      "assign.min.B: must be below the minimum score 60 of the grade above, A",
      "assign.min.C: must be below the minimum score 60 of the grade above, B",
    ]);
  });

  it("checks dimensions against the fields custra knows", () => {
    const doc = document();
    doc.dimensions = [
      { field: "clv", weight: 1, normalize: { method: "map", scores: { high: 100 } } },
      { field: "credit_grade", weight: 1, normalize: { method: "rank" } },
      { field: "credit_grade", weight: 1, normalize: { method: "map", scores: { Poor: 0 } } },
      {
        field: "orders",
        weight: 1,
        direction: "lower_is_better",
        normalize: {
          method: "bands",
          bands: [
            { min: 0, score: 0 },
            { min: 5, score: 50 },
            { min: 5, score: 100 },
          ],
        },
      },
      { field: "loyalty", weight: 1, normalize: { method: "minmax", min: 100, max: 0 } },
    ];
    expect(problemsOf(doc)).toEqual([
      "dimensions[0].normalize.method: clv is numeric and cannot use map; use bands, rank or minmax for numeric fields",
      "dimensions[1].normalize.method: credit_grade is categorical and cannot use rank; use map for categorical fields",
      "dimensions[2].field: the field credit_grade is already used by dimensions[1]",
      "dimensions[2].normalize.scores.Poor: credit_grade has no value Poor (its values are good, fair, poor, unrated)",
      "dimensions[3].direction: the bands method spells out its scores, so it takes no direction; set the scores instead",
      "dimensions[3].normalize.bands[2].min: band minimums must be strictly ascending: must be > 5, the band before",
      "dimensions[4].normalize.max: max must be greater than min (100)",
    ]);
  });

  it("accepts fields of the installation's own without knowing their kind", () => {
    const doc = document();
    doc.dimensions.push({ field: "store_visits", weight: 1, normalize: { method: "rank" } });
    doc.dimensions.push({
      field: "member_level",
      weight: 1,
      normalize: { method: "map", scores: { gold: 100 } },
    });
    expect(parseScheme(doc).dimensions).toHaveLength(7);
  });

  it("checks override rules: one effect, one kind of test, grades and values that exist", () => {
    const doc = document();
    doc.overrides = [
      { when: { field: "credit_grade", in: ["Poor"] }, atMost: "E" },
      { when: { field: "orders", gt: 1 }, atMost: "C", flag: "many" },
      { when: { field: "orders", gt: 1, in: ["1"] }, flag: "x" },
      { when: { field: "orders" }, flag: "x" },
      { when: { field: "orders", in: ["1"] }, set: "D" },
      { when: { field: "customer_type", eq: 1 }, atLeast: "B" },
      { when: { field: "orders", gte: 1 } },
      { when: { field: "orders", gte: 1 }, flag: "Open Complaint" },
    ];
    expect(problemsOf(doc)).toEqual([
      "overrides[7].flag: must be lowercase letters, digits and underscores, starting with a letter",
      "overrides[0].atMost: the grade E does not exist (the grades are A, B, C, D)",
      "overrides[0].when.in[0]: credit_grade has no value Poor (its values are good, fair, poor, unrated)",
      "overrides[1]: each rule needs exactly one effect: set, atLeast, atMost or flag",
      "overrides[2].when: a condition needs either in (categorical fields) or lt/lte/gt/gte/eq comparisons (numeric fields)",
      "overrides[3].when: a condition needs either in (categorical fields) or lt/lte/gt/gte/eq comparisons (numeric fields)",
      "overrides[4].when.in: orders is numeric: compare it with lt/lte/gt/gte/eq",
      "overrides[5].when.field: customer_type is categorical: list its values with in",
      "overrides[6]: each rule needs exactly one effect: set, atLeast, atMost or flag",
    ]);
  });

  it("quotes keys that are not plain names in paths", () => {
    const doc = document();
    doc.grades = [
      { code: "战略", label: { "zh-CN": "战略客户", en: "Strategic" } },
      { code: "普通", label: { "zh-CN": "普通客户", en: "Ordinary" } },
    ];
    doc.assign = { method: "thresholds", min: { 战略: 120 } };
    doc.overrides = [];
    expect(problemsOf(doc)).toEqual(['assign.min["战略"]: must be ≤ 100']);
  });

  it("is a GradingError with the issues listed one by one", () => {
    const doc = document();
    doc.dimensions[0]!.weight = -1;
    try {
      parseScheme(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GradingError);
      expect((error as GradingError).code).toBe("GRADING_INVALID_SCHEME");
      expect(renderedIssues((error as GradingError).issues, { key: "grading.path.root" }, "zh-CN")).toEqual([
        { path: "dimensions[0].weight", problem: "必须大于 0" },
      ]);
    }
  });
});

describe("scheme texts", () => {
  it("shows titles and grade labels in the locale asked for", () => {
    expect(schemeText(VALUE_SCHEME.title, "en")).toBe("Customer value grading");
    expect(gradeLabel(VALUE_SCHEME, "A", "zh-CN")).toBe("A 级 · 重要客户");
    expect(gradeLabel(VALUE_SCHEME, "D", "en")).toBe("D · Small customers");
    expect(gradeLabel(VALUE_SCHEME, "X", "en")).toBe("X");
    expect(schemeText(VALUE_SCHEME.title, "zh-CN")).toBe("客户价值分级");
  });
});
