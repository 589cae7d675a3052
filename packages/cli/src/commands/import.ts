import { basename } from "node:path";
import { ENTITY_NAMES, type EntityName, isEntityName, t } from "@custra/core";
import { type ImportResult, importFile, parseMapOptions } from "@custra/engine";
import { type Command, InvalidArgumentError } from "commander";
import { withDb } from "../db-context.ts";
import { collect, examples } from "../options.ts";
import { message, printJson, printLine } from "../output.ts";
import { startProgress } from "../progress.ts";

interface ImportCommandOptions {
  sheet?: string;
  map?: string[];
  skipInvalid?: boolean;
  dryRun?: boolean;
  createCustomers?: boolean;
  json?: boolean;
}

function entityArgument(value: string): EntityName {
  if (!isEntityName(value)) {
    throw new InvalidArgumentError(t("cli.error.badEntity", { value, choices: ENTITY_NAMES.join(", ") }));
  }
  return value;
}

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description(t("cli.import.description"))
    .argument("<entity>", t("cli.import.entity", { choices: ENTITY_NAMES.join(", ") }), entityArgument)
    .argument("<file>", t("cli.import.file"))
    .option("--sheet <name>", t("cli.import.sheet"))
    .option("--map <column=field>", t("cli.import.map"), collect)
    .option("--skip-invalid", t("cli.import.skipInvalid"))
    .option("--dry-run", t("cli.import.dryRun"))
    .option("--create-customers", t("cli.import.createCustomers"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra import customers 客户.xlsx",
        "custra import orders orders.csv --map 单据日期=order_date --skip-invalid",
        "custra import orders cdnow.csv --create-customers --db postgres://postgres@127.0.0.1:5432/custra",
      ]),
    )
    .action(async (entity: EntityName, file: string, options: ImportCommandOptions, command: Command) => {
      const map = parseMapOptions(options.map ?? []);
      await withDb(command, async (handle) => {
        const progress = startProgress(t("cli.import.reading", { file: basename(file) }), 0, "bytes");
        let result: ImportResult;
        try {
          result = await importFile(handle, {
            entity,
            file,
            sheet: options.sheet,
            map,
            skipInvalid: options.skipInvalid,
            dryRun: options.dryRun,
            createCustomers: options.createCustomers,
            onProgress: (p) => {
              progress.setLabel(t(`cli.import.${p.phase}`, { file: basename(file) }));
              progress.update(p.bytesRead, p.totalBytes);
            },
          });
        } finally {
          progress.stop();
        }
        reportImport(result, options.json === true);
        const failed = result.rejected > 0 && (!result.written || result.dryRun);
        if (failed) process.exitCode = 1;
      });
    });
}

function reportImport(result: ImportResult, json: boolean): void {
  if (json) {
    printJson(result);
    return;
  }
  for (const warning of result.warnings) message(warning);
  for (const problem of result.problems)
    message(`${problem.file}:${problem.line}: ${problem.column}: ${problem.reason}`);
  if (result.problemCount > result.problems.length) {
    message(t("import.run.moreProblems", { count: result.problemCount - result.problems.length }));
  }
  const file = basename(result.file);
  if (result.dryRun) {
    printLine(
      t("import.run.dryRunSummary", {
        file,
        read: result.rowsRead,
        valid: result.rowsRead - result.rejected,
        rejected: result.rejected,
      }),
    );
    return;
  }
  if (!result.written) {
    message(t("import.run.rejected", { file, count: result.rejected }));
    return;
  }
  if (result.createdCustomers > 0)
    message(t("import.run.createdCustomers", { count: result.createdCustomers }));
  printLine(
    t("import.run.summary", {
      file,
      read: result.rowsRead,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      seconds: result.seconds,
    }),
  );
}
