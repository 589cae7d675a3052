import { z } from "zod";

const id = z.number().int().positive();

export const shareSchema = z
  .strictObject({
    customerId: id,
    userId: id.optional(),
    departmentId: id.optional(),
    access: z.enum(["read", "write"]).default("read"),
    /** The last day of the share (in the company's time zone); none: until unshared. */
    until: z.iso.date().optional(),
  })
  .refine((s) => (s.userId === undefined) !== (s.departmentId === undefined), {
    message: "exactly one of userId and departmentId",
    path: ["userId"],
  });
export type ShareInput = z.input<typeof shareSchema>;

/** The company's shares, filtered (all must hold), newest first, in cursor pages. */
export const listCompanySharesSchema = z.strictObject({
  /** A part of the customer's code or name (case-insensitive). */
  search: z.string().trim().min(1).max(200).optional(),
  /** Shares with this user. */
  userId: id.optional(),
  /** Shares with this department. */
  departmentId: id.optional(),
  access: z.enum(["read", "write"]).optional(),
  /** true: only shares past their last day; false: only those in force. */
  expired: z.boolean().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  /** The `nextCursor` of the page before. */
  cursor: z.string().min(1).max(1000).optional(),
});
export type ListCompanySharesInput = z.input<typeof listCompanySharesSchema>;

export const unshareSchema = z.strictObject({ customerId: id, shareId: id });
export const customerIdSchema = z.strictObject({ customerId: id });
export const eraseSchema = z.strictObject({ customerId: id, reason: z.string().trim().min(1).max(500) });

export const auditQuerySchema = z.strictObject({
  actorId: id.optional(),
  action: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: id.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
