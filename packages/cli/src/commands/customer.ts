import { label, type SegmentCodeKind, type SegmentCodes, t } from "@custra/core";
import { type CustomerProfile, customerProfile } from "@custra/engine";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import { examples } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";

export function registerCustomerCommands(program: Command): void {
  const customer = program
    .command("customer")
    .description(t("cli.customer.description"))
    .addHelpText("after", examples(["custra customer show 00004"]));
  customer
    .command("show")
    .description(t("cli.customer.show.description"))
    .argument("<code>", t("cli.customer.code"))
    .option("--json", t("cli.option.json"))
    .addHelpText("after", examples(["custra customer show C0000042", "custra customer show 00004 --json"]))
    .action(async (code: string, options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const profile = await customerProfile(handle, code);
        if (options.json) printJson(profile);
        else printProfile(profile);
      });
    });
}

const num = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? "-"
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function named<K extends SegmentCodeKind>(kind: K, code: string | null | undefined): string {
  return code ? label(kind, code as SegmentCodes[K]) : "-";
}

function printProfile({ customer, run, scores }: CustomerProfile): void {
  const rows: [string, string][] = [
    [t("cli.customer.field.code"), customer.code],
    [t("cli.customer.field.name"), customer.name ?? "-"],
    [
      t("cli.customer.field.type"),
      customer.type === "individual" || customer.type === "enterprise"
        ? t(`cli.customer.type.${customer.type}`)
        : "-",
    ],
    [t("cli.customer.field.industry"), customer.industry ?? "-"],
    [t("cli.customer.field.region"), [customer.province, customer.city].filter(Boolean).join(" ") || "-"],
    [t("cli.customer.field.owner"), customer.owner ?? "-"],
  ];
  if (run && scores) {
    const unit = t(`cli.analyze.unit.${run.timeUnit}`);
    rows.push(
      [t("cli.customer.field.orders"), `${scores.orders}`],
      [t("cli.customer.field.revenue"), num(scores.revenue)],
      [t("cli.customer.field.pAlive"), num(scores.pAlive, 3)],
      [t("cli.customer.field.expected", { horizon: run.horizon, unit }), num(scores.expectedPurchases, 3)],
      [t("cli.customer.field.clv", { horizon: run.horizon, unit }), num(scores.clv)],
      [
        t("cli.customer.field.rfm"),
        scores.rfm.segment
          ? `${scores.rfm.r}-${scores.rfm.f}-${scores.rfm.m} ${named("rfm", scores.rfm.segment)} / ${named("rfm8", scores.rfm.class)}`
          : named("rfm", "no_purchase"),
      ],
      [t("cli.customer.field.abc"), named("abc", scores.abcClass)],
      [t("cli.customer.field.valueTier"), named("valueTier", scores.valueTier)],
      [t("cli.customer.field.behaviour"), named("behaviour", scores.behaviourStatus)],
      [t("cli.customer.field.lifecycle"), named("lifecycle", scores.lifecycleStage)],
      [t("cli.customer.field.credit"), named("credit", scores.creditGrade)],
      [
        t("cli.customer.field.churn"),
        `${num(scores.churnRisk, 2)} ${named("warning", scores.churnWarning)}${
          scores.churnReasons.length > 0
            ? ` (${scores.churnReasons.map((reason) => named("reason", reason)).join(", ")})`
            : ""
        }`,
      ],
      [t("cli.customer.field.nps"), named("nps", scores.npsCategory)],
      [t("cli.customer.field.loyalty"), num(scores.loyalty, 0)],
    );
  }
  printLine(formatTable([t("cli.customer.col.field"), t("cli.customer.col.value")], rows));
  if (run) printLine(`\n${t("cli.customer.fromRun", { run: run.id, asOf: run.asOf })}`);
  else message(t("analyze.noRun"));
}
