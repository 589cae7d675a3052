import { z } from "zod";

/** Changes as setting → value, as people type them (`{ currency: "usd", timezone: "Europe/Berlin" }`). */
export const updateSettingsSchema = z.strictObject({
  changes: z.record(z.string().min(1).max(100), z.string().max(200)),
});
export type UpdateSettingsInput = z.input<typeof updateSettingsSchema>;

/** The settings to put back to their defaults. */
export const resetSettingsSchema = z.strictObject({
  keys: z.array(z.string().min(1).max(100)).min(1).max(50),
});
export type ResetSettingsInput = z.input<typeof resetSettingsSchema>;
