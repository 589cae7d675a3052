/**
 * `npm start`: until the server exists, the main job is to show custra on the embedded
 * database: fill it with the demo company if it is empty, then run the daily pipeline (the app's
 * use case the server's scheduled job will run: analyze, grade with every scheme, today's tasks)
 * and print the value grades and today's tasks per owner.
 */
import { LOCAL_OPERATOR, runDailyPipeline } from "@custra/app";
import { parseLocale, setLocale } from "@custra/core";
import { openDb, resolveLocation, tableCounts } from "@custra/db";
import { loadSettings, requireDefinition } from "@custra/engine";
import { printGradeReport } from "../packages/cli/src/commands/grade.ts";
import { printGenerateReport } from "../packages/cli/src/commands/tasks.ts";
import { main } from "../packages/cli/src/main.ts";

const location = resolveLocation(undefined).location;

async function withHandle<T>(work: (handle: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  const handle = await openDb(location);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const run = async (args: string[]) => {
  const code = await main(["node", "custra", ...args]);
  if (code !== 0) process.exit(code);
};

const customers = await withHandle(async (handle) => (await tableCounts(handle)).customers ?? 0);
if (customers === 0) await run(["demo", "--customers", "2000", "--seed", "7"]);
// The CLI's language: CUSTRA_LANG, else the system's (as `custra` picks it without --lang).
setLocale(parseLocale(process.env.CUSTRA_LANG ?? process.env.LC_ALL ?? process.env.LANG));
await withHandle(async (handle) => {
  const result = await runDailyPipeline(
    { handle, actor: LOCAL_OPERATOR },
    {},
    { onStep: (step, detail) => process.stderr.write(`· ${step}${detail ? ` ${detail.scheme}` : ""}\n`) },
  );
  const value = result.grading.find((report) => report.scheme.name === "value");
  if (value) {
    const { definition: scheme } = await requireDefinition(handle, "scheme", "value", value.scheme.version);
    printGradeReport(value, scheme, (await loadSettings(handle)).currency);
    process.stdout.write("\n");
  }
  printGenerateReport(result.tasks);
});
