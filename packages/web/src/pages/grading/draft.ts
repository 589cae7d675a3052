/**
 * The scheme being edited, changed one simple field at a time: a dimension's weight, method
 * (rank or min–max), bounds, direction and missing-value score; a grade's share or minimum score;
 * a rule's grade or compared number. Each change gives a new scheme (the old one stays as it was),
 * which the preview and the save send as it is; the server checks it.
 */
import type { Dimension, GradingScheme, Normalization, OverrideRule } from "./grading.types.ts";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether two schemes say the same thing (their version numbers aside). */
export function sameContent(a: GradingScheme, b: GradingScheme): boolean {
  return JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });
}

export function withDimension(
  scheme: GradingScheme,
  k: number,
  change: (dimension: Writable<Dimension>) => void,
): GradingScheme {
  const dimensions = scheme.dimensions.map((dimension, index) => {
    if (index !== k) return dimension;
    const next: Writable<Dimension> = { ...dimension };
    change(next);
    return next;
  });
  return { ...scheme, dimensions };
}

/** Rank has no settings; min–max keeps the bounds it had. Bands and maps are not switched to here. */
export function withMethod(scheme: GradingScheme, k: number, method: "rank" | "minmax"): GradingScheme {
  return withDimension(scheme, k, (dimension) => {
    dimension.normalize = method === "rank" ? { method: "rank" } : { method: "minmax" };
  });
}

/** A min–max bound, or none (the data's own minimum or maximum). */
export function withBound(
  scheme: GradingScheme,
  k: number,
  bound: "min" | "max",
  value: number | null,
): GradingScheme {
  return withDimension(scheme, k, (dimension) => {
    if (dimension.normalize.method !== "minmax") return;
    const next: Writable<Extract<Normalization, { method: "minmax" }>> = { ...dimension.normalize };
    if (value === null) delete next[bound];
    else next[bound] = value;
    dimension.normalize = next;
  });
}

/** The missing-value score, "skip", or the default (0) when null. */
export function withMissing(
  scheme: GradingScheme,
  k: number,
  missing: number | "skip" | null,
): GradingScheme {
  return withDimension(scheme, k, (dimension) => {
    if (missing === null) delete dimension.missing;
    else dimension.missing = missing;
  });
}

/** A grade's target share (0–1) or minimum score; null takes it out (the last grade may go without). */
export function withAssignment(scheme: GradingScheme, grade: string, value: number | null): GradingScheme {
  const { assign } = scheme;
  const values: Record<string, number> = { ...(assign.method === "shares" ? assign.shares : assign.min) };
  if (value === null) delete values[grade];
  else values[grade] = value;
  return {
    ...scheme,
    assign:
      assign.method === "shares"
        ? { method: "shares", shares: values }
        : { method: "thresholds", min: values },
  };
}

export function withRule(
  scheme: GradingScheme,
  k: number,
  change: (rule: Omit<Writable<OverrideRule>, "when"> & { when: Writable<OverrideRule["when"]> }) => void,
): GradingScheme {
  const overrides = (scheme.overrides ?? []).map((rule, index) => {
    if (index !== k) return rule;
    const next = { ...rule, when: { ...rule.when } };
    change(next);
    return next;
  });
  return { ...scheme, overrides };
}

/** The comparisons a condition on a numeric field can make, in reading order. */
export const COMPARISONS = ["gt", "gte", "lt", "lte", "eq"] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** The rule's effect on the grade, if it has one (a flag only marks the customer). */
export function gradeEffect(
  rule: OverrideRule,
): { kind: "set" | "atLeast" | "atMost"; grade: string } | null {
  for (const kind of ["set", "atLeast", "atMost"] as const) {
    const grade = rule[kind];
    if (grade !== undefined) return { kind, grade };
  }
  return null;
}
