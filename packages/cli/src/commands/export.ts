import { basename, extname } from "node:path";
import { EXPORT_KINDS, type ExportInput, type ExportKind, exportData, LOCAL_OPERATOR } from "@custra/app";
import { TASK_KINDS, type TaskKind } from "@custra/core";
import { TASK_STATUSES, type TaskStatus, type TimeUnit } from "@custra/engine";
import { EXPORT_FORMATS, type ExportFormat, type ExportResult } from "@custra/engine/export";
import { Argument, type Command, Option } from "commander";
import { withDb } from "../db-context.ts";
import { CliError } from "../errors.ts";
// The shared option texts (--json); main.ts loads them too, the module registers them once.
import "../messages.ts";
import { examples, isoDate, positiveInt } from "../options.ts";
import { message, printJson } from "../output.ts";
import { startProgress } from "../progress.ts";
import "./export.messages.ts";
import { cliLocale, t } from "../locale.ts";

export { EXPORT_KINDS };

interface ExportCommandOptions {
  format?: ExportFormat;
  out: string;
  run?: number;
  asOf?: string;
  timeUnit?: TimeUnit;
  scheme?: string;
  owner?: string;
  due?: string;
  kind?: TaskKind;
  status?: TaskStatus | "all";
  customer?: string;
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
  const foreign: [string, unknown, readonly ExportKind[]][] = [
    ["--run", options.run, ["scores", "grades"]],
    ["--as-of", options.asOf, ["summary"]],
    ["--time-unit", options.timeUnit, ["summary"]],
    ["--scheme", options.scheme, ["grades"]],
    ["--owner", options.owner, ["tasks"]],
    ["--due", options.due, ["tasks"]],
    ["--kind", options.kind, ["tasks"]],
    ["--status", options.status, ["tasks"]],
    ["--customer", options.customer, ["tasks"]],
  ];
  for (const [option, value, owners] of foreign) {
    if (value !== undefined && !owners.includes(kind)) {
      throw new CliError(t("cli.export.onlyFor", { option, kind: owners.join(" / ") }), 2);
    }
  }
}

/**
 * The use case's input for `kind`, with the options that belong to it (checkOptions refused the
 * others); the file is written in the reader's language.
 */
function exportInput(kind: ExportKind, format: ExportFormat, options: ExportCommandOptions): ExportInput {
  const common = { format, out: options.out, locale: cliLocale() };
  switch (kind) {
    case "scores":
      return { kind, ...common, runId: options.run };
    case "summary":
      return { kind, ...common, asOf: options.asOf, timeUnit: options.timeUnit };
    case "grades":
      return { kind, ...common, scheme: options.scheme, gradeRunId: options.run };
    case "tasks":
      return {
        kind,
        ...common,
        owner: options.owner,
        due: options.due,
        taskKind: options.kind,
        status: options.status,
        customerCode: options.customer,
      };
    case "customers":
      // Every customer in the reader's scope, as the workbench's list shows them; its filters are the API's.
      return { kind, ...common };
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
    .option("--scheme <name>", t("cli.export.scheme"))
    .option("--owner <name>", t("cli.export.owner"))
    .option("--due <date>", t("cli.export.due"), isoDate("--due"))
    .addOption(new Option("--kind <kind>", t("cli.export.taskKind")).choices(TASK_KINDS))
    .addOption(new Option("--status <status>", t("cli.export.status")).choices([...TASK_STATUSES, "all"]))
    .option("--customer <code>", t("cli.export.customer"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra export scores --out scores.xlsx",
        "custra export scores --format csv --out run3.csv --run 3 --json",
        "custra export summary --out summary.csv --as-of 1997-09-30 --time-unit week",
        "custra export grades --out grades.xlsx --scheme value",
        "custra export tasks --out tasks.csv --owner 王芳 --due 2026-07-31 --status all",
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
          result = await exportData({ handle, actor: LOCAL_OPERATOR }, exportInput(kind, format, options), {
            onRows,
          });
        } finally {
          progress.stop();
        }
        if (options.json) printJson(result);
        else if (result.kind === "grades") {
          const runs = (result.gradeRuns ?? []).map((r) => t("cli.export.gradeRun", r));
          message(
            t("cli.export.done.grades", { rows: result.rows, runs: runs.join(", "), out: result.out ?? "-" }),
          );
        } else if (result.kind === "tasks") {
          message(t("cli.export.done.tasks", { rows: result.rows, out: result.out ?? "-" }));
        } else if (result.kind === "scores") {
          message(
            t("cli.export.done.scores", {
              rows: result.rows,
              run: result.runId ?? "-",
              asOf: result.asOf ?? "-",
              out: result.out ?? "-",
            }),
          );
        } else {
          message(
            t("cli.export.done.summary", {
              rows: result.rows,
              asOf: result.asOf ?? "-",
              unit: t(`cli.export.unit.${result.timeUnit === "day" ? "day" : "week"}`),
              out: result.out ?? "-",
            }),
          );
        }
      });
    });
}
