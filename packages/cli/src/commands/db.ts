import { t } from "@custra/core/i18n";
import { type DbHandle, migrate, tableCounts } from "@custra/db";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import { examples } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";

export interface DbInfo {
  engine: DbHandle["engine"];
  location: string;
  tables: Record<string, number>;
}

export function registerDbCommands(program: Command): void {
  const db = program
    .command("db")
    .description(t("cli.db.description"))
    .addHelpText(
      "after",
      examples(["custra db info", "custra db migrate --db postgres://postgres@127.0.0.1:5432/custra"]),
    );

  db.command("migrate")
    .description(t("cli.db.migrate.description"))
    .option("--json", t("cli.option.json"))
    .addHelpText("after", examples(["custra db migrate --db postgres://postgres@127.0.0.1:5432/custra"]))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const outcome = await migrate(handle);
        if (options.json) printJson({ engine: handle.engine, location: handle.display, ...outcome });
        else if (outcome.applied.length > 0)
          message(t("cli.db.migrate.applied", { names: outcome.applied.join(", ") }));
        else message(t("cli.db.migrate.upToDate", { version: outcome.current ?? "-" }));
      });
    });

  db.command("info")
    .description(t("cli.db.info.description"))
    .option("--json", t("cli.option.json"))
    .addHelpText("after", examples(["custra db info", "custra db info --db /tmp/a.duckdb --json"]))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const info: DbInfo = {
          engine: handle.engine,
          location: handle.display,
          tables: await tableCounts(handle),
        };
        if (options.json) return printJson(info);
        printLine(`${t("cli.db.info.engine")}: ${info.engine}`);
        printLine(`${t("cli.db.info.location")}: ${info.location}`);
        printLine();
        printLine(
          formatTable(
            [t("cli.db.info.table"), t("cli.db.info.rows")],
            Object.entries(info.tables).map(([table, rows]) => [table, rows]),
          ),
        );
      });
    });
}
