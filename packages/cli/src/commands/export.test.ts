/**
 * `custra export` as a command: arguments, usage errors and what it prints, run through commander
 * on a real database per engine. (The test of the `custra` binary comes once main.ts registers
 * the command.)
 */
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CustraError } from "@custra/core";
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { analyze, generateTasksInDb, gradeRun, importDirectory, writeDemoCsv } from "@custra/engine";
import { Command, CommanderError } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CliError } from "../errors.ts";
import { hintFor } from "../hints.ts";
import { t, useCliLocale } from "../locale.ts";
import { captureOutput } from "../testing/run-cli.ts";
import { registerExportCommand } from "./export.ts";

const CUSTOMERS = 80;

let work: string;
let demoDir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-export-cli-"));
  demoDir = join(work, "demo");
  await writeDemoCsv({ customers: CUSTOMERS, seed: 5, asOf: "2026-06-30", outDir: demoDir });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  useCliLocale("zh-CN");
  vi.restoreAllMocks();
});

/** Runs `custra <args>` through a program that has only the export command, capturing stdout and stderr. */
async function run(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command("custra").option("--db <location>");
  registerExportCommand(program);
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {}, outputError: () => {} });
  }
  const { stdout, stderr } = await captureOutput(() =>
    program.parseAsync(["export", ...args], { from: "user" }),
  );
  return { stdout, stderr };
}

describe("custra export usage", () => {
  it("rejects an unknown kind or format and a missing --out as usage errors", async () => {
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (error: unknown) => (error instanceof CommanderError ? error.code : String(error)),
      );
    expect(await code(run(["nothing", "--out", "x.csv"]))).toBe("commander.invalidArgument");
    expect(await code(run(["scores", "--format", "pdf", "--out", "x.pdf"]))).toBe(
      "commander.invalidArgument",
    );
    expect(await code(run(["scores"]))).toBe("commander.missingMandatoryOptionValue");
    expect(await code(run(["summary", "--out", "x.csv", "--time-unit", "month"]))).toBe(
      "commander.invalidArgument",
    );
  });

  it("asks for --format when the extension does not tell, and refuses options of the other kind", async () => {
    useCliLocale("en");
    const usage = async (args: readonly string[]) => {
      const error = await run(args).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
      return (error as CliError).message;
    };
    expect(await usage(["scores", "--out", join(work, "scores.txt")])).toContain("--format csv");
    expect(await usage(["scores", "--out", "s.csv", "--as-of", "2026-01-01"])).toBe(
      "--as-of applies only to custra export summary",
    );
    expect(await usage(["summary", "--out", "s.csv", "--run", "1"])).toBe(
      "--run applies only to custra export scores / grades",
    );
    expect(await usage(["scores", "--out", "s.csv", "--scheme", "value"])).toBe(
      "--scheme applies only to custra export grades",
    );
    expect(await usage(["grades", "--out", "g.csv", "--owner", "王芳"])).toBe(
      "--owner applies only to custra export tasks",
    );
  });
});

for (const engine of ENGINES) {
  describe(`custra export on ${engine}`, () => {
    let db: TestLocation;
    beforeAll(async () => {
      db = await createTestLocation(engine);
      const handle = await openDb(db.location);
      try {
        await importDirectory(handle, demoDir);
      } finally {
        await handle.close();
      }
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("says to run custra analyze first, and writes no file, when there is no analysis", async () => {
      const out = join(work, `${engine}-none.csv`);
      const failure = await run(["scores", "--out", out, "--db", db.location]).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect((failure as Error).name).toBe("ExportError");
      // The engine names the state; the command to run is the CLI's hint.
      expect((failure as CustraError).code).toBe("EXPORT_NO_ANALYSIS");
      expect(t(hintFor("EXPORT_NO_ANALYSIS")!)).toContain("custra analyze");
      await expect(access(out)).rejects.toThrow();
    });

    it("prints one JSON document with --json, and one line on stderr without", async () => {
      const handle = await openDb(db.location);
      let runId: number;
      try {
        runId = (await analyze(handle)).runId;
      } finally {
        await handle.close();
      }
      const xlsx = join(work, `${engine}-scores.xlsx`);
      const json = await run([
        "scores",
        "--out",
        xlsx,
        "--run",
        String(runId),
        "--json",
        "--db",
        db.location,
      ]);
      expect(JSON.parse(json.stdout)).toMatchObject({
        kind: "scores",
        format: "xlsx",
        out: xlsx,
        rows: CUSTOMERS,
        runId,
      });
      expect((await readFile(xlsx)).subarray(0, 2).toString()).toBe("PK");

      useCliLocale("en");
      const csv = join(work, `${engine}-summary.data`);
      const plain = await run([
        "summary",
        "--format",
        "csv",
        "--out",
        csv,
        "--time-unit",
        "day",
        "--db",
        db.location,
      ]);
      expect(plain.stdout).toBe("");
      const lines = plain.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^exported the model input of \d+ customers with purchases \(as of .+, in days\)/,
      );
      expect((await readFile(csv, "utf8")).split("\r\n")[0]).toBe(
        "\uFEFFcustomer_id,frequency,recency,T,monetary_value,first_purchase,last_purchase",
      );
    });

    it("exports grades and filtered tasks, saying what it wrote", async () => {
      const handle = await openDb(db.location);
      let gradeRunId: number;
      try {
        await analyze(handle);
        gradeRunId = (await gradeRun(handle)).gradeRunId!;
        await generateTasksInDb(handle, { asOf: "2026-07-01" });
      } finally {
        await handle.close();
      }
      useCliLocale("en");
      const grades = join(work, `${engine}-grades.csv`);
      const plain = await run(["grades", "--out", grades, "--scheme", "value", "--db", db.location]);
      expect(plain.stderr.trim()).toBe(
        `exported ${CUSTOMERS} customer grades (value grade run #${gradeRunId} as of 2026-06-30) to ${grades}`,
      );
      const header = (await readFile(grades, "utf8")).split("\r\n")[0]!;
      expect(header).toMatch(
        /^\uFEFFCustomer code,Customer name,Owner,Grading scheme,.*,Grade,Grade code,Score,/,
      );

      const tasks = join(work, `${engine}-tasks.xlsx`);
      const all = JSON.parse(
        (await run(["tasks", "--out", tasks, "--status", "all", "--json", "--db", db.location])).stdout,
      );
      expect(all).toMatchObject({ kind: "tasks", format: "xlsx", out: tasks });
      expect(all.rows).toBeGreaterThan(0);
      const care = JSON.parse(
        (await run(["tasks", "--out", tasks, "--kind", "care", "--json", "--db", db.location])).stdout,
      );
      expect(care.rows).toBeLessThan(all.rows);
      const none = await run(["tasks", "--out", tasks, "--customer", "no-such-code", "--db", db.location]);
      expect(none.stderr.trim()).toBe(`exported 0 tasks to ${tasks}`);
    });
  });
}
