/**
 * `npm start`: until the server exists, the main job is to show custra on the embedded
 * database: fill it with the demo company if it is empty, analyse it, and print the customer
 * structure.
 */
import { openDb, resolveLocation, tableCounts } from "@custra/db";
import { main } from "../packages/cli/src/main.ts";

const location = resolveLocation(undefined).location;
const handle = await openDb(location);
const customers = (await tableCounts(handle)).customers ?? 0;
await handle.close();

const run = async (args: string[]) => {
  const code = await main(["node", "custra", ...args]);
  if (code !== 0) process.exit(code);
};
if (customers === 0) await run(["demo", "--customers", "2000", "--seed", "7"]);
await run(["analyze"]);
