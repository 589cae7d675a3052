/**
 * Text for a reader, kept as a catalog key and its parameters until it reaches the edge (the CLI,
 * the server, the web), which renders it in the reader's language. Results and errors carry Text,
 * never a string translated under some process-wide locale: a server answers readers of several
 * languages at once.
 */
import { type Catalog, hasMessage, type Locale, registerCatalog, t } from "../i18n/i18n.ts";

/** A message to render later: a catalog key and the values for its `{placeholders}`. */
export interface Text {
  readonly key: string;
  readonly params?: TextParams;
}

/**
 * A placeholder's value: a plain value, a nested Text (rendered in the same language: a problem
 * inside an error), or a list of them (rendered and joined with the language's list separator).
 */
export type TextParam = string | number | bigint | boolean | null | Text | readonly TextParam[];
export type TextParams = Readonly<Record<string, TextParam>>;

const catalog = {
  "text.list_separator": { "zh-CN": "；", en: "; " },
  "text.empty": { "zh-CN": "-", en: "-" },
} satisfies Catalog;

if (!hasMessage("text.list_separator")) registerCatalog(catalog);

/** Builds a Text; a shorthand that reads like the `t` call it replaces. */
export function text(key: string, params?: TextParams): Text {
  return params === undefined ? { key } : { key, params };
}

export function isText(value: unknown): value is Text {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { key?: unknown }).key === "string"
  );
}

/** `text` in `locale`, nested texts and lists included. */
export function renderText(value: Text, locale: Locale): string {
  const params: Record<string, string> = {};
  for (const [name, param] of Object.entries(value.params ?? {})) params[name] = renderParam(param, locale);
  return t(value.key, params, locale);
}

function renderParam(param: TextParam, locale: Locale): string {
  if (param === null) return t("text.empty", {}, locale);
  if (Array.isArray(param))
    return param.map((item) => renderParam(item, locale)).join(t("text.list_separator", {}, locale));
  if (isText(param)) return renderText(param, locale);
  return String(param);
}
