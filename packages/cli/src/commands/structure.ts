import { customerStructure, showCompanySettings } from "@custra/app";
import {
  type GradingScheme,
  gradeLabel,
  hasMessage,
  label,
  type SegmentCodeKind,
  type SegmentCodes,
} from "@custra/core";
import {
  latestDefinition,
  STRUCTURE_DIMENSION_ALIASES,
  STRUCTURE_DIMENSIONS,
  type StructureDimension,
  type StructureReport,
} from "@custra/engine";
import { type Command, InvalidArgumentError } from "commander";
import { withApp } from "../app-context.ts";
import { moneyIn } from "../money.ts";
import "../messages.ts";
import { examples, positiveInt } from "../options.ts";
import { formatTable, pct, printJson, printLine } from "../output.ts";
import "./analyze.messages.ts";
import "./grade.messages.ts";
import { cliLocale, t } from "../locale.ts";

/**
 * Fields and dimensions whose values are custra's own codes, with the label family of each; the
 * others (industry, city, owner…) are the company's own words and show as they are.
 */
const SEGMENT_FAMILIES: Readonly<Record<string, SegmentCodeKind>> = {
  rfm_segment: "rfm",
  rfm_class: "rfm8",
  abc_class: "abc",
  value_tier: "valueTier",
  behaviour_status: "behaviour",
  lifecycle_stage: "lifecycle",
  credit_grade: "credit",
  churn_warning: "warning",
  nps_category: "nps",
};

/**
 * A field's or dimension's value as people read it: code families by their labels, customer
 * types and needs types in words, a missing value as "(none)"; anything else as it is.
 */
export function valueLabel(field: string, value: string | null): string {
  if (value === null || value === "") return t("cli.structure.none");
  const family = SEGMENT_FAMILIES[field];
  if (family) {
    const key = `segments.${family}.${value}`;
    // A code this version does not know (data from a newer one) shows as itself, not as an error.
    return hasMessage(key) ? label(family, value as SegmentCodes[typeof family], cliLocale()) : value;
  }
  if (field === "customer_type" && (value === "individual" || value === "enterprise")) {
    return t(`cli.customer.type.${value}`);
  }
  if (field === "needs_type" && (value === "functional" || value === "emotional" || value === "value")) {
    return t(`cli.structure.needs.${value}`);
  }
  return value;
}

function dimensions(value: string): StructureDimension[] {
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .map((name) => STRUCTURE_DIMENSION_ALIASES[name] ?? name);
  const known: readonly string[] = STRUCTURE_DIMENSIONS;
  for (const name of names) {
    if (!known.includes(name)) {
      throw new InvalidArgumentError(
        t("cli.structure.badDimension", { name, known: STRUCTURE_DIMENSIONS.join(", ") }),
      );
    }
  }
  if (names.length === 0) {
    throw new InvalidArgumentError(
      t("cli.structure.noDimension", { known: STRUCTURE_DIMENSIONS.join(", ") }),
    );
  }
  return names as StructureDimension[];
}

interface StructureCommandOptions {
  by?: StructureDimension[];
  scheme?: string;
  run?: number;
  json?: boolean;
}

export function registerStructureCommand(program: Command): void {
  program
    .command("structure")
    .description(t("cli.structure.description"))
    .option(
      "--by <dimensions>",
      t("cli.structure.by", { known: STRUCTURE_DIMENSIONS.join(", ") }),
      dimensions,
    )
    .option("--scheme <name>", t("cli.structure.scheme"))
    .option("--run <id>", t("cli.structure.run"), positiveInt("--run"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra structure",
        "custra structure --by grade,industry",
        "custra structure --by region,value_tier --json",
        "custra structure --by grade,owner --scheme key_account",
      ]),
    )
    .action(async (options: StructureCommandOptions, command: Command) => {
      await withApp(command, async (ctx) => {
        const report = await customerStructure(ctx, {
          by: options.by ?? ["grade"],
          scheme: options.scheme,
          runId: options.run,
        });
        if (options.json) return printJson(report);
        const scheme = report.scheme
          ? (await latestDefinition(ctx.handle, "scheme", report.scheme))?.definition
          : undefined;
        printStructure(report, scheme, (await showCompanySettings(ctx)).settings.currency);
      });
    });
}

function printStructure(report: StructureReport, scheme: GradingScheme | undefined, currency: string): void {
  const money = moneyIn(currency);
  const names = report.by.map((dimension) => t(`cli.structure.dimension.${dimension}`));
  printLine(
    report.gradeRunId === undefined
      ? t("cli.structure.header", { by: names.join(" × "), run: report.analysisRunId })
      : t("cli.structure.headerGraded", {
          by: names.join(" × "),
          run: report.analysisRunId,
          scheme: report.scheme ?? "",
          gradeRun: report.gradeRunId,
        }),
  );
  const keyText = (dimension: StructureDimension, value: string | null) =>
    dimension === "grade" && value !== null && scheme
      ? gradeLabel(scheme, value, cliLocale())
      : valueLabel(fieldOf(dimension), value);
  const { totals } = report;
  printLine(
    formatTable(
      [
        ...names,
        t("cli.structure.col.customers"),
        t("cli.structure.col.customerShare"),
        t("cli.structure.col.revenue"),
        t("cli.structure.col.revenueShare"),
        t("cli.structure.col.clvShare"),
      ],
      [
        ...report.cells.map((cell) => [
          ...report.by.map((dimension, k) => keyText(dimension, cell.keys[k] ?? null)),
          cell.customers,
          pct(cell.customerShare),
          money(cell.revenue),
          pct(cell.revenueShare),
          pct(cell.clvShare),
        ]),
        [
          t("cli.structure.total"),
          ...report.by.slice(1).map(() => ""),
          totals.customers,
          pct(totals.customers > 0 ? 1 : 0),
          money(totals.revenue),
          pct(totals.revenue !== 0 ? 1 : 0),
          pct(totals.clv !== 0 ? 1 : 0),
        ],
      ],
    ),
  );
}

/** The grading field a dimension reads, for its value labels. */
function fieldOf(dimension: StructureDimension): string {
  return dimension;
}
