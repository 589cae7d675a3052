import { hasMessage, t } from "@custra/core";

/**
 * Something the reader of an analysis must know: a code (an i18n key) and its params, rendered to
 * text only at the edge (CLI, API, web) in the reader's language. Every analysis stage adds its own.
 */
export interface AnalysisWarning {
  code: string;
  params: Record<string, string | number>;
}

/**
 * The text of a warning in the current locale. A warning whose params name a `reason` (such as
 * `model.notIdentifiable`) has that reason's own text under `<code>.<reason>`, rendered with the
 * same params and given to the main text as {reasonText}.
 */
export function warningText(warning: AnalysisWarning): string {
  const reason = warning.params.reason;
  const reasonKey = `${warning.code}.${reason}`;
  const reasonText = reason !== undefined && hasMessage(reasonKey) ? t(reasonKey, warning.params) : undefined;
  return t(warning.code, reasonText === undefined ? warning.params : { ...warning.params, reasonText });
}
