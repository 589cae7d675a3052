import { hasMessage, type Locale, type Text, t } from "@custra/core";

/**
 * Something the reader of an analysis must know: a code (an i18n key) and its params, rendered to
 * text only at the edge (CLI, API, web) in the reader's language. Every analysis stage adds its own.
 */
export interface AnalysisWarning {
  code: string;
  params: Record<string, string | number>;
}

/**
 * The text of a warning in `locale`. A warning whose params name a `reason` (such as
 * `model.notIdentifiable`) has that reason's own text under `<code>.<reason>`, rendered with the
 * same params and given to the main text as {reasonText}.
 */
export function warningText(warning: AnalysisWarning, locale: Locale): string {
  const reason = warning.params.reason;
  const reasonKey = `${warning.code}.${reason}`;
  const reasonText =
    reason !== undefined && hasMessage(reasonKey) ? t(reasonKey, warning.params, locale) : undefined;
  return t(
    warning.code,
    reasonText === undefined ? warning.params : { ...warning.params, reasonText },
    locale,
  );
}

/** A warning as Text, for a reader who renders it later (`renderText` gives what `warningText` gives). */
export function warningAsText(warning: AnalysisWarning): Text {
  const reason = warning.params.reason;
  const reasonKey = `${warning.code}.${reason}`;
  return reason !== undefined && hasMessage(reasonKey)
    ? {
        key: warning.code,
        params: { ...warning.params, reasonText: { key: reasonKey, params: warning.params } },
      }
    : { key: warning.code, params: warning.params };
}
