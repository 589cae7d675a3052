import { basename, resolve } from "node:path";
import { type AppContext, createDemoCompany } from "@custra/app";
import type { EntityName } from "@custra/core";
import { todayIso, writeDemoCsv } from "@custra/engine";
import type { Command } from "commander";
import { withApp } from "../app-context.ts";
import { examples, isoDate, positiveInt } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";
import { type Progress, startProgress } from "../progress.ts";
import "./demo.messages.ts";
import { t } from "../locale.ts";

interface DemoOptions {
  customers: number;
  seed: number;
  asOf?: string;
  out?: string;
  json?: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(t("cli.demo.description"))
    .option("--customers <n>", t("cli.demo.customers"), positiveInt("--customers"), 2000)
    .option("--seed <n>", t("cli.demo.seed"), positiveInt("--seed"), 1)
    .option("--as-of <date>", t("cli.demo.asOf"), isoDate("--as-of"))
    .option("--out <dir>", t("cli.demo.out"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra demo --customers 2000 --seed 7",
        "custra demo --customers 2000 --seed 7 --db postgres://postgres@127.0.0.1:5432/custra",
        "custra demo --customers 500 --out ./demo-csv   # then: custra import customers ./demo-csv/customers.csv",
      ]),
    )
    .action(async (options: DemoOptions, command: Command) => {
      const started = performance.now();
      const asOf = options.asOf ?? todayIso();
      let rows: Partial<Record<EntityName, number>>;
      let target: string;
      if (options.out) {
        target = resolve(options.out);
        rows = await generate(options, asOf, target);
        if (!options.json) message(t("cli.demo.written", { dir: target }));
      } else {
        const loaded = await withApp(command, (ctx) => loadDemo(ctx, options, asOf));
        target = loaded.target;
        rows = loaded.rows;
      }
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      if (options.json) {
        return printJson({ customers: options.customers, seed: options.seed, asOf, target, rows, seconds });
      }
      message(t("cli.demo.done", { customers: rows.customers ?? 0, orders: rows.orders ?? 0, seconds }));
      if (!options.out) {
        message(t("cli.demo.next", { db: target }));
        return;
      }
      printLine(
        formatTable(
          [t("cli.demo.file"), t("cli.db.info.rows")],
          Object.entries(rows).map(([entity, count]) => [`${entity}.csv`, count ?? 0]),
        ),
      );
    });
}

async function generate(options: DemoOptions, asOf: string, outDir: string) {
  const progress = startProgress(t("cli.demo.generating"), options.customers);
  try {
    return await writeDemoCsv({
      customers: options.customers,
      seed: options.seed,
      asOf,
      outDir,
      onProgress: (done) => progress.update(done),
    });
  } finally {
    progress.stop();
  }
}

/** The demo company straight into the database: a bar while generating, then one per file. */
async function loadDemo(ctx: AppContext, options: DemoOptions, asOf: string) {
  let generating: Progress | undefined;
  let progress: Progress | undefined;
  let name = "";
  try {
    return await createDemoCompany(
      ctx,
      { customers: options.customers, seed: options.seed, asOf },
      {
        onGenerate: (done, total) => {
          generating ??= startProgress(t("cli.demo.generating"), total);
          generating.update(done);
        },
        onFile: (_entity, file) => {
          generating?.stop();
          progress?.stop();
          name = basename(file);
          progress = startProgress(t("cli.import.reading", { file: name }), 0, "bytes");
        },
        onProgress: (p) => {
          progress?.setLabel(t(`cli.import.${p.phase}`, { file: name }));
          progress?.update(p.bytesRead, p.totalBytes);
        },
      },
    );
  } finally {
    generating?.stop();
    progress?.stop();
  }
}
