/**
 * Times the demo generator: `node --import tsx packages/engine/src/demo/demo.bench.ts 1000000 [outDir]`.
 * Prints one JSON line (seconds, rows per entity, bytes written, peak memory) for BENCHMARKS.md.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoCsv } from "./write-demo-csv.ts";

const customers = Number(process.argv[2] ?? 100_000);
const keep = process.argv[3];
const outDir = keep ?? (await mkdtemp(join(tmpdir(), "custra-demo-bench-")));

let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
};
const started = performance.now();
try {
  const rows = await writeDemoCsv({ customers, seed: 1, asOf: "2025-06-30", outDir, onProgress: sample });
  const seconds = (performance.now() - started) / 1000;
  let bytes = 0;
  for (const file of await readdir(outDir)) bytes += (await stat(join(outDir, file))).size;
  const mib = (n: number) => Math.round(n / 1048576);
  console.log(
    JSON.stringify({
      bench: "demo",
      customers,
      seconds: Math.round(seconds * 10) / 10,
      rows,
      totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
      writtenMiB: mib(bytes),
      peakHeapMiB: mib(peakHeap),
      peakRssSampledMiB: mib(peakRss),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      // CPU time as well as wall time: on a shared machine the wall clock includes other people's work.
      cpuSeconds:
        Math.round((process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e5) / 10,
      node: process.version,
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
    }),
  );
} finally {
  if (!keep) await rm(outDir, { recursive: true, force: true });
}
