/** Response schemas of the import routes: what can be imported, and the history of imports. */
import { z } from "zod";

export const importableEntitySchema = z
  .object({
    name: z.string(),
    key: z.string().describe("The field that identifies a row across imports"),
    derivesKey: z.boolean().describe("Without a key column the key is derived from the row"),
    extraField: z.string().nullable().describe("Where unknown columns are kept (customers: attributes)"),
    fields: z
      .array(
        z.object({
          name: z.string(),
          kind: z.string().describe("code, text, int, decimal, date, timestamp, bool, enum, tags or json"),
          required: z.boolean(),
          values: z.array(z.string()).readonly().optional().describe("An enum's stored values"),
        }),
      )
      .readonly(),
  })
  .meta({ id: "ImportableEntity" });

export const importHistoryEntrySchema = z
  .object({
    id: z.number().int().describe("The import's job (GET /jobs/{id}, its progress at /jobs/{id}/events)"),
    entity: z.string(),
    file: z.string().describe("The uploaded file's name"),
    skipInvalid: z.boolean(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    by: z.object({ username: z.string(), name: z.string().nullable() }).nullable(),
    createdAt: z.date(),
    finishedAt: z.date().nullable(),
    rows: z
      .object({
        read: z.number().int(),
        inserted: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        rejected: z.number().int(),
      })
      .nullable()
      .describe("A finished import's rows, where the reader may see its result"),
    error: z
      .object({
        code: z.string(),
        params: z.unknown().optional(),
        detail: z.string().optional().describe("The error's message in the reader's language"),
      })
      .nullable(),
  })
  .meta({ id: "ImportHistoryEntry" });

export const importHistoryPageSchema = z
  .object({ imports: z.array(importHistoryEntrySchema), nextCursor: z.number().int().nullable() })
  .meta({ id: "ImportHistoryPage" });
