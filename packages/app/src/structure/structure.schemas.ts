import { STRUCTURE_DIMENSION_ALIASES, STRUCTURE_DIMENSIONS } from "@custra/engine";
import { z } from "zod";

const DIMENSION_NAMES = [...STRUCTURE_DIMENSIONS, ...Object.keys(STRUCTURE_DIMENSION_ALIASES)] as [
  string,
  ...string[],
];

/** A cross-tab of the customer structure by one or more dimensions (`region` is read as province). */
export const structureSchema = z.strictObject({
  by: z.array(z.enum(DIMENSION_NAMES)).min(1).max(4).default(["grade"]),
  /** The scheme whose latest grades `grade` means (default "value"). */
  scheme: z.string().trim().min(1).max(100).optional(),
  /** The analysis run (default the latest). */
  runId: z.number().int().min(1).optional(),
});
export type StructureInput = z.input<typeof structureSchema>;

/** The overview of one analysis run (default the latest) over the reader's customers. */
export const structureOverviewSchema = z.strictObject({
  runId: z.number().int().min(1).optional(),
});
export type StructureOverviewInput = z.input<typeof structureOverviewSchema>;
