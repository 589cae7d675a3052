import { openDb, resolveLocation } from "@custra/db";
import { sql } from "kysely";
const handle = await openDb(resolveLocation("/tmp/custra-bench-api.duckdb"));
const db = handle.db;
const owner = (await sql<{ owner: string }>`SELECT owner FROM customers WHERE owner <> '' GROUP BY owner ORDER BY count(*) DESC LIMIT 1`.execute(db)).rows[0]!.owner;
const q = async (label: string, query: any, n = 7) => {
  const ms: number[] = [];
  let rows: any;
  for (let i = 0; i < n; i++) { const t = performance.now(); rows = (await query.execute(db)).rows; ms.push(performance.now() - t); }
  ms.sort((a,b)=>a-b);
  console.log(label.padEnd(34), "median", ms[n>>1]!.toFixed(1), "min", ms[0]!.toFixed(1), JSON.stringify(rows[0]).slice(0, 60));
};
let t = performance.now();
await sql`CREATE INDEX IF NOT EXISTS customers_owner_test ON customers(owner)`.execute(db);
console.log("index build", performance.now() - t);
await q("count owner direct", sql`SELECT count(*) n FROM customers c WHERE c.owner = ${owner}`);
await sql`SET index_scan_max_count = 100000`.execute(db);
await sql`SET index_scan_percentage = 0.2`.execute(db);
await q("count owner idx", sql`SELECT count(*) n FROM customers c WHERE c.owner = ${owner}`);
const plan = await sql`EXPLAIN SELECT count(*) n FROM customers c WHERE c.owner = ${owner}`.execute(db);
console.log(JSON.stringify(plan.rows).slice(0, 600));
await q("count owner literal", sql.raw(`SELECT count(*) n FROM customers c WHERE c.owner = '${owner}'`));
await sql`DROP INDEX customers_owner_test`.execute(db);
await handle.close();
