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
