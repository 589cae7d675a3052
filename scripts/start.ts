/**
 * `npm start`: until the server exists, the main job is to show custra on the embedded
 * database: fill it with the demo company if it is empty, analyse it, grade every customer, turn
 * the grades into today's tasks, and print the customer structure, the value grades and today's
 * tasks per owner.
 */
import { openDb, resolveLocation, tableCounts } from "@custra/db";
import { gradeRun } from "@custra/engine";
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
await run(["analyze"]);
// The key-account and credit grades feed their playbooks' tasks; the value grades are shown.
await withHandle(async (handle) => {
  for (const scheme of ["key_account", "credit"]) await gradeRun(handle, { scheme });
});
await run(["grade"]);
await run(["tasks", "generate"]);
