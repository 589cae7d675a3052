/**
 * `npm run bench:grade`: grading and task generation on the 1M-customer demo company that
 * `npm run bench:analyze` builds and analyses (DuckDB). Target (2-core reference machine):
 * grading + task generation for 1M customers ≤ 10 s.
 *
 * Measures, on the latest analysis run: grading under each ready-made scheme; then, with the
 * tasks table emptied (this is the benchmark's own database), the first task generation of the
 * day after the analysis (every occasion new) and a second one (every occasion already there: the
 * daily run). Writes bench/results/grade.json.
 *   npm run bench:grade -- [--duckdb FILE]
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDb } from "@custra/db";
import { analyze, generateTasksInDb, gradeRun, shiftDays } from "@custra/engine";
import { writeResults } from "./results-file.ts";

const { values } = parseArgs({
  options: { duckdb: { type: "string", default: join(tmpdir(), "custra-bench-analyze.duckdb") } },
});

const handle = await openDb(values.duckdb);
const seconds = (started: number) => Number(((performance.now() - started) / 1000).toFixed(2));
try {
  const customers = Number(
    (
      await handle.db
        .selectFrom("customers")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  if (customers === 0) throw new Error(`${values.duckdb} is empty: run npm run bench:analyze first`);
  let run = await handle.db
    .selectFrom("analysis_runs")
    .select("as_of")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!run) {
    await analyze(handle);
    run = await handle.db
      .selectFrom("analysis_runs")
      .select("as_of")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
  }
  const grading: Record<string, { seconds: number; timings: unknown }> = {};
  for (const scheme of ["value", "key_account", "credit"]) {
    const started = performance.now();
    const report = await gradeRun(handle, { scheme });
    grading[scheme] = { seconds: seconds(started), timings: report.timings };
    console.log(`grade ${scheme}: ${grading[scheme].seconds} s ${JSON.stringify(report.timings)}`);
  }
  await handle.db.deleteFrom("tasks").execute();
  const asOf = shiftDays(run.as_of, 1);
  const tasks: Record<string, unknown> = {};
  for (const name of ["first", "daily"]) {
    const started = performance.now();
    const report = await generateTasksInDb(handle, { asOf });
    tasks[name] = {
      seconds: seconds(started),
      candidates: report.candidates,
      created: report.created,
      createdByKind: report.createdByKind,
      timings: report.timings,
    };
    console.log(`tasks (${name} run, as of ${asOf}): ${JSON.stringify(tasks[name])}`);
  }
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const valueAndTasks = {
    first: grading.value!.seconds + (tasks.first as { seconds: number }).seconds,
    daily: grading.value!.seconds + (tasks.daily as { seconds: number }).seconds,
  };
  console.log(
    `value grading + tasks: ${valueAndTasks.first.toFixed(2)} s (first run), ${valueAndTasks.daily.toFixed(2)} s (daily); target ≤ 10 s; peak RSS ${peakRssMb} MB`,
  );
  await writeResults("grade", { customers, asOf, grading, tasks, valueAndTasks, peakRssMb });
} finally {
  await handle.close();
}
