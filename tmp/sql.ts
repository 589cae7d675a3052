import { openDb, resolveLocation } from "@custra/db";
import { sql } from "kysely";
const handle = await openDb(resolveLocation("/tmp/custra-bench-api.duckdb"));
const db = handle.read;
const owner = (await sql<{ owner: string }>`SELECT owner FROM customers WHERE owner <> '' GROUP BY owner ORDER BY count(*) DESC LIMIT 1`.execute(db)).rows[0]!.owner;
const run = (await sql<{ id: number }>`SELECT max(id) AS id FROM analysis_runs`.execute(db)).rows[0]!.id;
const grun = (await sql<{ id: number }>`SELECT max(id) AS id FROM grade_runs WHERE scheme_name='value'`.execute(db)).rows[0]!.id;
console.log({ owner, run, grun });
const counts = (await sql<any>`SELECT (SELECT count(*) FROM customer_scores) s, (SELECT count(*) FROM customer_grades) g, (SELECT count(*) FROM orders) o, (SELECT count(*) FROM analysis_runs) r`.execute(db)).rows[0];
console.log(counts);
const q = async (label: string, query: any, n = 5) => {
  const ms: number[] = [];
  let rows: any;
  for (let i = 0; i < n; i++) { const t = performance.now(); rows = (await query.execute(db)).rows; ms.push(performance.now() - t); }
  console.log(label.padEnd(40), ms.map((m) => m.toFixed(1)).join(" "), JSON.stringify(rows[0]).slice(0, 80));
};
await q("trivial", sql`SELECT 1 AS x`);
await q("customers by code", sql`SELECT id FROM customers WHERE code = 'C0500000'`);
await q("count owner direct", sql`SELECT count(*) n FROM customers c WHERE c.owner = ${owner}`);
await q("count owner via IN", sql`SELECT count(*) n FROM customers c WHERE c.id IN (SELECT id FROM customers WHERE owner = ${owner})`);
await q("count + scores join", sql`SELECT count(*) n FROM customers c JOIN customer_scores s ON s.run_id=${run} AND s.customer_id=c.id WHERE c.owner = ${owner} AND s.value_tier='high'`);
await q("count + scores + grades", sql`SELECT count(*) n FROM customers c JOIN customer_scores s ON s.run_id=${run} AND s.customer_id=c.id LEFT JOIN customer_grades g ON g.grade_run_id=${grun} AND g.customer_id=c.id WHERE c.owner = ${owner} AND s.value_tier='high'`);
await q("scores by run only count", sql`SELECT count(*) n FROM customer_scores s WHERE s.run_id=${run} AND s.value_tier='high'`);
await q("score point lookup", sql`SELECT revenue FROM customer_scores WHERE run_id=${run} AND customer_id=500000`);
await q("orders of one customer", sql`SELECT count(*) n FROM orders WHERE customer_id=500000`);
await q("order lines of one customer", sql`SELECT count(*) n FROM order_lines WHERE customer_id=500000`);
await q("tasks of one customer", sql`SELECT count(*) n FROM tasks WHERE customer_id=500000`);
await q("grades of one customer", sql`SELECT count(*) n FROM customer_grades WHERE customer_id=500000`);
await handle.close();
