import { issueAsText, zodIssueTexts } from "@custra/core/errors";
import type { z } from "zod";
import { AppError } from "./errors/app-error.ts";

/**
 * The input of a use case checked against its schema: the same schema checks CLI options and HTTP
 * bodies. Every problem is reported (APP_INVALID_INPUT with `issues`), each naming its field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // reportInput: an issue knows the value it is about, so a wrong value is not told "is required".
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => zodIssueTexts(issue, () => false)).map(issueAsText);
  throw new AppError("APP_INVALID_INPUT", { issues });
}
