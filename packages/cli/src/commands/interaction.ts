/**
 * `custra interaction log`: logs an interaction with a customer, a thin adapter over the app's
 * logInteraction (which validates, checks the customer and writes the audit entry).
 */
import { INTERACTION_KINDS, logInteraction } from "@custra/app";
import { type Command, Option } from "commander";
import { withApp } from "../app-context.ts";
import "../messages.ts";
import { examples } from "../options.ts";
import { message, printJson } from "../output.ts";
import "./interaction.messages.ts";
import { t } from "../locale.ts";

interface LogOptions {
  customer: string;
  kind: string;
  summary: string;
  at?: string;
  json?: boolean;
}

export function registerInteractionCommands(program: Command): void {
  const interaction = program
    .command("interaction")
    .description(t("cli.interaction.description"))
    .addHelpText(
      "after",
      examples([
        'custra interaction log --customer C0042 --kind visit --summary "上门拜访，确认续约"',
        'custra interaction log --customer C0042 --kind complaint --summary "发货延迟" --at 2026-01-10T09:30:00+08:00',
      ]),
    );
  interaction
    .command("log")
    .description(t("cli.interaction.log.description"))
    .requiredOption("--customer <code>", t("cli.interaction.log.customer"))
    .addOption(
      new Option("--kind <kind>", t("cli.interaction.log.kind"))
        .choices(INTERACTION_KINDS)
        .makeOptionMandatory(),
    )
    .requiredOption("--summary <text>", t("cli.interaction.log.summary"))
    .option("--at <instant>", t("cli.interaction.log.at"))
    .option("--json", t("cli.option.json"))
    .action(async (options: LogOptions, command: Command) => {
      await withApp(command, async (ctx) => {
        const logged = await logInteraction(ctx, {
          customerCode: options.customer,
          kind: options.kind,
          summary: options.summary,
          occurredAt: options.at ?? new Date().toISOString(),
        });
        if (options.json) return printJson(logged);
        message(
          t("cli.interaction.log.logged", {
            id: logged.id,
            customer: logged.customerCode,
            kind: logged.kind,
            at: logged.occurredAt.toISOString(),
          }),
        );
      });
    });
}
