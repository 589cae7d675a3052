import { type DatabaseInfo, databaseInfo, LOCAL_OPERATOR, migrateDatabase } from "@custra/app/database";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import { t } from "../locale.ts";
import { examples } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";

/** What `db info` prints. */
export type DbInfo = DatabaseInfo;

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
      // Not withApp: that loads the whole app layer, and with it the engine (see app-context.ts).
      await withDb(command, async (handle) => {
        const outcome = await migrateDatabase({ handle, actor: LOCAL_OPERATOR });
        if (options.json) printJson(outcome);
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
        const info: DbInfo = await databaseInfo({ handle, actor: LOCAL_OPERATOR });
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
