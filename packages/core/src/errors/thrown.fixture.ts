/** Test helpers: an error's message and a document's issues as the reader in `locale` reads them. */
import type { Locale } from "../i18n/i18n.ts";
import { CustraError, errorText } from "./custra-error.ts";
import { renderText, type Text } from "./text.ts";

/** The message of the CustraError that `run` throws, in `locale`. */
export function thrownText(run: () => unknown, locale: Locale): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CustraError) return errorText(error, locale);
    throw error;
  }
  throw new Error("nothing was thrown");
}

/** Issues with their problem rendered; the document itself (empty path) named by `root`. */
export function renderedIssues(
  issues: readonly { path: string; problem: Text }[],
  root: Text,
  locale: Locale,
): { path: string; problem: string }[] {
  return issues.map((issue) => ({
    path: issue.path || renderText(root, locale),
    problem: renderText(issue.problem, locale),
  }));
}
