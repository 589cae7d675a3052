export * from "./campaign-export.ts";
export * from "./generate.ts";
export * from "./reason-writer.ts";
export { STALE_DATA_DAYS, type TaskWarning, type TaskWarningCode } from "./stale-data.ts";
export * from "./tasks.ts";
