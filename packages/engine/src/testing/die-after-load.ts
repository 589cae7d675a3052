/**
 * Test fixture: `die-after-load.ts <location> <analyze|grade>` runs an analysis or a grade run on
 * the database and kills its own process (SIGKILL, no clean-up) right after the bulk load of the
 * run's rows, before the run row is written: the crash writers.test.ts recovers from.
 */
import { type DbHandle, openDb } from "@custra/db";
import { analyze } from "../analyze/analyze.ts";
import { gradeRun } from "../grade/grade-run.ts";

const [location, step] = process.argv.slice(2);
if (!location || (step !== "analyze" && step !== "grade"))
  throw new Error("usage: die-after-load.ts <location> <analyze|grade>");
const rows = step === "analyze" ? "customer_scores" : "customer_grades";
const handle = await openDb(location);
const dying: DbHandle = {
  ...handle,
  async bulkLoad(table, columns, source, options) {
    const count = await handle.bulkLoad(table, columns, source, options);
    if (table === rows) process.kill(process.pid, "SIGKILL");
    return count;
  },
};
if (step === "analyze") await analyze(dying);
else await gradeRun(dying);
throw new Error(`${step} finished: the process should have died after loading ${rows}`);
