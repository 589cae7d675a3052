import { openDb, resolveLocation } from "@custra/db";
import { sql } from "kysely";
const handle = await openDb(resolveLocation("/tmp/custra-bench-api.duckdb"));
const db = handle.read;
const owner = (await sql<{ owner: string }>`SELECT owner FROM customers WHERE owner <> '' GROUP BY owner ORDER BY count(*) DESC LIMIT 1`.execute(db)).rows[0]!.owner;
const owners = (await sql<{ owner: string }>`SELECT DISTINCT owner FROM customers WHERE owner <> '' ORDER BY owner LIMIT 40`.execute(db)).rows.map(r => r.owner);
const run = 1, grun = 3;
const q = async (label: string, query: any, n = 7) => {
  const ms: number[] = [];
  let rows: any;
  for (let i = 0; i < n; i++) { const t = performance.now(); rows = (await query.execute(db)).rows; ms.push(performance.now() - t); }
  ms.sort((a,b)=>a-b);
  console.log(label.padEnd(34), "median", ms[n>>1]!.toFixed(1), "min", ms[0]!.toFixed(1), JSON.stringify(rows[0]).slice(0, 60));
};
const ids = (await sql<{id:number}>`SELECT id FROM customers WHERE owner=${owner} LIMIT 51`.execute(db)).rows.map(r=>Number(r.id));
await q("trivial", sql`SELECT 1 AS x`);
await q("count owner direct", sql`SELECT count(*) n FROM customers c WHERE c.owner = ${owner}`);
await q("count owners40 direct", sql`SELECT count(*) n FROM customers c WHERE c.owner IN (${sql.join(owners)})`);
await q("sales count+scores", sql`SELECT count(*) n FROM customers c LEFT JOIN customer_scores s ON s.run_id=${run} AND s.customer_id=c.id WHERE c.owner = ${owner} AND s.value_tier IN ('high')`);
await q("sales window page", sql`SELECT id, k, total FROM (SELECT c.id, CAST(COALESCE(s.revenue,-1) AS DOUBLE) k, COUNT(*) OVER () total FROM customers c LEFT JOIN customer_scores s ON s.run_id=${run} AND s.customer_id=c.id WHERE c.owner = ${owner} AND s.value_tier IN ('high')) t ORDER BY k DESC, id DESC LIMIT 51`);
await q("mgr window page", sql`SELECT id, k, total FROM (SELECT c.id, CAST(COALESCE(s.revenue,-1) AS DOUBLE) k, COUNT(*) OVER () total FROM customers c LEFT JOIN customer_scores s ON s.run_id=${run} AND s.customer_id=c.id WHERE c.owner IN (${sql.join(owners)}) AND s.value_tier IN ('high')) t ORDER BY k DESC, id DESC LIMIT 51`);
await q("customers IN 51", sql`SELECT id, code, name, phone, tags FROM customers WHERE id IN (${sql.join(ids)})`);
await q("scores IN 51", sql`SELECT customer_id, revenue FROM customer_scores WHERE run_id=${run} AND customer_id IN (${sql.join(ids)})`);
await q("grades IN 51", sql`SELECT customer_id, grade FROM customer_grades WHERE grade_run_id=${grun} AND customer_id IN (${sql.join(ids)})`);
await q("lastpurchase IN 51", sql`SELECT customer_id, max(order_date) FROM orders WHERE customer_id IN (${sql.join(ids)}) GROUP BY customer_id`);
await handle.close();
