export * from "./generate.ts";
export * from "./tasks.ts";
