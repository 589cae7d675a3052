/**
 * `custra settings`: the company's settings, shown (`custra settings`, `settings show`), changed
 * (`settings set currency=USD timezone=Europe/Berlin`) and put back to their defaults
 * (`settings reset currency`). A bad value is exit 1 with a message naming the setting and the
 * values it takes; the validation and storage are the engine's (engine `settings`).
 */

import { resetCompanySettings, showCompanySettings, updateCompanySettings } from "@custra/app";
import {
  businessModelLabel,
  type CompanySettings,
  formatMoney,
  SETTING_KEYS,
  type SettingKey,
  settingName,
} from "@custra/core";
import type { SettingsView } from "@custra/engine";
import type { Command } from "commander";
import { withApp } from "../app-context.ts";
import { CliError } from "../errors.ts";
import "../messages.ts";
import { examples } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";
import "./settings.messages.ts";
import { cliLocale, t } from "../locale.ts";

export function registerSettingsCommand(program: Command): void {
  const settings = program
    .command("settings")
    .description(t("cli.settings.description"))
    .addHelpText(
      "after",
      examples([
        "custra settings",
        "custra settings set currency=USD timezone=Europe/Berlin",
        "custra settings set fiscal_year_start=04-01 business_model=mixed locale=en",
        'custra settings set "company_name=上海示例贸易有限公司"',
        "custra settings reset currency",
      ]),
    );
  settings
    .command("show", { isDefault: true })
    .description(t("cli.settings.show.description"))
    .option("--json", t("cli.option.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withApp(command, async (ctx) => print(await showCompanySettings(ctx), options.json));
    });
  settings
    .command("set")
    .description(t("cli.settings.set.description"))
    .argument("<name=value...>", t("cli.settings.set.assignments"))
    .option("--json", t("cli.option.json"))
    .action(async (assignments: string[], options: { json?: boolean }, command: Command) => {
      const changes = parseAssignments(assignments);
      await withApp(command, async (ctx) => {
        const view = await updateCompanySettings(ctx, { changes });
        if (!options.json) message(t("cli.settings.updated", { keys: Object.keys(changes).join(", ") }));
        print(view, options.json);
      });
    });
  settings
    .command("reset")
    .description(t("cli.settings.reset.description"))
    .argument("<name...>", t("cli.settings.reset.keys"))
    .option("--json", t("cli.option.json"))
    .action(async (keys: string[], options: { json?: boolean }, command: Command) => {
      await withApp(command, async (ctx) => {
        const view = await resetCompanySettings(ctx, { keys });
        if (!options.json) message(t("cli.settings.wasReset", { keys: keys.join(", ") }));
        print(view, options.json);
      });
    });
}

/** `currency=USD` pairs as key → value; a pair without `=` is a usage error (exit 2). */
function parseAssignments(assignments: readonly string[]): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const assignment of assignments) {
    const at = assignment.indexOf("=");
    if (at <= 0) throw new CliError(t("cli.settings.badAssignment", { value: assignment }), 2);
    changes[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  return changes;
}

function valueText(key: SettingKey, settings: CompanySettings): string {
  if (key === "businessModel")
    return `${settings.businessModel} (${businessModelLabel(settings.businessModel, cliLocale())})`;
  return settings[key];
}

function print(view: SettingsView, json: boolean | undefined): void {
  if (json) {
    printJson(view);
    return;
  }
  const defaults = new Set(view.defaults);
  printLine(
    formatTable(
      [t("cli.settings.col.setting"), t("cli.settings.col.key"), t("cli.settings.col.value")],
      SETTING_KEYS.map((key) => [
        settingName(key, cliLocale()),
        key,
        `${valueText(key, view.settings)}${defaults.has(key) ? ` ${t("cli.settings.default")}` : ""}`,
      ]),
    ),
  );
  printLine();
  printLine(
    t("cli.settings.moneyExample", {
      example: formatMoney(1234567.89, { currency: view.settings.currency, locale: cliLocale() }),
    }),
  );
}
