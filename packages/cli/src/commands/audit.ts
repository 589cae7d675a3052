/** `custra audit verify|list`: the audit log's hash chain checked, and its recent entries. */
import { LOCAL_OPERATOR, listAuditEntries, verifyAuditChain } from "@custra/app";
import { renderText } from "@custra/core/errors";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import "../messages.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";
import "./access.messages.ts";
import { cliLocale, t } from "../locale.ts";

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description(t("cli.audit.description"));
  audit
    .command("verify")
    .description(t("cli.audit.verify.description"))
    .option("--json", t("cli.option.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const report = await verifyAuditChain({ handle, actor: LOCAL_OPERATOR });
        if (options.json) printJson(report);
        else if (report.ok) message(t("cli.audit.ok", { entries: report.entries }));
        else
          message(
            t("cli.audit.broken", {
              problem: report.problemText ? renderText(report.problemText, cliLocale()) : "",
              entries: report.entries,
            }),
          );
        // A broken chain is a state the operator must act on: exit 1, for scripts and cron.
        if (!report.ok) process.exitCode = 1;
      });
    });
  audit
    .command("list")
    .description(t("cli.audit.list.description"))
    .option("--action <action>", t("cli.audit.option.action"))
    .option("--limit <n>", t("cli.audit.option.limit"), "50")
    .option("--json", t("cli.option.json"))
    .action(async (options: { action?: string; limit: string; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const entries = await listAuditEntries(
          { handle, actor: LOCAL_OPERATOR },
          {
            limit: Number(options.limit),
            ...(options.action === undefined ? {} : { action: options.action }),
          },
        );
        if (options.json) printJson(entries);
        else if (entries.length === 0) message(t("cli.audit.none"));
        else
          printLine(
            formatTable(
              ["id", "at", "actor", "action", "entity"].map((c) => t(`cli.audit.col.${c}`)),
              entries.map((e) => [
                String(e.id),
                e.occurredAt.replace("T", " ").replace(/\.\d+Z$/, ""),
                e.actorName ?? "",
                e.action,
                e.entity === null ? "" : `${e.entity} ${e.entityId ?? ""}`.trim(),
              ]),
            ),
          );
      });
    });
}
