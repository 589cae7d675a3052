export * from "./demo/index.ts";
export * from "./import/directory.ts";
export * from "./import/headers.ts";
export * from "./import/pipeline.ts";
