/** Response schemas for API tokens, sessions, the audit log, shares and personal data. */
import { z } from "zod";

export const newApiTokenSchema = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    name: z.string(),
    token: z.string().describe("Shown this once; stored only hashed"),
    expiresOn: z.string().nullable(),
  })
  .meta({ id: "NewApiToken" });

export const apiTokenSchema = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

export const sessionViewSchema = z
  .object({ id: z.string(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string() })
  .meta({ id: "Session" });

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.string(),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string().nullable(),
    entityId: z.string().nullable(),
    changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });

/** A text with its rendering in the reader's language (left unnamed: the shared schemas may name one). */
const textSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  text: z.string().describe("The text in the reader's language"),
});

export const auditChainReportSchema = z
  .object({
    ok: z.boolean(),
    entries: z.number().int(),
    problem: z.object({ kind: z.string(), id: z.number().int() }).optional(),
    problemText: textSchema.optional(),
  })
  .meta({ id: "AuditChainReport" });

export const shareViewSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    userId: z.number().int().nullable(),
    departmentId: z.number().int().nullable(),
    access: z.enum(["read", "write"]),
    until: z.string().nullable(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: "CustomerShare" });

export const companyShareSchema = shareViewSchema
  .extend({
    customerCode: z.string(),
    customerName: z.string().nullable(),
    userName: z.string().nullable().describe("The user's name (or username); null for a department's share"),
    departmentName: z.string().nullable(),
    createdAt: z.string(),
    expired: z.boolean().describe("Past its last day in the company's time zone: it gives no access"),
  })
  .meta({ id: "CompanyShare" });

export const companySharePageSchema = z
  .object({
    items: z.array(companyShareSchema),
    total: z.number().int().describe("Every share the filters select among the customers the reader sees"),
    nextCursor: z.string().nullable().describe("The cursor of the next page; null on the last"),
  })
  .meta({ id: "CompanySharePage" });

export const personalDataExportSchema = z
  .object({
    customer: z.record(z.string(), z.unknown()),
    erased: z.boolean(),
    tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  })
  .meta({ id: "PersonalDataExport" });

export const erasureResultSchema = z
  .object({ customerId: z.number().int(), erased: z.boolean(), contactsRemoved: z.number().int() })
  .meta({ id: "ErasureResult" });
