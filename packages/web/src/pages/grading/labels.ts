/**
 * How the parts of a scheme read on the page: a scheme's own texts (title, grade labels, rule
 * reasons) in the reader's language, fields by their labels, categorical codes by the labels the
 * workbench uses for them, and a place in a scheme (`dimensions[0].weight`) as words.
 */
import type { TFunction } from "i18next";
import type { PathPart } from "./definition-diff.ts";
import type { GradingScheme } from "./grading.types.ts";

type Message = Readonly<Record<string, string>> | undefined;

/** A scheme text in `language`, else in Chinese (the default), else empty. */
export function messageIn(message: Message, language: string): string {
  return message?.[language] ?? message?.["zh-CN"] ?? "";
}

export function fieldLabel(t: TFunction, field: string): string {
  return t(`grading.fields.${field}`, { defaultValue: field });
}

/** Where the workbench labels a categorical field's codes (segments, credit, customer type). */
const CODE_LABELS: Readonly<Record<string, string>> = {
  rfm_segment: "segments.rfm",
  abc_class: "segments.abc",
  value_tier: "segments.valueTier",
  lifecycle_stage: "segments.lifecycle",
  churn_warning: "segments.warning",
  credit_grade: "segments.credit",
  customer_type: "customerType",
};

/** A categorical value as people read it; values of free-text fields (industry, city) as they are. */
export function codeLabel(t: TFunction, field: string, code: string): string {
  const family = CODE_LABELS[field];
  return family ? t(`${family}.${code}`, { defaultValue: code }) : code;
}

export function gradeLabel(scheme: GradingScheme, grade: string, language: string): string {
  const found = scheme.grades.find((g) => g.code === grade);
  return found ? messageIn(found.label, language) || grade : grade;
}

/**
 * A place in a scheme in words, for the version diff: "维度「毛利」· 权重" for dimensions[2].weight,
 * "等级划分 · A 的占比" for assign.shares.A. Parts without a name of their own are shown as they are.
 */
export function pathLabel(
  t: TFunction,
  scheme: GradingScheme,
  path: readonly PathPart[],
  language: string,
): string {
  const [head, index, ...rest] = path;
  const words: string[] = [];
  if (head === "dimensions" && typeof index === "number") {
    const field = scheme.dimensions[index]?.field;
    words.push(t("grading.paths.dimension", { label: field ? fieldLabel(t, field) : String(index + 1) }));
    words.push(...rest.map((part) => partLabel(t, part)));
  } else if (head === "overrides" && typeof index === "number") {
    words.push(t("grading.paths.rule", { n: index + 1 }), ...rest.map((part) => partLabel(t, part)));
  } else if (head === "assign") {
    words.push(t("grading.paths.assign"));
    const grade = rest[0];
    if (index === "shares" && grade !== undefined)
      words.push(t("grading.paths.shareOf", { grade: gradeLabel(scheme, String(grade), language) }));
    else if (index === "min" && grade !== undefined)
      words.push(t("grading.paths.minOf", { grade: gradeLabel(scheme, String(grade), language) }));
    else words.push(...path.slice(1).map((part) => partLabel(t, part)));
  } else if (head === "grades" && typeof index === "number") {
    words.push(t("grading.paths.grades"), String(scheme.grades[index]?.code ?? index + 1));
    words.push(...rest.map(String));
  } else {
    words.push(...path.map((part) => partLabel(t, part)));
  }
  return words.join(" · ");
}

const NAMED_PARTS = new Set([
  "title",
  "description",
  "weight",
  "normalize",
  "direction",
  "missing",
  "field",
  "method",
]);

function partLabel(t: TFunction, part: PathPart): string {
  return typeof part === "string" && NAMED_PARTS.has(part) ? t(`grading.paths.${part}`) : String(part);
}
