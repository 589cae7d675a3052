export * from "./generate.ts";
export * from "./reason-writer.ts";
export * from "./tasks.ts";
