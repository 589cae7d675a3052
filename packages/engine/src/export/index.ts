/** Exports for other tools: `import { exportScores, exportGrades, … } from "@custra/engine/export"`. */
export { ExportError, type ExportErrorCode } from "./errors.ts";
export { type ExportGradesOptions, exportGrades } from "./export-grades.ts";
export type { ExportResult } from "./export-result.ts";
export { type ExportScoresOptions, exportScores } from "./export-scores.ts";
export { type ExportSummaryOptions, exportSummary } from "./export-summary.ts";
export { type ExportTasksOptions, exportTasks } from "./export-tasks.ts";
export { inCurrency } from "./headers.ts";
export {
  addPages,
  type CellValue,
  EXPORT_FORMATS,
  type ExportColumn,
  type ExportFormat,
  type ExportTarget,
  neutralizeFormula,
  openTableWriter,
} from "./writers.ts";
