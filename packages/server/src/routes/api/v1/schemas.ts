/**
 * Response schemas shared by the routes. The request schemas are the app layer's own (one schema
 * for CLI options and HTTP bodies); responses are described here, as the API promises them.
 */
import { z } from "zod";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    params: z.record(z.string(), z.unknown()),
    requestId: z.string(),
  })
  .meta({ id: "Problem", description: "An error (RFC 9457 application/problem+json); `code` is stable." });

/** The problem responses every signed-in route can give. */
export const commonProblems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
} as const;

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    role: z.string().nullable(),
    departmentId: z.number().int().nullable(),
    managerId: z.number().int().nullable(),
    active: z.boolean(),
    locale: z.string().nullable(),
    canSignIn: z.boolean(),
    lockedUntil: z.string().nullable(),
  })
  .meta({ id: "User" });

export const currentUserSchema = userSchema
  .extend({
    permissions: z.array(z.string()).readonly(),
    personalFields: z.object({ list: z.string(), detail: z.string() }),
    allCustomers: z
      .boolean()
      .describe("Sees every customer: company-wide runs and previews need it besides their permission"),
  })
  .meta({ id: "CurrentUser" });
