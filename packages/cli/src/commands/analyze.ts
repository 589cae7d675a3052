import { runAnalysis, showCompanySettings } from "@custra/app";
import { label, type SegmentCodeKind, type SegmentCodes } from "@custra/core";
import {
  ANALYZE_STAGES,
  type AnalysisReport,
  type GroupShare,
  type ModelFitReport,
  type SpendPredictor,
  type TimeUnit,
  type TransactionPredictor,
  warningText,
} from "@custra/engine";
import { type Command, InvalidArgumentError, Option } from "commander";
import { withApp } from "../app-context.ts";
import { moneyIn } from "../money.ts";
import { examples, isoDate, positiveInt } from "../options.ts";
import { fmt, formatTable, message, pct, printJson, printLine, sig } from "../output.ts";
import { startProgress } from "../progress.ts";
import "./analyze.messages.ts";
import { cliLocale, t } from "../locale.ts";

interface AnalyzeCommandOptions {
  asOf?: string;
  timeUnit: TimeUnit;
  horizon?: number;
  model: "bgnbd" | "pareto-nbd";
  discountRate: number;
  json?: boolean;
}

function rate(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new InvalidArgumentError(t("cli.analyze.badRate", { value }));
  }
  return number;
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .description(t("cli.analyze.description"))
    .option("--as-of <date>", t("cli.analyze.asOf"), isoDate("--as-of"))
    .addOption(
      new Option("--time-unit <unit>", t("cli.analyze.timeUnit")).choices(["day", "week"]).default("week"),
    )
    .option("--horizon <n>", t("cli.analyze.horizon"), positiveInt("--horizon"))
    .addOption(
      new Option("--model <name>", t("cli.analyze.model")).choices(["bgnbd", "pareto-nbd"]).default("bgnbd"),
    )
    .option("--discount-rate <r>", t("cli.analyze.discountRate"), rate, 0.1)
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra analyze",
        "custra analyze --as-of 1997-09-30 --time-unit week --horizon 39",
        "custra analyze --model pareto-nbd --json",
      ]),
    )
    .action(async (options: AnalyzeCommandOptions, command: Command) => {
      await withApp(command, async (ctx) => {
        const progress = startProgress(t("cli.analyze.stage.summary"), ANALYZE_STAGES.length);
        let report: AnalysisReport;
        try {
          report = await runAnalysis(
            ctx,
            {
              asOf: options.asOf,
              timeUnit: options.timeUnit,
              horizon: options.horizon,
              model: options.model,
              discountRate: options.discountRate,
            },
            {
              onStage: (stage) => {
                progress.setLabel(t(`cli.analyze.stage.${stage}`));
                progress.update(ANALYZE_STAGES.indexOf(stage));
              },
            },
          );
        } finally {
          progress.stop();
        }
        if (options.json) printJson(report);
        else printReport(report, (await showCompanySettings(ctx)).settings.currency);
      });
    });
}

/** The report in words; money in the company's currency (`currency`, ISO 4217). */
function printReport(report: AnalysisReport, currency: string): void {
  const money = moneyIn(currency);
  const unit = t(`cli.analyze.unit.${report.timeUnit}`);
  printLine(
    t("cli.analyze.header", {
      run: report.runId,
      asOf: report.asOf,
      customers: fmt(report.customers),
      buyers: fmt(report.buyers),
    }),
  );
  const { bgnbd, paretoNbd, gammaGamma } = report.models;
  if (bgnbd) {
    const p = bgnbd.params;
    printLine(
      t("cli.analyze.bgnbd", {
        r: sig(p.r),
        alpha: sig(p.alpha),
        a: sig(p.a),
        b: sig(p.b),
        ll: fmt(bgnbd.logLikelihood, 1),
        state: fitState(bgnbd),
      }),
    );
  }
  if (paretoNbd) {
    const p = paretoNbd.params;
    printLine(
      t("cli.analyze.paretoNbd", {
        r: sig(p.r),
        alpha: sig(p.alpha),
        s: sig(p.s),
        beta: sig(p.beta),
        ll: fmt(paretoNbd.logLikelihood, 1),
        state: fitState(paretoNbd),
      }),
    );
  }
  if (gammaGamma) {
    const p = gammaGamma.params;
    printLine(
      t("cli.analyze.gammaGamma", {
        p: sig(p.p),
        q: sig(p.q),
        v: sig(p.v),
        customers: fmt(gammaGamma.customers),
        state: fitState(gammaGamma),
      }),
    );
  }
  printLine(
    t("cli.analyze.predictor", {
      transactions: t(PREDICTOR_LABELS[report.predictor.transactions]),
      spend: t(PREDICTOR_LABELS[report.predictor.spend]),
    }),
  );
  for (const warning of report.warnings) message(warningText(warning, cliLocale()));
  const s = report.structure;
  printLine(
    t("cli.analyze.value", {
      revenue: money(s.revenue),
      margin: money(s.margin),
      clv: money(s.predictedClv),
      horizon: report.horizon,
      unit,
    }),
  );
  if (s.returns > 0) printLine(t("cli.analyze.returns", { returns: money(s.returns) }));
  printLine(t("cli.analyze.concentration", { gini: sig(s.gini), top: pct(s.top20Share), hhi: sig(s.hhi) }));
  if (s.nps.answers > 0) {
    printLine(
      t("cli.analyze.satisfaction", {
        nps: fmt(s.nps.score, 1),
        answers: fmt(s.nps.answers),
      }),
    );
  }
  // Surveys that ask only for a satisfaction score (CSAT) have a CSI without any NPS.
  if (s.satisfaction.answers > 0) {
    printLine(
      t("cli.analyze.csi", {
        csi: fmt(s.csi, 1),
        answers: fmt(s.satisfaction.answers),
        low: fmt(s.satisfaction.low),
        csatOnly: fmt(s.satisfaction.csatOnly),
      }),
    );
  }
  printGroups(t("cli.analyze.by.valueTier"), "valueTier", s.valueTier);
  printGroups(t("cli.analyze.by.abc"), "abc", s.abc);
  printGroups(t("cli.analyze.by.rfm"), "rfm", s.rfmSegment);
  printGroups(t("cli.analyze.by.lifecycle"), "lifecycle", s.lifecycle);
  printGroups(t("cli.analyze.by.warning"), "warning", s.churnWarning);
  printLine();
  printLine(
    t("cli.analyze.timings", {
      list: Object.entries(report.timings)
        .map(([stage, ms]) => `${t(`cli.analyze.stage.${stage}`)} ${fmt(ms)} ms`)
        .join(", "),
    }),
  );
}

// Typed by predictor so that a new one without its label fails to compile.
const PREDICTOR_LABELS: Record<TransactionPredictor | SpendPredictor, string> = {
  bgnbd: "cli.analyze.predictor.bgnbd",
  "pareto-nbd": "cli.analyze.predictor.pareto-nbd",
  empirical: "cli.analyze.predictor.empirical",
  "gamma-gamma": "cli.analyze.predictor.gamma-gamma",
  "historical-mean": "cli.analyze.predictor.historical-mean",
};

/** A converged fit the data does not identify is not used: the line says so rather than "converged". */
function fitState(fit: ModelFitReport<unknown>): string {
  if (!fit.converged) return t("cli.analyze.notConverged");
  return t(fit.identifiable ? "cli.analyze.converged" : "cli.analyze.notIdentifiable");
}

function printGroups<K extends SegmentCodeKind>(title: string, kind: K, groups: readonly GroupShare[]): void {
  printLine();
  printLine(title);
  printLine(
    formatTable(
      [
        t("cli.analyze.col.group"),
        t("cli.analyze.col.customers"),
        t("cli.analyze.col.customerShare"),
        t("cli.analyze.col.revenueShare"),
        t("cli.analyze.col.clvShare"),
      ],
      groups.map((group) => [
        label(kind, group.code as SegmentCodes[K], cliLocale()),
        group.customers,
        pct(group.customerShare),
        pct(group.revenueShare),
        pct(group.clvShare),
      ]),
    ),
  );
}
