export * from "./codes.ts";
export * from "./errors.ts";
export * from "./messages.ts";
export * from "./ranking.ts";
export * from "./rfm.ts";
export type * from "./types.ts";
