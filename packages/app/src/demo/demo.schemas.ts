import { MAX_DEMO_CUSTOMERS } from "@custra/engine";
import { z } from "zod";

/** The demo company: how many customers, the random seed, and the day its history ends. */
export const createDemoSchema = z.strictObject({
  customers: z.number().int().min(1).max(MAX_DEMO_CUSTOMERS).default(2000),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  /** The last day of the company's history (default today). */
  asOf: z.iso.date().optional(),
});
export type CreateDemoInput = z.input<typeof createDemoSchema>;
