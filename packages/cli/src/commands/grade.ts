import { userInfo } from "node:os";
import {
  explainGrade,
  gradeHistory,
  gradeMigration,
  LOCAL_OPERATOR,
  listPins,
  migrationRequest,
  pinGrade,
  pinRequest,
  runGrading,
  unpinGrade,
} from "@custra/app";
import { fieldLabel, type GradingScheme, gradeLabel, gradingWarningText, schemeText } from "@custra/core";
import {
  type CustomerGradeView,
  GRADE_STAGES,
  type GradeReport,
  listDefinitions,
  loadSettings,
  type MigrationReport,
  type PinView,
  requireDefinition,
  todayIso,
} from "@custra/engine";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import { moneyIn } from "../money.ts";
import "../messages.ts";
import { examples, isoDate, positiveInt } from "../options.ts";
import { fmt, formatTable, message, pct, printJson, printLine } from "../output.ts";
import { startProgress } from "../progress.ts";
import "./grade.messages.ts";
import { cliLocale, t } from "../locale.ts";
import { valueLabel } from "./structure.ts";

/** Who is at the keyboard, for pins and finished tasks: CUSTRA_USER, else the system user. */
export function userName(): string {
  const fromEnv = process.env.CUSTRA_USER?.trim();
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    // Some containers run as a user without a passwd entry.
    return "unknown";
  }
}

/** How many fallen customers `grade migration` names unless told. */
const DROPS_SHOWN = 20;

interface GradeCommandOptions {
  scheme?: string;
  run?: number;
  preview?: boolean;
  json?: boolean;
}

export function registerGradeCommands(program: Command): void {
  const grade = program
    .command("grade")
    .description(t("cli.grade.description"))
    .addHelpText(
      "after",
      examples([
        "custra grade",
        "custra grade --scheme key_account --preview",
        "custra grade pin C0000042 --grade A --reason 战略合作伙伴 --until 2026-12-31",
        "custra grade migration",
        "custra grade explain C0000042",
      ]),
    );
  // Grading itself is the default subcommand, so that `custra grade --scheme x` grades while each
  // subcommand keeps options of its own (--scheme, --json) that the others also have.
  grade
    .command("run", { isDefault: true })
    .description(t("cli.grade.run.description"))
    .option("--scheme <name>", t("cli.grade.scheme"))
    .option("--run <id>", t("cli.grade.run"), positiveInt("--run"))
    .option("--preview", t("cli.grade.preview"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra grade",
        "custra grade --scheme key_account --preview",
        "custra grade run --run 3 --json",
      ]),
    )
    .action(async (options: GradeCommandOptions, command: Command) => {
      await withDb(command, async (handle) => {
        const progress = startProgress(t("cli.grade.stage.load"), GRADE_STAGES.length);
        let report: GradeReport;
        try {
          report = await runGrading(
            { handle, actor: LOCAL_OPERATOR },
            { scheme: options.scheme, analysisRunId: options.run, preview: options.preview },
            {
              onStage: (stage) => {
                progress.setLabel(t(`cli.grade.stage.${stage}`));
                progress.update(GRADE_STAGES.indexOf(stage));
              },
            },
          );
        } finally {
          progress.stop();
        }
        if (options.preview) message(t("cli.grade.previewNotSaved"));
        if (options.json) return printJson(report);
        const { definition: scheme } = await requireDefinition(
          handle,
          "scheme",
          report.scheme.name,
          report.scheme.version,
        );
        printGradeReport(report, scheme, (await loadSettings(handle)).currency);
      });
    });

  registerPinCommands(grade);
  registerMigrationCommand(grade);
  registerExplainCommand(grade);
  registerHistoryCommand(grade);
}

/** A grade run's report as the CLI prints it (also `npm start`'s). */
export function printGradeReport(report: GradeReport, scheme: GradingScheme, currency: string): void {
  const money = moneyIn(currency);
  const params = {
    title: schemeText(scheme.title, cliLocale()),
    scheme: report.scheme.name,
    version: report.scheme.version,
    analysis: report.analysisRunId,
    asOf: report.asOf,
    customers: fmt(report.customers),
    gradeRun: report.gradeRunId ?? "-",
  };
  printLine(t(report.gradeRunId === undefined ? "cli.grade.headerPreview" : "cli.grade.header", params));
  printLine();
  printLine(
    formatTable(
      [
        t("cli.grade.col.grade"),
        t("cli.grade.col.customers"),
        t("cli.grade.col.customerShare"),
        t("cli.grade.col.revenueShare"),
        t("cli.grade.col.clvShare"),
        t("cli.grade.col.meanClv"),
      ],
      report.distribution.map((row) => [
        gradeLabel(scheme, row.grade, cliLocale()),
        row.customers,
        pct(row.customerShare),
        pct(row.revenueShare),
        pct(row.clvShare),
        money(row.meanClv),
      ]),
    ),
  );
  printLine();
  printLine(t("cli.grade.adjusted", { overridden: fmt(report.overridden), pinned: fmt(report.pinned) }));
  // Warnings go with the messages (stderr), as the analysis prints its own; --json carries them.
  for (const warning of report.warnings)
    message(t("cli.grade.warning", { text: gradingWarningText(warning, cliLocale()) }));
  printLine(
    t("cli.grade.timings", {
      list: Object.entries(report.timings)
        .map(([stage, ms]) => `${t(`cli.grade.stage.${stage}`)} ${fmt(ms)} ms`)
        .join(", "),
    }),
  );
}

function registerPinCommands(grade: Command): void {
  grade
    .command("pin")
    .description(t("cli.grade.pin.description"))
    .argument("<code>", t("cli.grade.code"))
    .requiredOption("--grade <grade>", t("cli.grade.pin.grade"))
    .requiredOption("--reason <text>", t("cli.grade.pin.reason"))
    .option("--until <date>", t("cli.grade.pin.until"), isoDate("--until"))
    .option("--scheme <name>", t("cli.grade.scheme"))
    .option("--author <name>", t("cli.grade.pin.author"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra grade pin C0000042 --grade A --reason 战略合作伙伴",
        "custra grade pin C0000042 --grade strategic --scheme key_account --reason 'signed a 3-year frame contract' --until 2027-06-30",
      ]),
    )
    .action(
      async (
        code: string,
        options: {
          grade: string;
          reason: string;
          until?: string;
          scheme: string;
          author?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        // Checked before the database is opened: a blank reason is a usage error.
        const input = pinRequest({
          code,
          scheme: options.scheme,
          grade: options.grade,
          reason: options.reason,
          author: options.author ?? userName(),
          until: options.until,
        });
        await withDb(command, async (handle) => {
          const pin = await pinGrade({ handle, actor: LOCAL_OPERATOR }, input);
          if (options.json) return printJson(pin);
          const { definition: scheme } = await requireDefinition(handle, "scheme", pin.scheme);
          message(
            t(pin.until ? "cli.grade.pin.doneUntil" : "cli.grade.pin.done", {
              code: pin.customerCode,
              scheme: pin.scheme,
              grade: gradeLabel(scheme, pin.grade, cliLocale()),
              until: pin.until ?? "",
            }),
          );
        });
      },
    );

  grade
    .command("unpin")
    .description(t("cli.grade.unpin.description"))
    .argument("<code>", t("cli.grade.code"))
    .option("--scheme <name>", t("cli.grade.scheme"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples(["custra grade unpin C0000042", "custra grade unpin C0000042 --scheme key_account"]),
    )
    .action(async (code: string, options: { scheme?: string; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const removed = await unpinGrade({ handle, actor: LOCAL_OPERATOR }, { code, scheme: options.scheme });
        if (options.json) return printJson(removed);
        message(t("cli.grade.unpin.done", { code, scheme: removed.scheme }));
      });
    });

  grade
    .command("pins")
    .description(t("cli.grade.pins.description"))
    .option("--scheme <name>", t("cli.grade.pins.scheme"))
    .option("--json", t("cli.option.json"))
    .addHelpText("after", examples(["custra grade pins", "custra grade pins --scheme value --json"]))
    .action(async (options: { scheme?: string; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const pins = await listPins({ handle, actor: LOCAL_OPERATOR }, { scheme: options.scheme });
        if (options.json) return printJson(pins);
        if (pins.length === 0) return message(t("cli.grade.pins.none"));
        const schemes = new Map(
          (await listDefinitions(handle, "scheme")).map((stored) => [stored.name, stored.definition]),
        );
        printLine(pinTable(pins, schemes));
      });
    });
}

function pinTable(pins: readonly PinView[], schemes: ReadonlyMap<string, GradingScheme>): string {
  const today = todayIso();
  return formatTable(
    [
      t("cli.grade.col.customer"),
      t("cli.grade.col.scheme"),
      t("cli.grade.col.grade"),
      t("cli.grade.col.reason"),
      t("cli.grade.col.author"),
      t("cli.grade.col.until"),
      t("cli.grade.col.pinnedOn"),
    ],
    pins.map((pin) => {
      const scheme = schemes.get(pin.scheme);
      return [
        pin.customerCode,
        pin.scheme,
        scheme ? gradeLabel(scheme, pin.grade, cliLocale()) : pin.grade,
        pin.reason,
        pin.author,
        pin.until === null
          ? t("cli.grade.pins.forever")
          : pin.until < today
            ? t("cli.grade.pins.expired", { until: pin.until })
            : pin.until,
        pin.createdAt.toISOString().slice(0, 10),
      ];
    }),
  );
}

interface MigrationCommandOptions {
  scheme?: string;
  from?: number;
  to?: number;
  limit?: number;
  json?: boolean;
}

function registerMigrationCommand(grade: Command): void {
  grade
    .command("migration")
    .description(t("cli.grade.migration.description"))
    .option("--scheme <name>", t("cli.grade.scheme"))
    .option("--from <id>", t("cli.grade.migration.from"), positiveInt("--from"))
    .option("--to <id>", t("cli.grade.migration.to"), positiveInt("--to"))
    .option("--limit <n>", t("cli.grade.migration.limit"), positiveInt("--limit"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra grade migration",
        "custra grade migration --scheme key_account --limit 50",
        "custra grade migration --from 3 --to 7 --json",
      ]),
    )
    .action(async (options: MigrationCommandOptions, command: Command) => {
      // Checked before the database is opened: --from without --to is a usage error.
      const input = migrationRequest({
        scheme: options.scheme,
        from: options.from,
        to: options.to,
        dropLimit: options.limit ?? DROPS_SHOWN,
      });
      await withDb(command, async (handle) => {
        const report = await gradeMigration({ handle, actor: LOCAL_OPERATOR }, input);
        if (options.json) return printJson(report);
        const { definition: scheme } = await requireDefinition(
          handle,
          "scheme",
          report.scheme,
          report.to.schemeVersion,
        );
        printMigration(report, scheme, (await loadSettings(handle)).currency);
      });
    });
}

function printMigration(report: MigrationReport, scheme: GradingScheme, currency: string): void {
  const money = moneyIn(currency);
  const name = (grade: string) => gradeLabel(scheme, grade, cliLocale());
  printLine(
    t("cli.grade.migration.header", {
      title: schemeText(scheme.title, cliLocale()),
      scheme: report.scheme,
      from: report.from.id,
      fromAsOf: report.from.asOf,
      to: report.to.id,
      toAsOf: report.to.asOf,
    }),
  );
  printMatrix(t("cli.grade.migration.counts"), report, report.counts, (value) => fmt(value));
  printMatrix(t("cli.grade.migration.revenue"), report, report.revenue, money);
  printLine();
  printLine(
    t("cli.grade.migration.moves", {
      up: fmt(report.up.customers),
      upRevenue: money(report.up.revenue),
      same: fmt(report.same.customers),
      down: fmt(report.down.customers),
      downRevenue: money(report.down.revenue),
    }),
  );
  printLine(
    t("cli.grade.migration.newGone", {
      new: fmt(report.newCustomers.customers),
      newRevenue: money(report.newCustomers.revenue),
      gone: fmt(report.goneCustomers.customers),
    }),
  );
  const byGrade = (counts: Readonly<Record<string, number>>) =>
    report.grades
      .filter((grade) => counts[grade]! > 0)
      .map((grade) => `${name(grade)} ${fmt(counts[grade]!)}`)
      .join(t("cli.grade.listSeparator"));
  if (report.newCustomers.customers > 0) {
    printLine(
      t("cli.grade.migration.newExplained", {
        fromAsOf: report.from.asOf,
        byGrade: byGrade(report.newCustomers.byGrade),
      }),
    );
  }
  if (report.goneCustomers.customers > 0) {
    printLine(t("cli.grade.migration.goneExplained", { byGrade: byGrade(report.goneCustomers.byGrade) }));
  }
  printLine();
  const top = report.topGrades.map(name).join(t("cli.grade.listSeparator"));
  if (report.dropCount === 0) {
    printLine(t("cli.grade.migration.noDrops", { top }));
    return;
  }
  printLine(
    t(
      report.drops.length < report.dropCount ? "cli.grade.migration.dropsSome" : "cli.grade.migration.drops",
      {
        top,
        count: fmt(report.dropCount),
        shown: fmt(report.drops.length),
      },
    ),
  );
  printLine(
    formatTable(
      [
        t("cli.grade.col.customer"),
        t("cli.grade.col.name"),
        t("cli.grade.col.move"),
        t("cli.grade.col.revenue"),
      ],
      report.drops.map((drop) => [
        drop.code,
        drop.name ?? "-",
        `${name(drop.from)} → ${name(drop.to)}`,
        money(drop.revenue),
      ]),
    ),
  );
}

/** Rows are the earlier grade, columns the later one; a total row and column close it. */
function printMatrix(
  title: string,
  report: MigrationReport,
  matrix: MigrationReport["counts"],
  show: (value: number) => string,
): void {
  const { grades } = report;
  const rowTotal = (from: string) => grades.reduce((sum, to) => sum + (matrix[from]?.[to] ?? 0), 0);
  const columnTotal = (to: string) => grades.reduce((sum, from) => sum + (matrix[from]?.[to] ?? 0), 0);
  printLine();
  printLine(title);
  printLine(
    formatTable(
      [t("cli.grade.migration.corner"), ...grades, t("cli.grade.migration.total")],
      [
        ...grades.map((from) => [
          from,
          ...grades.map((to) => show(matrix[from]?.[to] ?? 0)),
          show(rowTotal(from)),
        ]),
        [
          t("cli.grade.migration.total"),
          ...grades.map((to) => show(columnTotal(to))),
          show(grades.reduce((sum, from) => sum + rowTotal(from), 0)),
        ],
      ],
    ),
  );
}

function registerHistoryCommand(grade: Command): void {
  grade
    .command("history")
    .description(t("cli.grade.history.description"))
    .argument("<code>", t("cli.grade.code"))
    .option("--scheme <name>", t("cli.grade.explain.scheme"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples(["custra grade history C0000042", "custra grade history C0000042 --scheme value --json"]),
    )
    .action(async (code: string, options: { scheme?: string; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const { history } = await gradeHistory(
          { handle, actor: LOCAL_OPERATOR },
          { code, scheme: options.scheme },
        );
        if (options.json) return printJson({ code, history });
        const schemes = new Map<string, GradingScheme>();
        const rows: (string | number)[][] = [];
        for (const entry of history) {
          const key = `${entry.scheme}@${entry.schemeVersion}`;
          if (!schemes.has(key)) {
            schemes.set(
              key,
              (await requireDefinition(handle, "scheme", entry.scheme, entry.schemeVersion)).definition,
            );
          }
          const scheme = schemes.get(key)!;
          rows.push([
            schemeText(scheme.title, cliLocale()),
            entry.gradeRunId,
            entry.asOf,
            gradeLabel(scheme, entry.grade, cliLocale()) +
              (entry.pinned ? ` ${t("cli.grade.history.pinned")}` : ""),
            entry.score === null ? "-" : fmt(entry.score, 1),
          ]);
        }
        printLine(t("cli.grade.history.header", { code }));
        printLine(
          formatTable(
            [
              t("cli.grade.col.scheme"),
              t("cli.grade.col.run"),
              t("cli.grade.col.asOf"),
              t("cli.grade.col.grade"),
              t("cli.grade.col.score"),
            ],
            rows,
          ),
        );
      });
    });
}

function registerExplainCommand(grade: Command): void {
  grade
    .command("explain")
    .description(t("cli.grade.explain.description"))
    .argument("<code>", t("cli.grade.code"))
    .option("--scheme <name>", t("cli.grade.explain.scheme"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra grade explain C0000042",
        "custra grade explain C0000042 --scheme key_account --json",
      ]),
    )
    .action(async (code: string, options: { scheme?: string; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const { grades: views } = await explainGrade(
          { handle, actor: LOCAL_OPERATOR },
          { code, scheme: options.scheme, locale: cliLocale() },
        );
        if (options.json) return printJson({ code, grades: views });
        for (const [k, view] of views.entries()) {
          if (k > 0) printLine();
          const { definition: scheme } = await requireDefinition(
            handle,
            "scheme",
            view.scheme,
            view.schemeVersion,
          );
          printExplanation(code, view, scheme);
        }
      });
    });
}

/** A field's value in words: codes by their labels, whole numbers without decimals. */
function fieldValue(field: string, value: number | string | null): string {
  if (typeof value === "number") return fmt(value, Number.isInteger(value) ? 0 : 2);
  return valueLabel(field, value);
}

function printExplanation(code: string, view: CustomerGradeView, scheme: GradingScheme): void {
  const name = (grade: string) => gradeLabel(scheme, grade, cliLocale());
  printLine(
    t("cli.grade.explain.header", {
      code,
      title: view.schemeTitle,
      scheme: view.scheme,
      version: view.schemeVersion,
      gradeRun: view.gradeRunId,
      asOf: view.asOf,
    }),
  );
  printLine(
    t(view.grade === view.scoreGrade ? "cli.grade.explain.grade" : "cli.grade.explain.gradeChanged", {
      grade: name(view.grade),
      score: view.score === null ? "-" : fmt(view.score, 1),
      scoreGrade: name(view.scoreGrade),
    }),
  );
  printLine();
  printLine(
    formatTable(
      [
        t("cli.grade.col.field"),
        t("cli.grade.col.value"),
        t("cli.grade.col.dimensionScore"),
        t("cli.grade.col.weight"),
        t("cli.grade.col.contribution"),
      ],
      view.components.map((component) => [
        fieldLabel(component.field, cliLocale()),
        fieldValue(component.field, component.value),
        component.uninformative
          ? t("cli.grade.explain.uninformative", {
              score: component.normalized === null ? "-" : fmt(component.normalized, 1),
            })
          : component.normalized === null
            ? t("cli.grade.explain.skipped")
            : fmt(component.normalized, 1),
        fmt(component.weight, 2),
        fmt(component.contribution, 1),
      ]),
    ),
  );
  // The contributions are the weighted mean's parts: together they are the score.
  printLine(t("cli.grade.explain.score", { score: view.score === null ? "-" : fmt(view.score, 1) }));
  if (view.rules.length > 0) {
    printLine();
    printLine(t("cli.grade.explain.rules"));
    printLine(
      formatTable(
        [
          t("cli.grade.col.rule"),
          t("cli.grade.col.effect"),
          t("cli.grade.col.reason"),
          t("cli.grade.col.applied"),
        ],
        view.rules.map((rule) => [
          String(rule.rule + 1),
          t(`cli.grade.effect.${rule.effect}`, {
            grade: rule.grade === undefined ? "" : name(rule.grade),
            flag: rule.flag ?? "",
          }),
          rule.reason ?? "-",
          t(rule.applied ? "cli.grade.explain.applied" : "cli.grade.explain.notApplied"),
        ]),
      ),
    );
  }
  if (view.flags.length > 0) {
    // A flag reads best as the reason of the rule that raised it.
    const reasons = new Map(view.rules.flatMap((rule) => (rule.flag ? [[rule.flag, rule.reason]] : [])));
    printLine();
    printLine(
      t("cli.grade.explain.flags", {
        flags: view.flags
          .map((flag) => (reasons.get(flag) ? `${reasons.get(flag)} (${flag})` : flag))
          .join(t("cli.grade.listSeparator")),
      }),
    );
  }
  if (view.pin) {
    printLine();
    printLine(
      t(view.pin.until ? "cli.grade.explain.pinUntil" : "cli.grade.explain.pin", {
        grade: name(view.pin.grade),
        reason: view.pin.reason,
        author: view.pin.author,
        until: view.pin.until ?? "",
      }),
    );
  } else if (view.pinned) {
    printLine();
    printLine(t("cli.grade.explain.pinGone"));
  }
}
