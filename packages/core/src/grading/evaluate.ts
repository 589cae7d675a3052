/**
 * Grades every customer with one scheme: score → grade by thresholds or shares → override rules
 * → manual pins. The work runs column by column over typed arrays, without an object per
 * customer, so that a million customers take about a second at most; the explanation of one customer's grade ("why is this customer B?")
 * is built only when asked, from the columns kept for it.
 */

import { isIsoDate } from "../calendar/dates.ts";
import { gradesByShares, gradesByThresholds } from "./assign.ts";
import { checkLength, GradingError, invalidOption } from "./errors.ts";
import { kindName } from "./messages.ts";
import {
  type NormalizedColumn,
  normalizeCategorical,
  normalizeNumeric,
  type UninformativeReason,
} from "./normalize.ts";
import {
  applyOverrides,
  type CategoricalColumn,
  type CompiledRule,
  compileRule,
  conditionTest,
  explainOverrides,
  type NumericColumn,
  type OverrideApplication,
} from "./overrides.ts";
import { type Dimension, type GradingScheme, parseScheme } from "./scheme.ts";

/**
 * One column per field, index i the same customer everywhere (see GRADING_FIELDS for the names
 * the engine provides). Numeric columns use `NaN` for unknown values, categorical ones `null`.
 * Only the fields the scheme uses need to be present.
 */
export interface GradingInput {
  readonly customerIds: ArrayLike<number>;
  readonly numeric?: Readonly<Record<string, NumericColumn>>;
  readonly categorical?: Readonly<Record<string, CategoricalColumn>>;
}

/**
 * A grade set by hand, which beats the score and the rules while it lasts: from the as-of date
 * of a run up to and including `until` ("YYYY-MM-DD"), or for good without it. The reason and
 * the author are kept with every assignment it decides.
 */
export interface GradePin {
  readonly customerId: number;
  readonly grade: string;
  readonly reason: string;
  readonly author: string;
  readonly until?: string;
}

export interface GradingOptions {
  /** The day the grades are for, "YYYY-MM-DD"; decides which pins are still in force. */
  readonly asOf: string;
  readonly pins?: readonly GradePin[];
}

/** One dimension's part in a customer's score. */
export interface ScoreComponent {
  readonly field: string;
  /** The customer's value of the field; `null` when unknown. */
  readonly value: number | string | null;
  /** The dimension score 0–100 used; `null` when an unknown value leaves the dimension out ("skip"). */
  readonly normalized: number | null;
  readonly weight: number;
  /** weight × normalized ÷ the weights used for this customer: the components add up to the score. */
  readonly contribution: number;
  /** Set when the value was unknown (or not in a map) and the dimension's missing-value policy decided. */
  readonly missing?: true;
  /** Set when the dimension told no customer apart in this run and was left out of every score. */
  readonly uninformative?: true;
}

/**
 * Something about a grading the people who own the grades should know. Rendered at the edge
 * (`gradingWarningText`) in the reader's language.
 *
 * GRADING_UNINFORMATIVE_DIMENSION: the dimension (its field) had no known value, or the same
 * value to rounding for every customer, and was left out of the scores (see `gradeCustomers`).
 */
export interface GradingWarning {
  readonly code: "GRADING_UNINFORMATIVE_DIMENSION";
  readonly params: {
    readonly scheme: string;
    readonly dimension: string;
    readonly reason: UninformativeReason;
  };
}

/** Why a customer has its grade; JSON-serialisable, stored with each assignment. */
export interface GradeExplanation {
  readonly customerId: number;
  readonly scheme: string;
  readonly version: number;
  readonly asOf: string;
  /** Weighted mean of the dimension scores, 0–100. */
  readonly score: number;
  /** The grade the score alone gave. */
  readonly scoreGrade: string;
  /** The grade after the override rules, before any pin. */
  readonly ruleGrade: string;
  /** The grade assigned. */
  readonly grade: string;
  readonly components: readonly ScoreComponent[];
  /** Every rule that matched the customer, in scheme order. */
  readonly overrides: readonly OverrideApplication[];
  readonly flags: readonly string[];
  readonly pin?: GradePin;
}

export interface GradingResult {
  readonly scheme: string;
  readonly version: number;
  readonly asOf: string;
  readonly customerIds: ArrayLike<number>;
  /** The grade assigned to each customer. */
  readonly grade: readonly string[];
  /** Each customer's score, 0–100. */
  readonly score: Float64Array;
  /** What the score alone gave, before rules and pins. */
  readonly scoreGrade: readonly string[];
  /** The grade after the override rules, before pins. */
  readonly ruleGrade: readonly string[];
  /**
   * The dimension scores 0–100, one column per dimension in scheme order; `NaN` where the value
   * was unknown (the missing-value policy then decided). For storing the components in bulk
   * without building explanations.
   */
  readonly dimensionScores: readonly Float64Array[];
  /** Flags raised by the rules, per customer (mostly empty). */
  readonly flags: readonly (readonly string[])[];
  /** Number of customers whose grade a pin decided. */
  readonly pinned: number;
  /** What the grading could not do as the scheme says (dimensions that told nobody apart), in scheme order. */
  readonly warnings: readonly GradingWarning[];
  /** The rules that matched customer i and what each did (the `overrides` of `explain(i)`). */
  matchedRules(i: number): OverrideApplication[];
  /** The pin that decided customer i's grade, if any. */
  pinnedAt(i: number): GradePin | undefined;
  /** Why customer i has its grade. */
  explain(i: number): GradeExplanation;
  /** Every customer's explanation, in input order. */
  explainAll(): GradeExplanation[];
}

/**
 * A dimension resolved against the input: its raw column, its 0–100 scores (NaN = unknown), and
 * why it told nobody apart, when it did not (then it has no weight in any score).
 */
interface ScoredDimension {
  readonly dimension: Dimension;
  readonly raw: NumericColumn | CategoricalColumn;
  readonly normalized: Float64Array;
  readonly uninformative?: UninformativeReason;
}

/**
 * Grades the customers of `input` with `scheme` (checked again with `parseScheme`, so a scheme
 * built in code gets the same errors as one read from a file).
 *
 * 1. Score: each dimension's values become 0–100 scores (see Normalization); an unknown value
 *    scores the dimension's `missing` policy (default 0, or "skip"); the score is the weighted
 *    mean Σ w·s / Σ w over the dimensions used, rounded to 1e-9 so that a score that is 80 by
 *    hand is not 79.99999999999999 and below an 80 threshold.
 *    A dimension that tells nobody apart in this input (no known value, or known values all
 *    equal to rounding under a relative normalisation: see normalize.ts) is left out of every
 *    customer's mean, and a warning says so. Its weight thus goes to the other dimensions in
 *    proportion to theirs, as "skip" does for one customer: a constant would add the same
 *    points to everyone, which changes no order but squeezes every score towards it, so that
 *    score thresholds (strategic from 88) would no longer mean what the scheme says; and the
 *    known/unknown split of a constant column says only who has a value, not what it measures.
 * 2. Grade by thresholds or target shares (see `gradesByShares`).
 * 3. Override rules: set, then atLeast, then atMost, the strictest of each kind; flags.
 * 4. Pins in force on `asOf` replace the grade.
 */
export function gradeCustomers(
  scheme: GradingScheme,
  input: GradingInput,
  options: GradingOptions,
): GradingResult {
  const checked = parseScheme(scheme);
  const { asOf } = options;
  if (!isIsoDate(asOf)) throw invalidOption("asOf", asOf, "YYYY-MM-DD");
  const n = input.customerIds.length;
  const gradeCodes = checked.grades.map((grade) => grade.code);
  const gradeIndex = new Map(gradeCodes.map((code, k) => [code, k]));

  const dimensions = checked.dimensions.map((dimension, k) => scoreDimension(dimension, k, input, n));
  const warnings: GradingWarning[] = [];
  for (const { dimension, uninformative } of dimensions) {
    if (uninformative === undefined) continue;
    warnings.push({
      code: "GRADING_UNINFORMATIVE_DIMENSION",
      params: { scheme: checked.name, dimension: dimension.field, reason: uninformative },
    });
  }
  const score = weightedScores(dimensions, n);
  const scoreGradeIndex = assignGrades(checked, score);

  const rules: CompiledRule[] = (checked.overrides ?? []).map((rule, k) => {
    const kind = rule.when.in !== undefined ? "categorical" : "numeric";
    const column = resolveField(input, rule.when.field, kind, `overrides[${k}].when`, n);
    return compileRule(rule, k, gradeIndex, conditionTest(rule.when, column));
  });
  const ruleGradeIndex = scoreGradeIndex.slice();
  const flags = applyOverrides(ruleGradeIndex, rules);
  const gradeIndices = ruleGradeIndex.slice();

  const pins = activePins(options.pins ?? [], asOf, gradeIndex, checked);
  const pinOf = new Map<number, GradePin>();
  if (pins.size > 0) {
    for (let i = 0; i < n; i++) {
      const pin = pins.get(input.customerIds[i]!);
      if (pin === undefined) continue;
      gradeIndices[i] = gradeIndex.get(pin.grade)!;
      pinOf.set(i, pin);
    }
  }

  const grade = codesOf(gradeIndices, gradeCodes);
  const scoreGrade = codesOf(scoreGradeIndex, gradeCodes);
  const ruleGrade = codesOf(ruleGradeIndex, gradeCodes);

  const checkIndex = (i: number) => {
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw invalidOption("i", i, `0 … ${n - 1}`);
  };
  const matchedRules = (i: number) => {
    checkIndex(i);
    return explainOverrides(scoreGradeIndex[i]!, rules, i, gradeCodes).applications;
  };
  const explain = (i: number): GradeExplanation => {
    checkIndex(i);
    const ruled = explainOverrides(scoreGradeIndex[i]!, rules, i, gradeCodes);
    const explanation: GradeExplanation = {
      customerId: input.customerIds[i]!,
      scheme: checked.name,
      version: checked.version,
      asOf,
      score: score[i]!,
      scoreGrade: scoreGrade[i]!,
      ruleGrade: gradeCodes[ruled.grade]!,
      grade: grade[i]!,
      components: explainScore(dimensions, i),
      overrides: ruled.applications,
      flags: flags[i]!.slice(),
    };
    const pin = pinOf.get(i);
    return pin ? { ...explanation, pin } : explanation;
  };

  return {
    scheme: checked.name,
    version: checked.version,
    asOf,
    customerIds: input.customerIds,
    grade,
    score,
    scoreGrade,
    ruleGrade,
    dimensionScores: dimensions.map((dimension) => dimension.normalized),
    flags,
    pinned: pinOf.size,
    warnings,
    matchedRules,
    pinnedAt: (i) => pinOf.get(i),
    explain,
    explainAll: () => Array.from({ length: n }, (_, i) => explain(i)),
  };
}

/** The input column of a field, checked for kind and length; the error lists the fields there are. */
function resolveField(
  input: GradingInput,
  field: string,
  kind: "numeric" | "categorical",
  where: string,
  n: number,
): NumericColumn | CategoricalColumn {
  const numeric = input.numeric ?? {};
  const categorical = input.categorical ?? {};
  const found: NumericColumn | CategoricalColumn | undefined = Object.hasOwn(numeric, field)
    ? numeric[field]
    : Object.hasOwn(categorical, field)
      ? categorical[field]
      : undefined;
  if (found === undefined) {
    const available = [...Object.keys(numeric), ...Object.keys(categorical)].sort().join(", ") || "—";
    throw new GradingError("GRADING_UNKNOWN_FIELD", { field, where, available });
  }
  const actual = Object.hasOwn(numeric, field) ? "numeric" : "categorical";
  if (actual !== kind) {
    throw new GradingError("GRADING_FIELD_KIND", {
      field,
      where,
      expected: kindName(kind),
      actual: kindName(actual),
    });
  }
  checkLength(field, found.length, n);
  return found;
}

function scoreDimension(dimension: Dimension, k: number, input: GradingInput, n: number): ScoredDimension {
  const where = `dimensions[${k}]`;
  const { normalize } = dimension;
  const scored = (raw: NumericColumn | CategoricalColumn, column: NormalizedColumn): ScoredDimension =>
    column.uninformative === undefined
      ? { dimension, raw, normalized: column.scores }
      : { dimension, raw, normalized: column.scores, uninformative: column.uninformative };
  if (normalize.method === "map") {
    const raw = resolveField(input, dimension.field, "categorical", where, n) as CategoricalColumn;
    return scored(raw, normalizeCategorical(raw, normalize));
  }
  const raw = resolveField(input, dimension.field, "numeric", where, n) as NumericColumn;
  const lowerIsBetter = dimension.direction === "lower_is_better";
  return scored(raw, normalizeNumeric(raw, normalize, lowerIsBetter));
}

/**
 * Σ w·s / Σ w per customer, with the missing-value policy of each dimension; uninformative
 * dimensions count for nobody.
 */
function weightedScores(dimensions: readonly ScoredDimension[], n: number): Float64Array {
  const sums = new Float64Array(n);
  const skips = dimensions.some(({ dimension }) => dimension.missing === "skip");
  // Without "skip" every customer uses every weight; only then is one total enough.
  const weightSums = skips ? new Float64Array(n) : undefined;
  let totalWeight = 0;
  for (const { dimension, normalized, uninformative } of dimensions) {
    if (uninformative !== undefined) continue;
    const w = dimension.weight;
    const missing = dimension.missing ?? 0;
    totalWeight += w;
    for (let i = 0; i < n; i++) {
      let s = normalized[i]!;
      if (Number.isNaN(s)) {
        if (missing === "skip") continue;
        s = missing;
      }
      sums[i]! += w * s;
      if (weightSums) weightSums[i]! += w;
    }
  }
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const weight = weightSums ? weightSums[i]! : totalWeight;
    score[i] = weight > 0 ? roundScore(sums[i]! / weight) : 0;
  }
  return score;
}

function roundScore(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function assignGrades(scheme: GradingScheme, score: Float64Array): Uint8Array {
  const upper = scheme.grades.slice(0, -1).map((grade) => grade.code);
  const { assign } = scheme;
  if (assign.method === "thresholds") {
    const minimums = upper.map((code) => assign.min[code]!);
    return gradesByThresholds(score, minimums);
  }
  const shares = upper.map((code) => assign.shares[code]!);
  return gradesByShares(score, shares);
}

/** Pins in force on `asOf`, by customer id; at most one per customer. */
function activePins(
  pins: readonly GradePin[],
  asOf: string,
  gradeIndex: ReadonlyMap<string, number>,
  scheme: GradingScheme,
): Map<number, GradePin> {
  const active = new Map<number, { pin: GradePin; at: number }>();
  pins.forEach((pin, k) => {
    if (pin.until !== undefined && !isIsoDate(pin.until)) {
      throw invalidOption(`pins[${k}].until`, pin.until, "YYYY-MM-DD");
    }
    if (!Number.isFinite(pin.customerId)) {
      throw invalidOption(`pins[${k}].customerId`, pin.customerId, "a customer id");
    }
    // An expired pin is history: it may name a grade of an earlier version of the scheme.
    if (pin.until !== undefined && pin.until < asOf) return;
    if (!gradeIndex.has(pin.grade)) {
      throw new GradingError("GRADING_UNKNOWN_GRADE", {
        where: `pins[${k}]`,
        grade: pin.grade,
        scheme: scheme.name,
        grades: [...gradeIndex.keys()].join(", "),
      });
    }
    const before = active.get(pin.customerId);
    if (before) {
      throw new GradingError("GRADING_DUPLICATE_PIN", {
        customerId: pin.customerId,
        first: before.at,
        second: k,
      });
    }
    active.set(pin.customerId, { pin, at: k });
  });
  return new Map([...active].map(([id, { pin }]) => [id, pin]));
}

function codesOf(indices: Uint8Array, codes: readonly string[]): string[] {
  const out = new Array<string>(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = codes[indices[i]!]!;
  return out;
}

function explainScore(dimensions: readonly ScoredDimension[], i: number): ScoreComponent[] {
  let weightUsed = 0;
  for (const { dimension, normalized, uninformative } of dimensions) {
    if (uninformative !== undefined) continue;
    if (!Number.isNaN(normalized[i]!) || dimension.missing !== "skip") weightUsed += dimension.weight;
  }
  const components = new Array<ScoreComponent>(dimensions.length);
  for (let d = 0; d < dimensions.length; d++) {
    const { dimension, raw, normalized, uninformative } = dimensions[d]!;
    const { field, weight } = dimension;
    const value = knownValue(raw[i]);
    const s = normalized[i]!;
    if (uninformative !== undefined) {
      const shown = Number.isNaN(s) ? null : s;
      components[d] = { field, value, normalized: shown, weight, contribution: 0, uninformative: true };
    } else if (!Number.isNaN(s)) {
      components[d] = { field, value, normalized: s, weight, contribution: (weight * s) / weightUsed };
    } else if (dimension.missing === "skip") {
      components[d] = { field, value, normalized: null, weight, contribution: 0, missing: true };
    } else {
      const fallback = dimension.missing ?? 0;
      const contribution = (weight * fallback) / weightUsed;
      components[d] = { field, value, normalized: fallback, weight, contribution, missing: true };
    }
  }
  return components;
}

/** A column value for JSON: unknown (`NaN`, `null`) becomes `null`. */
function knownValue(value: number | string | null | undefined): number | string | null {
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  return value ?? null;
}
