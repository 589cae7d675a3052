export * from "./analyze/analyze.ts";
export * from "./analyze/customer-profile.ts";
export * from "./analyze/summary.ts";
export * from "./demo/index.ts";
export * from "./import/directory.ts";
export * from "./import/headers.ts";
export * from "./import/pipeline.ts";
