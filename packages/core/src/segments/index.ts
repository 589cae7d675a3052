export * from "./abc.ts";
export * from "./codes.ts";
export * from "./credit.ts";
export * from "./errors.ts";
export * from "./messages.ts";
export * from "./ranking.ts";
export * from "./rfm.ts";
export * from "./tiers.ts";
export type * from "./types.ts";
