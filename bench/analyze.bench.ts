/**
 * `npm run bench:analyze`: the full `custra analyze` on the 1M-customer demo company (about 10M
 * orders), on DuckDB and on PostgreSQL, each in its own process so peak memory is its own; plus
 * the BG/NBD fit alone on the 1M customers' summary. Prints each stage and writes
 * bench/results/analyze.json. Targets (2-core reference machine): DuckDB ≤ 20 s and < 2 GB,
 * BG/NBD fit ≤ 1.5 s, PostgreSQL ≤ 90 s.
 *
 * The demo company takes minutes to build, so it is built once and kept:
 *   npm run bench:analyze -- [--customers 1000000] [--duckdb FILE] [--pg postgres://postgres@127.0.0.1:5432/custra_bench_analyze] [--skip-pg]
 * A database that already holds the demo company is reused as it is.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeResults } from "./results-file.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    duckdb: { type: "string", default: join(tmpdir(), "custra-bench-analyze.duckdb") },
    pg: { type: "string", default: "postgres://postgres@127.0.0.1:5432/custra_bench_analyze" },
    "skip-pg": { type: "boolean", default: false },
  },
});

const ONE = fileURLToPath(new URL("./analyze-one.ts", import.meta.url));
const targets = [{ engine: "duckdb", location: values.duckdb, target: 20 }];
if (!values["skip-pg"]) targets.push({ engine: "postgres", location: values.pg, target: 90 });

const results = [];
for (const target of targets) {
  const child = spawnSync(process.execPath, [...process.execArgv, ONE, target.location, values.customers], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${target.engine}: analyze failed`);
  const measured = JSON.parse(child.stdout);
  results.push({ engine: target.engine, targetSeconds: target.target, ...measured });
  console.log(
    `${target.engine}: analyze of ${measured.customers.toLocaleString("en-US")} customers in ${measured.seconds} s (target ≤ ${target.target} s), peak RSS ${measured.peakRssMb} MB; stages ms ${JSON.stringify(measured.timings)}; BG/NBD fit alone ${measured.bgnbdFitSeconds} s on ${measured.buyers.toLocaleString("en-US")} buyers`,
  );
}

await writeResults("analyze", { results });
