/**
 * One engine's part of bench/import.bench.ts, in its own process: loads the customers, times the
 * orders import, and prints `{ seconds, peakRssMb, timings }` as JSON on stdout.
 *   node --import tsx bench/import-one.ts <location> <customers.csv> <orders.csv> <expected orders>
 */
import { openDb } from "@custra/db";
import { importFile } from "@custra/engine";

const [location, customersCsv, ordersCsv, expected] = process.argv.slice(2);
if (!location || !customersCsv || !ordersCsv || !expected)
  throw new Error("usage: import-one.ts <location> <customers.csv> <orders.csv> <n>");

const handle = await openDb(location);
try {
  await importFile(handle, { entity: "customers", file: customersCsv });
  const started = performance.now();
  const result = await importFile(handle, { entity: "orders", file: ordersCsv });
  const seconds = (performance.now() - started) / 1000;
  if (result.inserted !== Number(expected))
    throw new Error(`expected ${expected} orders, got ${result.inserted}`);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    JSON.stringify({ seconds: Number(seconds.toFixed(2)), peakRssMb, timings: result.timings }),
  );
} finally {
  await handle.close();
}
