import type { ExportFormat } from "./writers.ts";

/** What an export wrote, as the CLI prints it with --json. */
export interface ExportResult {
  kind: "scores" | "summary";
  format: ExportFormat;
  /** Absolute path of the written file. */
  out: string;
  /** Data rows written (the header row not counted). */
  rows: number;
  /** The analysis run exported (scores only). */
  runId?: number;
  asOf: string;
  timeUnit: string;
}
