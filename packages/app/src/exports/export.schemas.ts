/**
 * The input of an export, one shape per kind (the CLI's `custra export <kind>`, the server's
 * export of a list). Plain JSON, camelCase fields; a field of another kind is refused.
 */
import { LOCALES, TASK_KINDS } from "@custra/core";
import { TASK_STATUSES } from "@custra/engine";
import { EXPORT_FORMATS } from "@custra/engine/export";
import { z } from "zod";
import { listCustomersSchema } from "../customers/customers.schemas.ts";

export const EXPORT_KINDS = ["scores", "summary", "grades", "tasks", "customers"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const base = {
  format: z.enum(EXPORT_FORMATS),
  /** The file to write; absent when the caller gives a stream (the server streams the export). */
  out: z.string().trim().min(1).optional(),
  /** The language of the headers and of the text in the file; default the company's locale setting. */
  locale: z.enum(LOCALES).optional(),
};
const id = z.number().int().positive();

export const exportSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("scores"),
    ...base,
    /** The analysis run; the latest by default. */
    runId: id.optional(),
  }),
  z.strictObject({
    kind: z.literal("summary"),
    ...base,
    /** The last day of data; the date of the last completed order by default. */
    asOf: z.iso.date().optional(),
    /** The unit of recency and T; week by default. */
    timeUnit: z.enum(["day", "week"]).optional(),
  }),
  z.strictObject({
    kind: z.literal("grades"),
    ...base,
    /** Only this grading scheme; every scheme's latest run by default. */
    scheme: z.string().trim().min(1).optional(),
    /** One grade run. */
    gradeRunId: id.optional(),
  }),
  z.strictObject({
    kind: z.literal("tasks"),
    ...base,
    owner: z.string().trim().min(1).optional(),
    /** Due on or before this day. */
    due: z.iso.date().optional(),
    taskKind: z.enum(TASK_KINDS).optional(),
    /** open by default. */
    status: z.enum([...TASK_STATUSES, "all"]).optional(),
    customerCode: z.string().trim().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal("customers"),
    ...base,
    /** The customer list's filters, search and sort (GET /customers); every page of it is written. */
    ...listCustomersSchema.omit({ cursor: true, limit: true }).shape,
  }),
]);
export type ExportInput = z.input<typeof exportSchema>;
