/**
 * What is wrong with a document custra reads (a grading scheme, a playbook), in the reader's
 * language: zod's issues become "path: problem" lines with the same wording for every document.
 * Each document adds its own problems (custom messages whose key it owns) and its root's name.
 */
import type { z } from "zod";
import { type Text, text } from "../errors/text.ts";
import { type Catalog, hasMessage, registerCatalog } from "./i18n.ts";

const catalog = {
  "document.problem.required": { "zh-CN": "缺少此项", en: "is required" },
  "document.problem.type": { "zh-CN": "应为{expected}", en: "must be {expected}" },
  "document.problem.gt": { "zh-CN": "必须大于 {limit}", en: "must be > {limit}" },
  "document.problem.gte": { "zh-CN": "必须大于或等于 {limit}", en: "must be ≥ {limit}" },
  "document.problem.lt": { "zh-CN": "必须小于 {limit}", en: "must be < {limit}" },
  "document.problem.lte": { "zh-CN": "必须小于或等于 {limit}", en: "must be ≤ {limit}" },
  "document.problem.min_items": { "zh-CN": "至少需要 {limit} 项", en: "needs at least {limit} entries" },
  "document.problem.max_items": { "zh-CN": "最多 {limit} 项", en: "takes at most {limit} entries" },
  "document.problem.empty_text": { "zh-CN": "不能为空", en: "must not be empty" },
  "document.problem.max_length": { "zh-CN": "最多 {limit} 个字符", en: "takes at most {limit} characters" },
  "document.problem.one_of": { "zh-CN": "必须是以下之一：{values}", en: "must be one of {values}" },
  "document.problem.unknown_key": {
    "zh-CN": "未知的设置项（拼写错误？）",
    en: "is not a known setting (a typo?)",
  },
  "document.problem.invalid": { "zh-CN": "格式无效", en: "is not valid here" },
  "document.problem.nul": { "zh-CN": "不能包含空字符（\\0）", en: "must not contain a NUL character (\\0)" },
  "document.type.number": { "zh-CN": "数字", en: "a number" },
  "document.type.int": { "zh-CN": "整数", en: "a whole number" },
  "document.type.string": { "zh-CN": "文本", en: "a text" },
  "document.type.object": { "zh-CN": "对象（键值对）", en: "an object (key: value pairs)" },
  "document.type.array": { "zh-CN": "列表", en: "a list" },
  "document.type.boolean": { "zh-CN": "true 或 false", en: "true or false" },
  "document.issue": { "zh-CN": "{path}：{problem}", en: "{path}: {problem}" },
  "document.issue_separator": { "zh-CN": "；", en: "; " },
} satisfies Catalog;

if (!hasMessage("document.issue")) registerCatalog(catalog);

/** One problem at one place of a document, as Text to render at the edge. */
export interface IssueText {
  /** Where, e.g. `dimensions[2].weight`; empty for the document itself. */
  readonly path: string;
  /** What is wrong there. */
  readonly problem: Text;
}

/**
 * A zod issue as path-and-problem entries (one per unknown key, else one), the problem as Text.
 * `ownProblem` says whether a custom message is a key of the document's own problems.
 */
export function zodIssueTexts(issue: z.core.$ZodIssue, ownProblem: (key: string) => boolean): IssueText[] {
  const path = formatIssuePath(issue.path, "");
  const at = (problem: Text): IssueText[] => [{ path, problem }];
  if (ownProblem(issue.message)) {
    const params = issue.code === "custom" ? (issue.params ?? {}) : {};
    return at(text(issue.message, messageParams(params)));
  }
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return at(text("document.problem.required"));
      return at(text("document.problem.type", { expected: typeText(issue.expected) }));
    case "too_small":
      return at(sizeProblem(issue.origin, issue.inclusive ? "gte" : "gt", Number(issue.minimum)));
    case "too_big":
      return at(sizeProblem(issue.origin, issue.inclusive ? "lte" : "lt", Number(issue.maximum)));
    case "invalid_value":
      return at(text("document.problem.one_of", { values: issue.values.map(String).join(" | ") }));
    case "invalid_union": {
      // A discriminated union names its options (untyped in zod's issue type): "method: one of …".
      const options: unknown = (issue as { options?: unknown }).options;
      if (Array.isArray(options)) return at(text("document.problem.one_of", { values: options.join(" | ") }));
      return at(text("document.problem.invalid"));
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: formatIssuePath([...issue.path, key], ""),
        problem: text("document.problem.unknown_key"),
      }));
    default:
      return at(text("document.problem.invalid"));
  }
}

/** An issue as one Text: "path: problem", or the problem alone where the path is the whole input. */
export function issueAsText(issue: IssueText): Text {
  return issue.path === ""
    ? issue.problem
    : text("document.issue", { path: issue.path, problem: issue.problem });
}

function typeText(type: string): Text | string {
  const key = `document.type.${type}`;
  return hasMessage(key) ? text(key) : type;
}

function sizeProblem(origin: string, comparison: "gt" | "gte" | "lt" | "lte", limit: number): Text {
  const lower = comparison === "gt" || comparison === "gte";
  if (origin === "array")
    return text(lower ? "document.problem.min_items" : "document.problem.max_items", { limit });
  if (origin === "string") {
    return lower ? text("document.problem.empty_text") : text("document.problem.max_length", { limit });
  }
  return text(`document.problem.${comparison}`, { limit });
}

/**
 * `["dimensions", 2, "weight"]` → `dimensions[2].weight`; keys that are not names are quoted; the
 * empty path is `root` (the document itself, in the reader's language).
 */
export function formatIssuePath(path: readonly PropertyKey[], root: string): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(part))) out += out ? `.${String(part)}` : String(part);
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || root;
}

/** Message parameters as numbers or text, whatever the validator put in them. */
export function messageParams(params: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params))
    out[key] = typeof value === "number" ? value : String(value);
  return out;
}
