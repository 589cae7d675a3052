/**
 * One engine's part of bench/analyze.bench.ts, in its own process: makes sure the demo company
 * is there (building it if the database is empty), runs the analysis, times the BG/NBD fit on
 * its own, and prints `{ seconds, peakRssMb, timings, customers, buyers, bgnbdFitSeconds }`.
 *   node --import tsx bench/analyze-one.ts <location> <customers>
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bgNbd } from "@custra/core";
import { openDb, tableCounts } from "@custra/db";
import { analyze, customerSummary, importDirectory, writeDemoCsv } from "@custra/engine";

const [location, customers] = process.argv.slice(2);
if (!location || !customers) throw new Error("usage: analyze-one.ts <location> <customers>");

const handle = await openDb(location, { createIfMissing: true });
try {
  if ((await tableCounts(handle)).customers === 0) {
    process.stderr.write(`building the ${customers}-customer demo company in ${handle.display} …\n`);
    const dir = await mkdtemp(join(tmpdir(), "custra-bench-demo-"));
    try {
      await writeDemoCsv({ customers: Number(customers), seed: 1, asOf: "2026-06-30", outDir: dir });
      await importDirectory(handle, dir, { canonical: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const started = performance.now();
  const report = await analyze(handle);
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  const summary = await customerSummary(handle, { asOf: report.asOf, timeUnit: report.timeUnit });
  const keep = summary.x.map((x) => (Number.isNaN(x) ? 0 : 1));
  const pick = (column: Float64Array) => column.filter((_, i) => keep[i] === 1);
  const fitStarted = performance.now();
  bgNbd.fit({ x: pick(summary.x), tx: pick(summary.tx), T: pick(summary.T) });
  const bgnbdFitSeconds = Number(((performance.now() - fitStarted) / 1000).toFixed(2));

  process.stdout.write(
    JSON.stringify({
      seconds: Number(seconds.toFixed(2)),
      peakRssMb,
      timings: report.timings,
      customers: report.customers,
      buyers: report.buyers,
      bgnbdFitSeconds,
      params: report.models.bgnbd?.params,
    }),
  );
} finally {
  await handle.close();
}
