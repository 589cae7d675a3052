import { basename, extname } from "node:path";
import { t } from "@custra/core";
import type { TimeUnit } from "@custra/engine";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportResult,
  exportScores,
  exportSummary,
} from "@custra/engine/export";
import { Argument, type Command, Option } from "commander";
import { withDb } from "../db-context.ts";
import { CliError } from "../errors.ts";
// The shared option texts (--json); main.ts loads them too, the module registers them once.
import "../messages.ts";
import { examples, isoDate, positiveInt } from "../options.ts";
import { message, printJson } from "../output.ts";
import { startProgress } from "../progress.ts";
import "./export.messages.ts";

export const EXPORT_KINDS = ["scores", "summary"] as const;
type ExportKind = (typeof EXPORT_KINDS)[number];

interface ExportCommandOptions {
  format?: ExportFormat;
  out: string;
  run?: number;
  asOf?: string;
  timeUnit?: TimeUnit;
  json?: boolean;
}

/** --format when given, else the file's extension; neither is a usage error rather than a guess. */
function formatOf(options: ExportCommandOptions): ExportFormat {
  if (options.format) return options.format;
  const extension = extname(options.out).slice(1).toLowerCase();
  const format = EXPORT_FORMATS.find((candidate) => candidate === extension);
  if (!format) throw new CliError(t("cli.export.needFormat", { out: options.out }), 2);
  return format;
}

/** Options of the other kind would be silently ignored; saying so saves a wrong file. */
function checkOptions(kind: ExportKind, options: ExportCommandOptions): void {
  const foreign: [string, unknown, ExportKind][] = [
    ["--run", options.run, "scores"],
    ["--as-of", options.asOf, "summary"],
    ["--time-unit", options.timeUnit, "summary"],
  ];
  for (const [option, value, owner] of foreign) {
    if (value !== undefined && owner !== kind) {
      throw new CliError(t("cli.export.onlyFor", { option, kind: owner }), 2);
    }
  }
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description(t("cli.export.description"))
    .addArgument(new Argument("<kind>", t("cli.export.kind")).choices(EXPORT_KINDS))
    .addOption(new Option("--format <format>", t("cli.export.format")).choices(EXPORT_FORMATS))
    .requiredOption("--out <file>", t("cli.export.out"))
    .option("--run <id>", t("cli.export.run"), positiveInt("--run"))
    .option("--as-of <date>", t("cli.export.asOf"), isoDate("--as-of"))
    .addOption(new Option("--time-unit <unit>", t("cli.export.timeUnit")).choices(["day", "week"]))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra export scores --out scores.xlsx",
        "custra export scores --format csv --out run3.csv --run 3 --json",
        "custra export summary --out summary.csv --as-of 1997-09-30 --time-unit week",
      ]),
    )
    .action(async (kind: ExportKind, options: ExportCommandOptions, command: Command) => {
      const format = formatOf(options);
      checkOptions(kind, options);
      await withDb(command, async (handle) => {
        const progress = startProgress(t("cli.export.writing", { file: basename(options.out) }), 0);
        const onRows = (written: number, total: number) => progress.update(written, total);
        let result: ExportResult;
        try {
          result =
            kind === "scores"
              ? await exportScores(handle, { format, out: options.out, runId: options.run, onRows })
              : await exportSummary(handle, {
                  format,
                  out: options.out,
                  asOf: options.asOf,
                  timeUnit: options.timeUnit,
                  onRows,
                });
        } finally {
          progress.stop();
        }
        if (options.json) printJson(result);
        else if (result.kind === "scores") {
          message(
            t("cli.export.done.scores", {
              rows: result.rows,
              run: result.runId ?? "-",
              asOf: result.asOf,
              out: result.out,
            }),
          );
        } else {
          message(
            t("cli.export.done.summary", {
              rows: result.rows,
              asOf: result.asOf,
              unit: t(`cli.export.unit.${result.timeUnit === "day" ? "day" : "week"}`),
              out: result.out,
            }),
          );
        }
      });
    });
}
