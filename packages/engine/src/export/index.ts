/** Exports for other tools: `import { exportScores, exportSummary } from "@custra/engine/export"`. */
export { ExportError } from "./errors.ts";
export type { ExportResult } from "./export-result.ts";
export { type ExportScoresOptions, exportScores } from "./export-scores.ts";
export { type ExportSummaryOptions, exportSummary } from "./export-summary.ts";
export { EXPORT_FORMATS, type ExportFormat } from "./writers.ts";
