import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { type EntityName, t } from "@custra/core";
import { type DbHandle, tableCounts } from "@custra/db";
import { importDirectory, todayIso, writeDemoCsv } from "@custra/engine";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import { CliError } from "../errors.ts";
import { examples, isoDate, positiveInt } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";
import { type Progress, startProgress } from "../progress.ts";

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
        // As the only writer from the emptiness check to the last file: two demos at once would
        // both find the database empty and load into each other.
        const loaded = await withDb(command, (handle) =>
          handle.withWriteLock("demo", async () => {
            const existing = (await tableCounts(handle)).customers ?? 0;
            if (existing > 0)
              throw new CliError(t("cli.demo.notEmpty", { db: handle.display, count: existing }));
            const dir = await mkdtemp(join(tmpdir(), "custra-demo-"));
            try {
              await generate(options, asOf, dir);
              const results = await importWithProgress(handle, dir);
              return {
                display: handle.display,
                rows: Object.fromEntries(results.map((r) => [r.entity, r.inserted])),
              };
            } finally {
              await rm(dir, { recursive: true, force: true });
            }
          }),
        );
        target = loaded.display;
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

/** Imports the generated files, one progress bar per file. */
async function importWithProgress(handle: DbHandle, dir: string) {
  let progress: Progress | undefined;
  let name = "";
  try {
    // The files are our own, just written: the engine's CSV reader loads them without re-validation.
    return await importDirectory(handle, dir, {
      canonical: true,
      onFile: (_entity, file) => {
        progress?.stop();
        name = basename(file);
        progress = startProgress(t("cli.import.reading", { file: name }), 0, "bytes");
      },
      onProgress: (p) => {
        progress?.setLabel(t(`cli.import.${p.phase}`, { file: name }));
        progress?.update(p.bytesRead, p.totalBytes);
      },
    });
  } finally {
    progress?.stop();
  }
}
