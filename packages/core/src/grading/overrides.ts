/**
 * Override rules on top of the score. A customer matched by several rules gets, in this order:
 * the lowest grade any matching `set` rule names (the most cautious), then raised to the highest
 * matching `atLeast`, then capped at the lowest matching `atMost`. Caps come last on purpose: a
 * risk rule ("poor credit → at most C") must hold even when a promotion rule also matches.
 */
import type { Message } from "../i18n/i18n.ts";
import type { OverrideCondition, OverrideRule } from "./scheme.ts";

const EFFECTS = ["set", "atLeast", "atMost", "flag"] as const;
export type OverrideEffect = (typeof EFFECTS)[number];

/** A rule ready to run: its effect, its target grade index (-1 for a flag) and its test. */
export interface CompiledRule {
  readonly index: number;
  readonly effect: OverrideEffect;
  readonly target: number;
  readonly flag: string | undefined;
  readonly reason: Message | undefined;
  readonly matches: (i: number) => boolean;
}

/** What one matching rule did to one customer, as stored with the grade assignment. */
export interface OverrideApplication {
  /** Index of the rule in the scheme's `overrides`. */
  readonly rule: number;
  readonly effect: OverrideEffect;
  /** The grade the rule names (set, atLeast, atMost). */
  readonly grade?: string;
  readonly flag?: string;
  /**
   * Whether this rule changed the grade (a flag rule: always true); false when a stricter rule of
   * its kind won or the grade already was what the rule asks.
   */
  readonly applied: boolean;
  readonly reason?: Message;
}

export type NumericColumn = ArrayLike<number>;
export type CategoricalColumn = readonly (string | null)[];

/** The test of a condition on one customer; an unknown value never matches. */
export function conditionTest(
  condition: OverrideCondition,
  column: NumericColumn | CategoricalColumn,
): (i: number) => boolean {
  if (condition.in !== undefined) {
    const values = column as CategoricalColumn;
    const accepted = new Set(condition.in);
    return (i) => {
      const v = values[i];
      return v !== null && v !== undefined && accepted.has(v);
    };
  }
  const values = column as NumericColumn;
  // Absent bounds are infinite, which NaN still fails: unknown values never match.
  const lt = condition.lt ?? Infinity;
  const lte = condition.lte ?? Infinity;
  const gt = condition.gt ?? -Infinity;
  const gte = condition.gte ?? -Infinity;
  const eq = condition.eq;
  return (i) => {
    const v = values[i]!;
    return v < lt && v <= lte && v > gt && v >= gte && (eq === undefined || v === eq);
  };
}

export function compileRule(
  rule: OverrideRule,
  index: number,
  gradeIndex: ReadonlyMap<string, number>,
  matches: (i: number) => boolean,
): CompiledRule {
  // The scheme check guarantees exactly one effect.
  const effect = EFFECTS.find((candidate) => rule[candidate] !== undefined) ?? "flag";
  const grade = effect === "flag" ? undefined : rule[effect];
  return {
    index,
    effect,
    target: grade === undefined ? -1 : gradeIndex.get(grade)!,
    flag: rule.flag,
    reason: rule.reason,
    matches,
  };
}

const NO_FLAGS: readonly string[] = Object.freeze([]);

/**
 * Applies the rules to every customer: changes `grades` in place and returns each customer's
 * flags (one shared empty list for the many customers without any).
 */
export function applyOverrides(grades: Uint8Array, rules: readonly CompiledRule[]): (readonly string[])[] {
  const n = grades.length;
  const sets = rules.filter((rule) => rule.effect === "set");
  if (sets.length > 0) {
    const setTo = new Int16Array(n).fill(-1);
    for (const rule of sets) {
      for (let i = 0; i < n; i++) if (rule.target > setTo[i]! && rule.matches(i)) setTo[i] = rule.target;
    }
    for (let i = 0; i < n; i++) if (setTo[i]! >= 0) grades[i] = setTo[i]!;
  }
  for (const rule of rules) {
    if (rule.effect !== "atLeast") continue;
    for (let i = 0; i < n; i++) if (rule.target < grades[i]! && rule.matches(i)) grades[i] = rule.target;
  }
  for (const rule of rules) {
    if (rule.effect !== "atMost") continue;
    for (let i = 0; i < n; i++) if (rule.target > grades[i]! && rule.matches(i)) grades[i] = rule.target;
  }
  const flags = new Array<readonly string[]>(n).fill(NO_FLAGS);
  for (const rule of rules) {
    if (rule.effect !== "flag") continue;
    const flag = rule.flag!;
    for (let i = 0; i < n; i++) {
      if (!rule.matches(i)) continue;
      const current = flags[i]!;
      if (current === NO_FLAGS) flags[i] = [flag];
      else if (!current.includes(flag)) (current as string[]).push(flag);
    }
  }
  return flags;
}

/**
 * The same decision for one customer, rule by rule, for the explanation: which rules matched,
 * which of them decided the grade, and the grade after all of them.
 */
export function explainOverrides(
  scoreGrade: number,
  rules: readonly CompiledRule[],
  i: number,
  gradeCodes: readonly string[],
): { readonly grade: number; readonly applications: OverrideApplication[] } {
  const matched: CompiledRule[] = [];
  let set: CompiledRule | undefined;
  let floor: CompiledRule | undefined;
  let cap: CompiledRule | undefined;
  // The strictest rule of each kind; the first one in scheme order when several are as strict.
  for (const rule of rules) {
    if (!rule.matches(i)) continue;
    matched.push(rule);
    if (rule.effect === "set" && (set === undefined || rule.target > set.target)) set = rule;
    if (rule.effect === "atLeast" && (floor === undefined || rule.target < floor.target)) floor = rule;
    if (rule.effect === "atMost" && (cap === undefined || rule.target > cap.target)) cap = rule;
  }
  let grade = scoreGrade;
  if (set && set.target !== grade) grade = set.target;
  else set = undefined;
  if (floor && floor.target < grade) grade = floor.target;
  else floor = undefined;
  if (cap && cap.target > grade) grade = cap.target;
  else cap = undefined;
  const applications = matched.map((rule): OverrideApplication => {
    const applied = rule.effect === "flag" || rule === set || rule === floor || rule === cap;
    const application: { -readonly [K in keyof OverrideApplication]: OverrideApplication[K] } = {
      rule: rule.index,
      effect: rule.effect,
      applied,
    };
    if (rule.target >= 0) application.grade = gradeCodes[rule.target]!;
    if (rule.flag !== undefined) application.flag = rule.flag;
    if (rule.reason !== undefined) application.reason = rule.reason;
    return application;
  });
  return { grade, applications };
}
