/**
 * Test fixture: opens the DuckDB file given as the first argument, says "ready", and keeps it
 * open until stdin closes, so a test can try to open the same file from another process.
 */
import { DuckDBInstance } from "@duckdb/node-api";

const file = process.argv[2];
if (!file) throw new Error("usage: hold-duckdb.ts <file>");
const instance = await DuckDBInstance.create(file);
process.stdout.write("ready\n");
process.stdin.resume();
process.stdin.on("end", () => {
  instance.closeSync();
  process.exit(0);
});
