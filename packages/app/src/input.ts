import { formatIssuePath, issueAsText, text, zodIssueTexts } from "@custra/core/errors";
import type { z } from "zod";
import { AppError } from "./errors/app-error.ts";

/**
 * The input of a use case checked against its schema: the same schema checks CLI options and HTTP
 * bodies. Every problem is reported (APP_INVALID_INPUT with `issues`), each naming its field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // reportInput: an issue knows the value it is about, so a wrong value is not told "is required".
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) {
    const nuls = nulPaths(result.data);
    if (nuls.length === 0) return result.data;
    // PostgreSQL refuses NUL in text (and DuckDB would store it): the same refusal on every engine,
    // naming the field, instead of a driver error halfway through a write.
    throw new AppError("APP_INVALID_INPUT", {
      issues: nuls.map((path) =>
        issueAsText({ path: formatIssuePath(path, ""), problem: text("document.problem.nul") }),
      ),
    });
  }
  const issues = result.error.issues.flatMap((issue) => zodIssueTexts(issue, () => false)).map(issueAsText);
  throw new AppError("APP_INVALID_INPUT", { issues });
}

/** Where `value` holds a string with a NUL character (U+0000), as paths. */
function nulPaths(value: unknown, path: PropertyKey[] = [], found: PropertyKey[][] = []): PropertyKey[][] {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nulPaths(item, [...path, i], found);
  } else if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) nulPaths(item, [...path, key], found);
  }
  return found;
}
