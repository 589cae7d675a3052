import { runBacktest } from "@custra/app";
import { type TimeUnit, warningText } from "@custra/engine";
import { BACKTEST_STAGES, type BacktestReport, type TrackingPoint } from "@custra/engine/backtest";
import { type Command, Option } from "commander";
import { withApp } from "../app-context.ts";
import { examples, isoDate } from "../options.ts";
import { fmt, formatTable, message, pct, printJson, printLine, sig } from "../output.ts";
import { startProgress } from "../progress.ts";
import "./backtest.messages.ts";
import { cliLocale, t } from "../locale.ts";

interface BacktestCommandOptions {
  calibrationEnd: string;
  holdoutEnd: string;
  timeUnit: TimeUnit;
  model: "bgnbd" | "pareto-nbd";
  json?: boolean;
}

export function registerBacktestCommand(program: Command): void {
  program
    .command("backtest")
    .description(t("cli.backtest.description"))
    .requiredOption(
      "--calibration-end <date>",
      t("cli.backtest.calibrationEnd"),
      isoDate("--calibration-end"),
    )
    .requiredOption("--holdout-end <date>", t("cli.backtest.holdoutEnd"), isoDate("--holdout-end"))
    .addOption(
      new Option("--time-unit <unit>", t("cli.backtest.timeUnit")).choices(["day", "week"]).default("week"),
    )
    .addOption(
      new Option("--model <name>", t("cli.backtest.model")).choices(["bgnbd", "pareto-nbd"]).default("bgnbd"),
    )
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra backtest --calibration-end 1997-09-30 --holdout-end 1998-06-30",
        "custra backtest --calibration-end 2025-06-30 --holdout-end 2025-12-31 --time-unit day --json",
        "custra backtest --calibration-end 1997-09-30 --holdout-end 1998-06-30 --model pareto-nbd",
      ]),
    )
    .action(async (options: BacktestCommandOptions, command: Command) => {
      await withApp(command, async (ctx) => {
        const progress = startProgress(t("cli.backtest.stage.summary"), BACKTEST_STAGES.length);
        let report: BacktestReport;
        try {
          report = await runBacktest(
            ctx,
            {
              calibrationEnd: options.calibrationEnd,
              holdoutEnd: options.holdoutEnd,
              timeUnit: options.timeUnit,
              model: options.model,
            },
            {
              onStage: (stage) => {
                progress.setLabel(t(`cli.backtest.stage.${stage}`));
                progress.update(BACKTEST_STAGES.indexOf(stage));
              },
            },
          );
        } finally {
          progress.stop();
        }
        // The JSON has each warning as the reader reads it, as it always had.
        const warnings = report.warnings.map((warning) => warningText(warning, cliLocale()));
        if (options.json) printJson({ ...report, warnings });
        else printReport(report, warnings);
      });
    });
}

const signedPct = (share: number) =>
  Number.isFinite(share) ? `${share > 0 ? "+" : ""}${(share * 100).toFixed(1)}%` : "-";

function printReport(report: BacktestReport, warnings: readonly string[]): void {
  const unit = t(`cli.backtest.unit.${report.timeUnit}`);
  printLine(
    t("cli.backtest.header", {
      calibrationEnd: report.calibrationEnd,
      holdoutEnd: report.holdoutEnd,
      customers: fmt(report.cohort.customers),
      repeatBuyers: fmt(report.cohort.repeatBuyers),
      length: fmt(report.holdoutLength, Number.isInteger(report.holdoutLength) ? 0 : 1),
      unit,
    }),
  );
  const { bgnbd, paretoNbd } = report.models;
  if (bgnbd) {
    const p = bgnbd.params;
    printLine(
      t("cli.backtest.bgnbd", {
        r: sig(p.r),
        alpha: sig(p.alpha),
        a: sig(p.a),
        b: sig(p.b),
        ll: fmt(bgnbd.logLikelihood, 1),
        state: t(bgnbd.converged ? "cli.backtest.converged" : "cli.backtest.notConverged"),
      }),
    );
  }
  if (paretoNbd) {
    const p = paretoNbd.params;
    printLine(
      t("cli.backtest.paretoNbd", {
        r: sig(p.r),
        alpha: sig(p.alpha),
        s: sig(p.s),
        beta: sig(p.beta),
        ll: fmt(paretoNbd.logLikelihood, 1),
        state: t(paretoNbd.converged ? "cli.backtest.converged" : "cli.backtest.notConverged"),
      }),
    );
  }
  for (const warning of warnings) message(warning);
  printLine(
    t("cli.backtest.totals", {
      actual: fmt(report.totals.actual),
      predicted: fmt(report.totals.predicted, 1),
      ratio: pct(report.totals.ratio),
    }),
  );
  printLine(
    t("cli.backtest.errors", {
      mae: fmt(report.errors.mae, 3),
      rmse: fmt(report.errors.rmse, 3),
      correlation: fmt(report.correlation, 3),
    }),
  );

  printLine();
  printLine(t("cli.backtest.byFrequency"));
  printLine(
    formatTable(
      [
        t("cli.backtest.col.x"),
        t("cli.backtest.col.customers"),
        t("cli.backtest.col.meanActual"),
        t("cli.backtest.col.meanPredicted"),
      ],
      report.byFrequency.map((row) => [
        row.x,
        row.customers,
        fmt(row.meanActual, 3),
        fmt(row.meanPredicted, 3),
      ]),
    ),
  );

  printLine();
  printLine(t("cli.backtest.tracking"));
  printLine(
    formatTable(
      [
        t(`cli.backtest.period.${report.timeUnit}`),
        t("cli.backtest.col.date"),
        t("cli.backtest.col.actual"),
        t("cli.backtest.col.expected"),
        t("cli.backtest.col.difference"),
      ],
      trackingRows(report).map((point) => [
        String(point.period),
        point.date,
        fmt(point.actual),
        fmt(point.expected, 1),
        signedPct(point.actual > 0 ? point.expected / point.actual - 1 : Number.NaN),
      ]),
    ),
  );
  printLine();
  printLine(
    t("cli.backtest.timings", {
      list: Object.entries(report.timings)
        .map(([stage, ms]) => `${t(`cli.backtest.stage.${stage}`)} ${fmt(ms)} ms`)
        .join(", "),
    }),
  );
}

/**
 * The holdout part of the curve, compact: the calibration end, then every 4th week (28th day), and
 * the holdout end; the step doubles until at most 20 rows remain. The full curve is in --json.
 */
function trackingRows(report: BacktestReport): TrackingPoint[] {
  const holdout = report.tracking.filter((point) => point.period >= 0);
  let step = report.timeUnit === "week" ? 4 : 28;
  while (holdout.length / step > 20) step *= 2;
  return holdout.filter((point, k) => point.period % step === 0 || k === holdout.length - 1);
}
