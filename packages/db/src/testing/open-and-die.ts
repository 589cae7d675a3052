/**
 * `node --import tsx open-and-die.ts LOCATION`: opens (and so migrates) the database, then kills
 * its own process before anything closes it, as a crash or `kill -9` right after start-up would.
 */
import { openDb } from "../open.ts";

await openDb(process.argv[2]!);
process.kill(process.pid, "SIGKILL");
