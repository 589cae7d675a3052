export * from "./generate.ts";
export * from "./tasks.ts";
export * from "./reason-writer.ts";
