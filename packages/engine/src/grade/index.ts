export * from "./customer-grades.ts";
export * from "./definition-file.ts";
export * from "./definitions.ts";
export { GradeError, type GradeErrorCode, isGradeError } from "./errors.ts";
export * from "./grade-migration.ts";
export * from "./grade-run.ts";
export { loadGradingInput } from "./grading-input.ts";
export * from "./pins.ts";
export * from "./structure.ts";
