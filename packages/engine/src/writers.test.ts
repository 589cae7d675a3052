/**
 * Concurrent writers, crashes and killed imports, on each engine (issue 9, C22): two imports at
 * once and two task generations at once end one after the other with the right rows; an import
 * killed mid-load leaves no staging table and no row, and the next import works; a process killed
 * between the bulk load of a run's rows and its run row leaves rows no reader sees, removed at the
 * next start. The processes killed are real: the CLI, and die-after-load.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DbHandle, openDb, withWriteLock } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyze } from "./analyze/analyze.ts";
import { analysisRun, gradeRun } from "./grade/grade-run.ts";
import { importFile } from "./import/pipeline.ts";
import { generateTasksInDb } from "./tasks/generate.ts";

const CLI = join(import.meta.dirname, "../../cli/bin/custra.js");
const DIE_AFTER_LOAD = join(import.meta.dirname, "testing/die-after-load.ts");

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-writers-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const code = (i: number) => `C${String(i).padStart(7, "0")}`;

/** Customers `from` … `to`, each with an owner. */
async function customersFile(name: string, from: number, to: number): Promise<string> {
  const lines = ["code,name,owner"];
  for (let i = from; i <= to; i++) lines.push(`${code(i)},Customer ${i},owner${i % 3}`);
  const file = join(work, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

/** 1–4 orders per customer 1 … n over 2025–2026: repeat buyers for the models. */
async function ordersFile(n: number): Promise<string> {
  const lines = ["external_id,customer_code,order_date,amount"];
  for (let i = 1; i <= n; i++) {
    for (let k = 0; k <= i % 4; k++) {
      const day = new Date(Date.UTC(2025, 0, 1 + ((i * 37 + k * 101) % 700)));
      lines.push(
        `O${i}-${k},${code(i)},${day.toISOString().slice(0, 10)},${100 + ((i * 13 + k * 7) % 900)}.50`,
      );
    }
  }
  const file = join(work, "orders.csv");
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

async function count(
  handle: DbHandle,
  table: "customers" | "orders" | "tasks" | "run_writes",
): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Tables named like a staging table, or marked as one, whoever's they are. */
async function stagingTables(handle: DbHandle): Promise<string[]> {
  const query =
    handle.engine === "postgres"
      ? sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`
      : sql<{ name: string }>`SELECT table_name AS name FROM duckdb_tables()`;
  const names = (await query.execute(handle.db)).rows.map((row) => row.name);
  return names.filter((name) => name.startsWith("_stage_") || name.startsWith("__custra_"));
}

/** Where a process has read `file` to (Linux: /proc/<pid>/fdinfo), or -1 while it has not opened it. */
function readPosition(pid: number, file: string): number {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== file) continue;
        return Number(/pos:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"))?.[1] ?? -1);
      } catch {}
    }
  } catch {}
  return -1;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a process to its end: exit code or signal, and what it wrote to stderr. */
async function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
  return { code, signal, stderr };
}

/** On PostgreSQL, waits until the server has ended the sessions of a killed process (it notices the closed socket). */
async function sessionsGone(location: TestLocation): Promise<void> {
  if (location.engine !== "postgres") return;
  const probe = await openDb(location.location, { migrate: false });
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(probe.db);
      if (Number(rows[0]!.n) === 0) return;
      await sleep(100);
    }
  } finally {
    await probe.close();
  }
}

for (const engine of ENGINES) {
  describe(`writers on ${engine}`, () => {
    let where: TestLocation;
    const handles: DbHandle[] = [];
    const open = async () => {
      const handle = await openDb(where.location);
      handles.push(handle);
      return handle;
    };
    /** A second writer: another session on PostgreSQL; on DuckDB the same handle (one process has the file). */
    const another = async (first: DbHandle) => (engine === "postgres" ? open() : first);
    beforeEach(async () => {
      where = await createTestLocation(engine);
    });
    afterEach(async () => {
      for (const handle of handles.splice(0)) await handle.close().catch(() => {});
      await where.drop();
    });

    it("runs two imports of overlapping files at once one after the other, each key once", async () => {
      const first = await open();
      const second = await another(first);
      const a = await customersFile("a.csv", 1, 600);
      const b = await customersFile("b.csv", 401, 1000);
      // Both reach their merge while another writer holds the lock, so both merge as soon as it is free.
      let holding = false;
      let release!: () => void;
      const holder = withWriteLock(first, "test", async () => {
        holding = true;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      while (!holding) await sleep(20);
      const imports = [
        importFile(first, { entity: "customers", file: a }),
        importFile(second, { entity: "customers", file: b }),
      ];
      await sleep(1500);
      release();
      await holder;
      const results = await Promise.all(imports);
      expect(results.map((r) => r.written)).toEqual([true, true]);
      expect(results[0]!.inserted + results[1]!.inserted).toBe(1000);
      expect(results.map((r) => r.inserted + r.updated + r.unchanged)).toEqual([600, 600]);
      expect(await count(first, "customers")).toBe(1000);
      expect(await stagingTables(first)).toEqual([]);
    });

    it("runs two task generations at once one after the other: every task once, counted once", async () => {
      const first = await open();
      await importFile(first, { entity: "customers", file: await customersFile("c.csv", 1, 300) });
      await importFile(first, { entity: "orders", file: await ordersFile(300) });
      await analyze(first, { asOf: "2026-12-31" });
      await gradeRun(first);
      const second = await another(first);
      const [x, y] = await Promise.all([
        generateTasksInDb(first, { asOf: "2027-01-05" }),
        generateTasksInDb(second, { asOf: "2027-01-05" }),
      ]);
      expect(x.candidates).toBeGreaterThan(0);
      expect(y.candidates).toBe(x.candidates);
      // One generation created them all, the later one found them there.
      expect([x.created, y.created].sort((p, q) => p - q)).toEqual([0, x.candidates]);
      expect(await count(first, "tasks")).toBe(x.candidates);
    });

    it("runs two CLI imports at once: both written one after the other (PostgreSQL), or the second told the file is in use (DuckDB); never a stack trace", async () => {
      const a = await customersFile("cli-a.csv", 1, 150_000);
      const b = await customersFile("cli-b.csv", 100_001, 250_000);
      const importing = (file: string) =>
        spawn(process.execPath, [CLI, "--lang", "en", "--db", where.location, "import", "customers", file], {
          stdio: ["ignore", "ignore", "pipe"],
        });
      // Started together: each opens the database while the other imports.
      const children = [importing(a), importing(b)];
      const outcomes = await Promise.all(children.map(finished));
      for (const outcome of outcomes) expect(outcome.stderr).not.toMatch(/internal error|\n\s+at /);
      const handle = await open();
      if (engine === "postgres") {
        expect(outcomes.map((o) => o.code)).toEqual([0, 0]);
        expect(await count(handle, "customers")).toBe(250_000);
      } else {
        expect(outcomes.map((o) => o.code).sort()).toEqual([0, 1]);
        const loser = outcomes.findIndex((o) => o.code === 1);
        const winner = children[1 - loser]!;
        expect(outcomes[loser]!.stderr).toContain(`is in use by another process (PID ${winner.pid}`);
        // The CLI's own advice follows the database's message.
        expect(outcomes[loser]!.stderr).toContain("Or use another file with --db.");
        expect(await count(handle, "customers")).toBe(150_000);
      }
    }, 180_000);

    it("leaves nothing of an import killed mid-load, and the next import works", async () => {
      const big = await customersFile("big.csv", 1, 300_000);
      const size = readFileSync(big).length;
      const child = spawn(
        process.execPath,
        [CLI, "--lang", "en", "--db", where.location, "import", "customers", big],
        {
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      const ended = finished(child);
      // Killed once it has read a third of the file: its rows are being staged. (Before that, the
      // encoding check reads the whole file once, quickly, on a descriptor of its own: one seen
      // at the file's end is that pass.)
      let position = -1;
      for (let i = 0; i < 1200 && child.exitCode === null; i++) {
        position = readPosition(child.pid!, big);
        if (position >= size / 3 && position < size) break;
        await sleep(50);
      }
      child.kill("SIGKILL");
      const outcome = await ended;
      expect(outcome.signal, outcome.stderr).toBe("SIGKILL");
      expect(position).toBeGreaterThanOrEqual(size / 3);
      expect(position).toBeLessThan(size);
      await sessionsGone(where);

      const next = await open();
      expect(await stagingTables(next)).toEqual([]);
      expect(await count(next, "customers")).toBe(0);
      const small = await importFile(next, {
        entity: "customers",
        file: await customersFile("small.csv", 1, 50),
      });
      expect(small).toMatchObject({ written: true, inserted: 50 });
      expect(await stagingTables(next)).toEqual([]);
    }, 120_000);

    for (const step of ["analyze", "grade"] as const) {
      it(`hides and then removes the rows of a ${step} run killed between its bulk load and its run row`, async () => {
        const first = await open();
        await importFile(first, { entity: "customers", file: await customersFile("c.csv", 1, 200) });
        await importFile(first, { entity: "orders", file: await ordersFile(200) });
        const analysis = await analyze(first, { asOf: "2026-12-31" });
        const grading = await gradeRun(first);
        // DuckDB: the child needs the file to itself.
        await first.close();

        const outcome = await finished(
          spawn(process.execPath, ["--import", "tsx", DIE_AFTER_LOAD, where.location, step], {
            stdio: ["ignore", "ignore", "pipe"],
          }),
        );
        expect(outcome.signal, outcome.stderr).toBe("SIGKILL");
        await sessionsGone(where);

        const [rows, run] =
          step === "analyze" ? ["customer_scores", "run_id"] : ["customer_grades", "grade_run_id"];
        const runRows = async (handle: DbHandle, id: number) =>
          Number(
            (
              await sql<{
                n: number;
              }>`SELECT COUNT(*) AS n FROM ${sql.table(rows)} WHERE ${sql.ref(run)} = ${id}`.execute(
                handle.db,
              )
            ).rows[0]!.n,
          );
        const dead = step === "analyze" ? analysis.runId + 1 : grading.gradeRunId! + 1;

        // Before the clean-up (opened without migrating): the rows are there, but no reader finds the run.
        const unrecovered = await openDb(where.location, { migrate: false });
        try {
          expect(await runRows(unrecovered, dead)).toBe(200);
          expect(await count(unrecovered, "run_writes")).toBe(1);
          expect((await analysisRun(unrecovered)).id).toBe(analysis.runId);
          if (step === "analyze")
            await expect(analysisRun(unrecovered, dead)).rejects.toThrow(`no analysis run ${dead}`);
          const latestGrade = await unrecovered.db
            .selectFrom("grade_runs")
            .select("id")
            .orderBy("id", "desc")
            .executeTakeFirst();
          expect(Number(latestGrade?.id)).toBe(grading.gradeRunId);
        } finally {
          await unrecovered.close();
        }

        const next = await open();
        expect(await runRows(next, dead)).toBe(0);
        expect(await count(next, "run_writes")).toBe(0);
        // The recorded runs are whole, and the next run is written as usual.
        expect(await runRows(next, step === "analyze" ? analysis.runId : grading.gradeRunId!)).toBe(200);
        const again =
          step === "analyze"
            ? (await analyze(next, { asOf: "2026-12-31" })).runId
            : (await gradeRun(next)).gradeRunId!;
        expect(await runRows(next, again)).toBe(200);
      }, 120_000);
    }
  });
}
