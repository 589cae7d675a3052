/**
 * `custra backtest` as a commander command on a real database per engine, CDNOW_sample loaded:
 * option checks, exactly one JSON document with --json, and the readable report in both languages.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { importFile } from "@custra/engine";
import { BacktestError } from "@custra/engine/backtest";
import { Command, CommanderError } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import "../messages.ts";
import { cliLocale, useCliLocale } from "../locale.ts";
import { captureOutput } from "../testing/run-cli.ts";
import { registerBacktestCommand } from "./backtest.ts";

const CDNOW_SAMPLE = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../../shared/data/cdnow/CDNOW_sample.txt",
);
const DATES = ["--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30"];

/** Runs `custra <args>` in-process with this command alone and returns what it printed. */
async function run(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command("custra").option("--db <location>").exitOverride();
  program.configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  registerBacktestCommand(program);
  const { stdout, stderr } = await captureOutput(() => program.parseAsync([...args], { from: "user" }));
  return { stdout, stderr };
}

let work: string;
let cdnowCsv: string;
const locale = cliLocale();
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-cli-backtest-"));
  const lines = ["customer_code,order_date,amount"];
  for (const line of (await readFile(CDNOW_SAMPLE, "utf8")).split("\n")) {
    const [code, , date, , value] = line.trim().split(/\s+/);
    if (code && date && value) lines.push(`${code},${date},${value}`);
  }
  cdnowCsv = join(work, "cdnow.csv");
  await writeFile(cdnowCsv, `${lines.join("\n")}\n`);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  useCliLocale(locale);
});

describe("custra backtest options", () => {
  it("requires both dates, as dates", async () => {
    const usage = (args: readonly string[]) =>
      run(["backtest", ...args]).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(await usage(["--calibration-end", "1997-09-30"])).toMatchObject({
      code: "commander.missingMandatoryOptionValue",
    });
    const badDate = await usage(["--calibration-end", "1997-09-31", "--holdout-end", "1998-06-30"]);
    expect(badDate).toBeInstanceOf(CommanderError);
    expect(badDate).toMatchObject({ code: "commander.invalidArgument" });
    expect((badDate as Error).message).toContain("1997-09-31");
    expect(await usage([...DATES, "--time-unit", "month"])).toMatchObject({
      code: "commander.invalidArgument",
    });
    expect(await usage([...DATES, "--model", "nbd"])).toMatchObject({ code: "commander.invalidArgument" });
  });
});

for (const engine of ENGINES) {
  describe(`custra backtest on ${engine}`, () => {
    let db: TestLocation;
    beforeAll(async () => {
      db = await createTestLocation(engine);
      const handle = await openDb(db.location);
      try {
        await importFile(handle, { entity: "orders", file: cdnowCsv, createCustomers: true });
      } finally {
        await handle.close();
      }
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("prints exactly one JSON document with --json", async () => {
      const { stdout } = await run(["backtest", ...DATES, "--json", "--db", db.location]);
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({
        calibrationEnd: "1997-09-30",
        holdoutEnd: "1998-06-30",
        timeUnit: "week",
        holdoutLength: 39,
        model: "bgnbd",
        cohort: { customers: 2357, repeatBuyers: 946, calibrationRepeatPurchases: 2457 },
        totals: { actual: 1882 },
        warnings: [],
      });
      expect(report.customers).toBeUndefined();
      expect(report.models.bgnbd.params.r).toBeCloseTo(0.243, 3);
      expect(report.totals.predicted).toBeCloseTo(1653.4, 1);
      expect(
        report.byFrequency.reduce((sum: number, row: { customers: number }) => sum + row.customers, 0),
      ).toBe(2357);
      expect(report.tracking).toHaveLength(78);
      expect(Object.keys(report.timings)).toEqual(["summary", "fit", "holdout", "predict"]);
    });

    it("prints a readable report, in English and by default in Chinese", async () => {
      useCliLocale("en");
      const english = await run(["backtest", ...DATES, "--db", db.location]);
      expect(english.stdout).toContain("BG/NBD: r 0.2426, alpha 4.414, a 0.7929, b 2.426");
      expect(english.stdout).toContain("actual 1,882, predicted 1,653.4 (predicted / actual 87.9%)");
      expect(english.stdout).toMatch(/mean absolute error 0\.785/);
      // The x-table: 1,411 customers without calibration repeats, and the 7+ row.
      expect(english.stdout).toMatch(/\n0 +1,411 +0\.237 +0\.225\n/);
      expect(english.stdout).toMatch(/\n7\+ +64 /);
      // The tracking table: calibration end, every 4th week, the holdout end.
      expect(english.stdout).toMatch(/\n +0 +1997-09-30 +2,457 +2,494\.0 +\+1\.5%\n/);
      expect(english.stdout).toMatch(/\n +4 +1997-10-28 /);
      expect(english.stdout).toMatch(/\n +39 +1998-06-30 +4,339 +4,160\.6 +-4\.1%\n/);
      expect(english.stdout).not.toMatch(/\n +5 +1997-11-04 /);

      useCliLocale("zh-CN");
      const chinese = await run(["backtest", ...DATES, "--db", db.location]);
      expect(chinese.stdout).toContain("检验期重复购买：实际 1,882 次");
      expect(chinese.stdout).toContain("校准期重复购买");
    });

    it("warns on stderr when the holdout runs past the data, and refuses a holdout before the calibration end", async () => {
      useCliLocale("en");
      const past = await run([
        "backtest",
        "--calibration-end",
        "1997-09-30",
        "--holdout-end",
        "1998-09-30",
        "--db",
        db.location,
      ]);
      expect(past.stderr).toContain("the last order is dated 1998-06-30");
      expect(past.stdout).not.toContain("the last order");

      const error = await run([
        "backtest",
        "--calibration-end",
        "1998-06-30",
        "--holdout-end",
        "1997-09-30",
        "--db",
        db.location,
      ]).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(BacktestError);
      expect((error as Error).name).toBe("BacktestError");
      expect((error as Error).message).toContain("must be after the calibration end");
    });
  });
}
