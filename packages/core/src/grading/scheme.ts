/**
 * A grading scheme is data: written as JSON or YAML, stored in the database with a version, and
 * edited by the people who own the grades rather than by programmers. This module defines its
 * shape and checks a document against it; every problem is reported with its place in the
 * document (`dimensions[2].weight: must be > 0`), in the user's language, all at once.
 */

import { z } from "zod";
import { zodIssueTexts } from "../i18n/document-issues.ts";
import type { Locale, Message } from "../i18n/i18n.ts";
import { GradingError, type SchemeIssue, schemeIssueText } from "./errors.ts";
import { CATEGORICAL_FIELD_CODES, type GradingCategoricalField, gradingFieldKind } from "./fields.ts";
import { type GradingProblemKey, isProblemKey } from "./messages.ts";

/** One grade of a scheme. `code` is what is stored and compared; `label` is what people read. */
export interface GradeDefinition {
  readonly code: string;
  readonly label: Message;
  readonly description?: Message;
}

/**
 * How the values of one field become a 0–100 score.
 *
 * - `rank`: the mid-rank percentile among the customers whose value is known, × 100; equal values
 *   score the same. Robust to the few huge customers that dominate money amounts.
 * - `minmax`: (v − min) / (max − min) × 100, with min and max of the known values, or fixed ones
 *   (values outside are clipped) so that a score means the same in every run. When every value
 *   is the same the score is 50.
 * - `bands`: the score of the highest band whose `min` ≤ v (bands in ascending `min`); values
 *   below the first band score like the first band.
 * - `map`: a categorical value's score from `scores`; values not listed score `other`, or count
 *   as unknown without it.
 */
export type Normalization =
  | { readonly method: "rank" }
  | { readonly method: "minmax"; readonly min?: number; readonly max?: number }
  | { readonly method: "bands"; readonly bands: readonly ScoreBand[] }
  | { readonly method: "map"; readonly scores: Readonly<Record<string, number>>; readonly other?: number };

export interface ScoreBand {
  readonly min: number;
  readonly score: number;
}

/**
 * One input of the score. `direction: "lower_is_better"` turns `rank` and `minmax` round (days
 * since the last purchase, churn risk); `bands` and `map` spell their scores out instead.
 * `missing` is the score of a customer whose value is unknown (`NaN` or `null`): a number 0–100
 * (default 0: no evidence earns nothing), or "skip" to leave the dimension out of that
 * customer's weighted mean, for facts most customers simply lack (an NPS answer).
 */
export interface Dimension {
  readonly field: string;
  /** Relative weight, > 0; weights need not add up to 1. */
  readonly weight: number;
  readonly normalize: Normalization;
  readonly direction?: "higher_is_better" | "lower_is_better";
  readonly missing?: number | "skip";
}

/**
 * How scores become grades.
 *
 * - `shares`: target share of customers per grade, best first, by rank of score (A 0.05 = the
 *   top 5 %); the last grade may be left out and takes the rest. Equal scores stay together,
 *   so the shares are met as closely as ties allow.
 * - `thresholds`: the minimum score of every grade but the last, strictly descending; a
 *   customer gets the first grade whose minimum the score reaches, else the last grade.
 */
export type GradeAssignment =
  | { readonly method: "shares"; readonly shares: Readonly<Record<string, number>> }
  | { readonly method: "thresholds"; readonly min: Readonly<Record<string, number>> };

/**
 * When a rule applies: `in` lists the values of a categorical field; `lt`, `lte`, `gt`, `gte`
 * and `eq` compare a numeric field (all given comparisons must hold). An unknown value never
 * matches.
 */
export interface OverrideCondition {
  readonly field: string;
  readonly in?: readonly string[];
  readonly lt?: number;
  readonly lte?: number;
  readonly gt?: number;
  readonly gte?: number;
  readonly eq?: number;
}

/**
 * A rule on top of the score, with exactly one effect: `set` a grade, raise to `atLeast` a
 * grade, cap at `atMost` a grade, or add a `flag` (a code such as "open_complaint" that tasks
 * and reports pick up) without touching the grade. `reason` is shown in the explanation.
 */
export interface OverrideRule {
  readonly when: OverrideCondition;
  readonly set?: string;
  readonly atLeast?: string;
  readonly atMost?: string;
  readonly flag?: string;
  readonly reason?: Message;
}

export interface GradingScheme {
  /** Stable code, e.g. "value"; a scheme's versions share it. */
  readonly name: string;
  /** 1, 2, …: a changed scheme is a new version, so old grade assignments keep their meaning. */
  readonly version: number;
  readonly title: Message;
  readonly description?: Message;
  /** Best first: the order is the grades' priority, and "up" and "down" in a migration. */
  readonly grades: readonly GradeDefinition[];
  readonly dimensions: readonly Dimension[];
  readonly assign: GradeAssignment;
  readonly overrides?: readonly OverrideRule[];
}

// Custom messages are problem keys, kept as Text with their params for the reader's language.
const problemMessage = (key: GradingProblemKey) => ({ error: key });

const code = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, problemMessage("grading.problem.code_format"))
  .max(64);
const text = z.string().min(1);
const message = z.strictObject({ "zh-CN": text, en: text });
const score = z.number().min(0).max(100);

const gradeSchema = z.strictObject({
  code: z
    .string()
    .regex(/^\S(.*\S)?$/, problemMessage("grading.problem.grade_code_format"))
    .max(40),
  label: message,
  description: message.optional(),
});

const normalizationSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("rank") }),
  z.strictObject({ method: z.literal("minmax"), min: z.number().optional(), max: z.number().optional() }),
  z.strictObject({
    method: z.literal("bands"),
    bands: z
      .array(z.strictObject({ min: z.number(), score }))
      .min(1)
      .max(100),
  }),
  z.strictObject({ method: z.literal("map"), scores: z.record(z.string(), score), other: score.optional() }),
]);

const dimensionSchema = z.strictObject({
  field: code,
  weight: z.number().gt(0),
  normalize: normalizationSchema,
  direction: z.enum(["higher_is_better", "lower_is_better"]).optional(),
  missing: z.union([score, z.literal("skip")], problemMessage("grading.problem.missing_policy")).optional(),
});

const assignmentSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("shares"), shares: z.record(z.string(), z.number().min(0).max(1)) }),
  z.strictObject({ method: z.literal("thresholds"), min: z.record(z.string(), score) }),
]);

const conditionSchema = z.strictObject({
  field: code,
  in: z.array(z.string()).min(1).optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  eq: z.number().optional(),
});

const overrideSchema = z.strictObject({
  when: conditionSchema,
  set: z.string().optional(),
  atLeast: z.string().optional(),
  atMost: z.string().optional(),
  flag: code.optional(),
  reason: message.optional(),
});

const schemeSchema = z
  .strictObject({
    name: code,
    version: z.number().int().positive(),
    title: message,
    description: message.optional(),
    grades: z.array(gradeSchema).min(2).max(20),
    dimensions: z.array(dimensionSchema).min(1).max(50),
    assign: assignmentSchema,
    overrides: z.array(overrideSchema).max(100).optional(),
  })
  .superRefine((scheme, ctx) => {
    const report = (path: PropertyKey[], key: GradingProblemKey, params: Record<string, unknown> = {}) =>
      ctx.addIssue({ code: "custom", path, message: key, params });
    checkConsistency(scheme, report);
  }) satisfies z.ZodType<GradingScheme>;

type Report = (path: PropertyKey[], key: GradingProblemKey, params?: Record<string, unknown>) => void;

/** The rules that tie parts of a scheme together, which the shape alone cannot say. */
function checkConsistency(scheme: GradingScheme, report: Report): void {
  const gradeIndex = new Map<string, number>();
  scheme.grades.forEach((grade, k) => {
    if (gradeIndex.has(grade.code)) {
      report(["grades", k, "code"], "grading.problem.duplicate_grade", { grade: grade.code });
    } else {
      gradeIndex.set(grade.code, k);
    }
  });
  const grades = scheme.grades.map((grade) => grade.code).join(", ");
  const checkGrade = (grade: string, path: PropertyKey[]) => {
    if (!gradeIndex.has(grade)) report(path, "grading.problem.unknown_grade", { grade, grades });
  };
  checkDimensions(scheme.dimensions, report);
  checkAssignment(scheme, checkGrade, report);
  (scheme.overrides ?? []).forEach((rule, k) => {
    checkOverride(rule, ["overrides", k], checkGrade, report);
  });
}

function checkDimensions(dimensions: readonly Dimension[], report: Report): void {
  const firstUse = new Map<string, number>();
  dimensions.forEach((dimension, k) => {
    const { field, normalize } = dimension;
    const at = (...rest: PropertyKey[]) => ["dimensions", k, ...rest];
    const first = firstUse.get(field);
    if (first !== undefined) report(at("field"), "grading.problem.duplicate_field", { field, first });
    else firstUse.set(field, k);
    const kind = gradingFieldKind(field);
    if (normalize.method === "map") {
      if (kind === "numeric") {
        report(at("normalize", "method"), "grading.problem.needs_categorical", { field });
      }
      for (const value of Object.keys(normalize.scores)) {
        checkCode(field, value, at("normalize", "scores", value), report);
      }
    } else if (kind === "categorical") {
      report(at("normalize", "method"), "grading.problem.needs_numeric", { field, method: normalize.method });
    }
    if ((normalize.method === "bands" || normalize.method === "map") && dimension.direction !== undefined) {
      report(at("direction"), "grading.problem.direction_fixed_scores", { method: normalize.method });
    }
    if (normalize.method === "bands") {
      normalize.bands.forEach((band, b) => {
        const before = normalize.bands[b - 1];
        if (before && !(band.min > before.min)) {
          report(at("normalize", "bands", b, "min"), "grading.problem.band_order", { limit: before.min });
        }
      });
    }
    if (normalize.method === "minmax" && normalize.min !== undefined && normalize.max !== undefined) {
      if (!(normalize.max > normalize.min)) {
        report(at("normalize", "max"), "grading.problem.minmax_range", { limit: normalize.min });
      }
    }
  });
}

function checkAssignment(
  scheme: GradingScheme,
  checkGrade: (grade: string, path: PropertyKey[]) => void,
  report: Report,
): void {
  const { assign, grades } = scheme;
  const last = grades[grades.length - 1]!.code;
  const values = assign.method === "shares" ? assign.shares : assign.min;
  const key = assign.method === "shares" ? "shares" : "min";
  for (const grade of Object.keys(values)) checkGrade(grade, ["assign", key, grade]);
  const missing =
    assign.method === "shares" ? "grading.problem.missing_share" : "grading.problem.missing_threshold";
  for (const grade of grades.slice(0, -1)) {
    if (!Object.hasOwn(values, grade.code)) report(["assign", key], missing, { grade: grade.code });
  }
  if (assign.method === "shares") {
    let sum = 0;
    for (const grade of grades) sum += assign.shares[grade.code] ?? 0;
    const shown = Math.round(sum * 1e6) / 1e6;
    if (Object.hasOwn(assign.shares, last)) {
      if (Math.abs(sum - 1) > 1e-9) {
        report(["assign", "shares"], "grading.problem.shares_not_one", { sum: shown });
      }
    } else if (sum > 1 + 1e-9) {
      report(["assign", "shares"], "grading.problem.shares_over_one", { sum: shown });
    }
    return;
  }
  if (Object.hasOwn(assign.min, last)) {
    report(["assign", "min", last], "grading.problem.last_threshold", { grade: last });
  }
  let previous: { code: string; min: number } | undefined;
  for (const grade of grades.slice(0, -1)) {
    const min = assign.min[grade.code];
    if (min === undefined) continue;
    if (previous && !(min < previous.min)) {
      report(["assign", "min", grade.code], "grading.problem.threshold_order", {
        previous: previous.code,
        limit: previous.min,
      });
    }
    previous = { code: grade.code, min };
  }
}

const EFFECTS = ["set", "atLeast", "atMost", "flag"] as const;
const COMPARISONS = ["lt", "lte", "gt", "gte", "eq"] as const;

function checkOverride(
  rule: OverrideRule,
  at: PropertyKey[],
  checkGrade: (grade: string, path: PropertyKey[]) => void,
  report: Report,
): void {
  const effects = EFFECTS.filter((effect) => rule[effect] !== undefined);
  if (effects.length !== 1) report(at, "grading.problem.one_effect");
  for (const effect of effects) {
    if (effect !== "flag") checkGrade(rule[effect]!, [...at, effect]);
  }
  const { when } = rule;
  const compares = COMPARISONS.some((comparison) => when[comparison] !== undefined);
  if ((when.in !== undefined) === compares) {
    report([...at, "when"], "grading.problem.one_test");
    return;
  }
  const kind = gradingFieldKind(when.field);
  if (when.in !== undefined) {
    if (kind === "numeric") {
      report([...at, "when", "in"], "grading.problem.in_on_numeric", { field: when.field });
    }
    when.in.forEach((value, j) => {
      checkCode(when.field, value, [...at, "when", "in", j], report);
    });
  } else if (kind === "categorical") {
    report([...at, "when", "field"], "grading.problem.compare_on_categorical", { field: when.field });
  }
}

/** A value of a field whose values custra defines must be one of them. */
function checkCode(field: string, value: string, path: PropertyKey[], report: Report): void {
  const codes = CATEGORICAL_FIELD_CODES[field as GradingCategoricalField];
  if (codes && !codes.includes(value)) {
    report(path, "grading.problem.unknown_code", { field, code: value, codes: codes.join(", ") });
  }
}

/**
 * Checks a scheme document (parsed JSON or YAML) and returns it typed. Throws a GradingError
 * GRADING_INVALID_SCHEME whose message lists every problem as "path: problem", and whose
 * `issues` hold them one by one, as Text for the reader's language. Problems of the shape (a missing weight, a
 * typo in a key) are reported first; the rules between parts (grade codes that exist, shares
 * that add up) once the shape is right.
 */
export function parseScheme(input: unknown): GradingScheme {
  const result = schemeSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap(describeIssue);
  throw new GradingError("GRADING_INVALID_SCHEME", { issues: issues.map(schemeIssueText) }, issues);
}

function describeIssue(issue: z.core.$ZodIssue): SchemeIssue[] {
  return zodIssueTexts(issue, isProblemKey);
}

/** A scheme text (title, grade label, reason) in `locale`. */
export function schemeText(text: Message, locale: Locale): string {
  return text[locale];
}

/** The label of a grade code in `locale`; an unknown code shows as itself. */
export function gradeLabel(scheme: GradingScheme, grade: string, locale: Locale): string {
  const definition = scheme.grades.find((candidate) => candidate.code === grade);
  return definition ? definition.label[locale] : grade;
}
