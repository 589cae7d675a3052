/**
 * `npm run bench:import`: a 1M-order CSV (100k customers) imported into DuckDB and into
 * PostgreSQL through the same pipeline `custra import` uses. Prints rows/s and peak memory and
 * writes bench/results/import.json. Targets on the 2-core reference machine: ≥ 200k rows/s
 * into DuckDB, ≥ 50k rows/s into PostgreSQL, peak RSS < 1 GB.
 *
 *   npm run bench:import [-- --orders 1000000 --pg postgres://postgres@127.0.0.1:5432/]
 */
import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { writeResults } from "./results-file.ts";

const CHILD = fileURLToPath(new URL("./import-one.ts", import.meta.url));

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    customers: { type: "string", default: "100000" },
    pg: { type: "string", default: "postgres://postgres@127.0.0.1:5432/" },
  },
});
const orderCount = Number(values.orders);
const customerCount = Number(values.customers);

async function writeLines(file: string, header: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join("\n")}\n`))
        await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join("\n")}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

const code = (i: number) => `C${String(i).padStart(7, "0")}`;
const channels = ["线上商城", "门店", "电话", "经销商"];

const work = await mkdtemp(join(tmpdir(), "custra-bench-import-"));
const customersCsv = join(work, "customers.csv");
const ordersCsv = join(work, "orders.csv");
await writeLines(customersCsv, "code,name,province", customerCount, (i) => `${code(i)},客户${i},浙江`);
await writeLines(ordersCsv, "external_id,customer_code,order_date,amount,channel", orderCount, (i) => {
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  const amount = ((i * 7919) % 100_000) / 100 + 1;
  return `O${i},${code((i * 31) % customerCount)},2024-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")},${amount.toFixed(2)},${channels[i % 4]}`;
});

const pgDatabase = `custra_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: values.pg });
await admin.connect();
await admin.query(`CREATE DATABASE ${pgDatabase}`);

const targets = [
  { engine: "duckdb", location: join(work, "bench.duckdb"), target: 200_000 },
  { engine: "postgres", location: `${values.pg.replace(/\/?$/, "/")}${pgDatabase}`, target: 50_000 },
];
const results = [];
try {
  for (const target of targets) {
    // One process per engine, so each peak memory is that import's own.
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, CHILD, target.location, customersCsv, ordersCsv, String(orderCount)],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    if (child.status !== 0) throw new Error(`${target.engine} import failed`);
    const measured: { seconds: number; peakRssMb: number; timings: unknown } = JSON.parse(child.stdout);
    const rowsPerSecond = Math.round(orderCount / measured.seconds);
    results.push({
      engine: target.engine,
      orders: orderCount,
      rowsPerSecond,
      target: target.target,
      ...measured,
    });
    console.log(
      `${target.engine}: ${orderCount} orders in ${measured.seconds} s = ${rowsPerSecond.toLocaleString("en-US")} rows/s (target ${target.target.toLocaleString("en-US")}), peak RSS ${measured.peakRssMb} MB; stages ms ${JSON.stringify(measured.timings)}`,
    );
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
  await admin.end();
  await rm(work, { recursive: true, force: true });
}

await writeResults("import", { results });
