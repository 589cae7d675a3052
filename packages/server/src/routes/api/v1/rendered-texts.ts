import { analysisWarningText, jobErrorText } from "@custra/app";
import { isText, renderText } from "@custra/core/errors";
import type { Locale } from "@custra/core/i18n";
import type { JobRecord } from "@custra/db";

/**
 * `value` with each Text in it ({ key, params }) given its rendering in `locale` as `text`
 * (a row problem's reason, an import's warnings): a client shows the server's words in the reader's
 * language, and a program still reads the key and parameters. A Text's own parameters are part of
 * its rendering, not walked into.
 */
export function withRenderedTexts<T>(value: T, locale: Locale): T {
  return walk(value, locale) as T;
}

function walk(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, locale));
  if (isText(value)) return { ...value, text: renderText(value, locale) };
  if (typeof value === "object" && value !== null && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, walk(item, locale)]));
  return value;
}

/** A job's error with its message in `locale` as `detail` (where the job kept its message's key). */
export function withErrorDetail<T extends { readonly error: JobRecord["error"] }>(job: T, locale: Locale): T {
  const message = jobErrorText(job.error);
  if (!job.error || !message) return job;
  return { ...job, error: { ...job.error, detail: renderText(message, locale) } };
}

/** An analysis's warnings, each with its text in `locale` beside its code and params. */
export function withWarningTexts<W extends Parameters<typeof analysisWarningText>[0]>(
  warnings: readonly W[],
  locale: Locale,
): (W & { text: string })[] {
  return warnings.map((warning) => ({ ...warning, text: renderText(analysisWarningText(warning), locale) }));
}
