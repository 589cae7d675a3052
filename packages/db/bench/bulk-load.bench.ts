/**
 * Bulk-load throughput: 1M rows × 8 text columns (plus the source line) staged into a staging
 * table on each engine, the way the importer stages rows, then 1M typed order rows loaded into
 * `orders` (text cast to DATE/DECIMAL on the way).
 *
 *   node --import tsx packages/db/bench/bulk-load.bench.ts [--rows 1000000] [--pg postgres://postgres@127.0.0.1:5432/custra_bench]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BulkRow } from "../src/dialects/engine-dialect.ts";
import { loadDialect } from "../src/dialects/index.ts";
import { type Engine, openDb } from "../src/index.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    pg: { type: "string", default: "postgres://postgres@127.0.0.1:5432/custra_bench" },
  },
});
const count = Number(values.rows);
const BATCH = 10_000;

const columns = ["code", "name", "province", "city", "phone", "email", "owner", "note"];
// Rows are built before the clock starts: the bench measures loading, not making strings.
function stagingRows(): BulkRow[] {
  const rows: BulkRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push([
      String(i + 2),
      `C${String(i).padStart(7, "0")}`,
      `客户${i}有限公司`,
      "浙江",
      "杭州",
      `1380000${String(i % 10_000).padStart(4, "0")}`,
      i % 3 === 0 ? null : `c${i}@example.com`,
      `sales${i % 50}`,
      i % 7 === 0 ? "" : "note\twith tab",
    ]);
  }
  return rows;
}

function orderRows(): BulkRow[] {
  const rows: BulkRow[] = [];
  for (let i = 0; i < count; i++) {
    const month = String(1 + (i % 12)).padStart(2, "0");
    const day = String(1 + (i % 28)).padStart(2, "0");
    rows.push([
      String(i % 100_000),
      `O${i}`,
      `2024-${month}-${day}`,
      (((i * 7919) % 100_000) / 100).toFixed(2),
    ]);
  }
  return rows;
}

/** The rows in batches, handed over as an async source like the importer's file reader. */
async function* asAsync(rows: readonly BulkRow[]): AsyncGenerator<readonly BulkRow[]> {
  for (let start = 0; start < rows.length; start += BATCH) yield rows.slice(start, start + BATCH);
}

async function bench(engine: Engine, base: string): Promise<void> {
  const scratch = await (await loadDialect(engine)).createScratchDatabase(base, `${process.pid}`);
  const handle = await openDb(scratch.location, { createIfMissing: true });
  try {
    await handle.createStagingTable("bench_stage", columns);
    const staging = stagingRows();
    let started = performance.now();
    const staged = await handle.bulkLoad("bench_stage", ["line", ...columns], asAsync(staging));
    let seconds = (performance.now() - started) / 1000;
    report(engine, `staging, ${columns.length} text columns + line`, staged, seconds);

    const typed = orderRows();
    started = performance.now();
    const orders = await handle.bulkLoad(
      "orders",
      ["customer_id", "external_id", "order_date", "amount"],
      asAsync(typed),
    );
    seconds = (performance.now() - started) / 1000;
    report(engine, "orders, text cast to typed columns", orders, seconds);
  } finally {
    await handle.close();
    await scratch.drop();
  }
}

function report(engine: Engine, what: string, rows: number, seconds: number): void {
  const rate = Math.round(rows / seconds).toLocaleString("en-US");
  console.log(
    `${engine.padEnd(8)} ${what.padEnd(40)} ${rows} rows in ${seconds.toFixed(2)} s = ${rate} rows/s`,
  );
}

console.log(
  `bulk load, ${count} rows, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
);
const dir = mkdtempSync(path.join(tmpdir(), "custra-bench-"));
try {
  await bench("duckdb", dir);
  await bench("postgres", values.pg);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
