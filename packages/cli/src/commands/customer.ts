import { type Customer360WithTexts, showCompanySettings, showCustomer, withReasonTexts } from "@custra/app";
import { label, type SegmentCodeKind, type SegmentCodes, strategyLabel } from "@custra/core";
import type { CustomerProfile } from "@custra/engine";
import type { Command } from "commander";
import { withApp } from "../app-context.ts";
import { moneyIn } from "../money.ts";
import { examples } from "../options.ts";
import { fmt, formatTable, message, printJson, printLine } from "../output.ts";
import "./analyze.messages.ts";
import "./grade.messages.ts";
import "./records.messages.ts";
import "./tasks.messages.ts";
import { cliLocale, t } from "../locale.ts";

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
      await withApp(command, async (ctx) => {
        const shown = await withReasonTexts(
          ctx,
          await showCustomer(ctx, { code, locale: cliLocale() }),
          cliLocale(),
        );
        if (options.json) printJson(shown);
        else {
          const { currency } = (await showCompanySettings(ctx)).settings;
          printProfile(shown, currency);
          printExtras(shown);
          printRecords(shown, moneyIn(currency));
        }
      });
    });
}

const num = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? "-"
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function named<K extends SegmentCodeKind>(kind: K, code: string | null | undefined): string {
  return code ? label(kind, code as SegmentCodes[K], cliLocale()) : "-";
}

/** The profile as a table of fields; money in the company's currency (`currency`, ISO 4217). */
function printProfile({ customer, run, scores }: CustomerProfile, currency: string): void {
  const cents = moneyIn(currency);
  const money = (amount: number | null | undefined) =>
    amount === null || amount === undefined ? "-" : cents(amount);
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
      [t("cli.customer.field.revenue"), money(scores.revenue)],
      [t("cli.customer.field.pAlive"), num(scores.pAlive, 3)],
      [t("cli.customer.field.expected", { horizon: run.horizon, unit }), num(scores.expectedPurchases, 3)],
      [t("cli.customer.field.clv", { horizon: run.horizon, unit }), money(scores.clv)],
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
  else message(t("cli.customer.noRun"));
}

function printExtras({ grades, tasks, recommendations }: Customer360WithTexts): void {
  printLine();
  if (grades.length === 0) printLine(t("cli.grade.customer.notGraded"));
  else {
    printLine(t("cli.grade.customer.grades"));
    printLine(
      formatTable(
        [
          t("cli.grade.col.scheme"),
          t("cli.grade.col.grade"),
          t("cli.grade.col.score"),
          t("cli.grade.col.asOf"),
        ],
        grades.map((grade) => [
          `${grade.schemeTitle} (${grade.scheme})`,
          grade.pinned ? `${grade.gradeLabel} ${t("cli.grade.customer.pinned")}` : grade.gradeLabel,
          grade.score === null ? "-" : fmt(grade.score, 1),
          grade.asOf,
        ]),
      ),
    );
  }
  printLine();
  if (tasks.length === 0) printLine(t("cli.tasks.customer.none"));
  else {
    printLine(t("cli.tasks.customer.open", { count: tasks.length }));
    printLine(
      formatTable(
        [
          t("cli.tasks.col.id"),
          t("cli.tasks.col.due"),
          t("cli.tasks.col.priority"),
          t("cli.tasks.col.kind"),
          t("cli.tasks.col.reason"),
        ],
        tasks.map((task) => [
          task.id,
          task.dueOn,
          strategyLabel("priority", task.priority, cliLocale()),
          strategyLabel("kind", task.kind, cliLocale()),
          task.reasonText,
        ]),
      ),
    );
  }
  if (recommendations.length > 0) {
    printLine();
    printLine(t("cli.tasks.recommendations.title"));
    printLine(
      formatTable(
        [
          t("cli.tasks.recommendations.product"),
          t("cli.tasks.recommendations.category"),
          t("cli.tasks.col.reason"),
        ],
        recommendations.map((product) => [
          `${product.sku} ${product.name}`,
          product.category ?? "-",
          product.reasonText,
        ]),
      ),
    );
  }
}

/** How many of the latest orders and payments the terminal shows (the JSON holds the 360 view's 20). */
const SHOWN_RECORDS = 5;

/** The latest orders, the receivables' aging and the latest payments. */
function printRecords(
  { orders, aging, payments }: Customer360WithTexts,
  money: (amount: number) => string,
): void {
  printLine();
  if (orders.length === 0) printLine(t("cli.records.orders.none"));
  else {
    const latest = orders.slice(0, SHOWN_RECORDS);
    printLine(t("cli.records.orders.latest", { count: latest.length }));
    printLine(
      formatTable(
        [
          t("cli.records.col.date"),
          t("cli.records.col.number"),
          t("cli.records.col.amount"),
          t("cli.records.col.status"),
          t("cli.records.col.lines"),
        ],
        latest.map((order) => [
          order.orderDate,
          order.externalId,
          money(order.amount),
          order.status ?? "-",
          `${order.lineCount}`,
        ]),
      ),
    );
  }
  printLine();
  if (aging.openInvoices === 0) printLine(t("cli.records.receivables.none", { asOf: aging.asOf }));
  else {
    printLine(
      t("cli.records.receivables.title", {
        asOf: aging.asOf,
        count: aging.openInvoices,
        open: money(aging.openAmount),
        overdue: money(aging.overdueAmount),
      }),
    );
    printLine(
      formatTable(
        aging.buckets.map((bucket) => t(`cli.records.bucket.${bucket.bucket}`)),
        [aging.buckets.map((bucket) => money(bucket.openAmount))],
      ),
    );
  }
  printLine();
  if (payments.length === 0) printLine(t("cli.records.payments.none"));
  else {
    const latest = payments.slice(0, SHOWN_RECORDS);
    printLine(t("cli.records.payments.latest", { count: latest.length }));
    printLine(
      formatTable(
        [
          t("cli.records.col.date"),
          t("cli.records.col.number"),
          t("cli.records.col.invoice"),
          t("cli.records.col.amount"),
        ],
        latest.map((payment) => [
          payment.paidOn,
          payment.externalId,
          payment.invoiceExternalId ?? "-",
          money(payment.amount),
        ]),
      ),
    );
  }
}
