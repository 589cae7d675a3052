// The public API of the segment rules. Helpers of errors.ts and ranking.ts stay internal so that
// `export * from "./segments/index.ts"` in the core index cannot collide with other areas' names.
export * from "./abc.ts";
export * from "./churn.ts";
export * from "./codes.ts";
export * from "./credit.ts";
export { isSegmentError, SegmentError, type SegmentErrorCode } from "./errors.ts";
export { label, registerSegmentMessages } from "./messages.ts";
export { type Bins, QUINTILES } from "./ranking.ts";
export * from "./rfm.ts";
export * from "./satisfaction.ts";
export * from "./tiers.ts";
export type * from "./types.ts";
