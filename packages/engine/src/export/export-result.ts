import type { ExportFormat } from "./writers.ts";

/** What an export wrote, as the CLI prints it with --json. */
export interface ExportResult {
  kind: "scores" | "summary" | "grades" | "tasks" | "customers";
  format: ExportFormat;
  /** Absolute path of the written file; null when it went to a stream. */
  out: string | null;
  /** Data rows written (the header row not counted). */
  rows: number;
  /** The analysis run exported (scores only). */
  runId?: number;
  /** The as-of date of the data (scores and summary). */
  asOf?: string;
  /** The unit of recency and T (scores and summary). */
  timeUnit?: string;
  /** The grade runs exported, one per scheme (grades only). */
  gradeRuns?: { scheme: string; runId: number; asOf: string }[];
}
