/**
 * Times openTable + iterating a 1M-line orders CSV (the size the design's measurements use).
 * Run: node --import tsx packages/engine/src/import/read/read.bench.ts [lines]
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTable } from "./open-table.ts";

const lines = Number(process.argv[2] ?? 1_000_000);
const dir = await mkdtemp(join(tmpdir(), "custra-read-bench-"));
const file = join(dir, "orders.csv");

try {
  const out = createWriteStream(file);
  out.write("external_id,customer_code,order_date,amount,quantity,channel,status\n");
  let chunk = "";
  for (let i = 0; i < lines; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    chunk += `O${i},C${String((i * 7919) % 100_000).padStart(6, "0")},2024-${month}-${day},${(i % 5000) + 0.5},${(i % 9) + 1},online,completed\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");

  // Three runs: the first also pays for collecting the garbage the generator left behind.
  for (let run = 1; run <= 3; run++) {
    const started = performance.now();
    const source = await openTable(file);
    let rows = 0;
    let lastLine = 0;
    for await (const batch of source.rows()) {
      rows += batch.length;
      lastLine = batch[batch.length - 1]!.line;
    }
    const seconds = (performance.now() - started) / 1000;
    const mb = source.totalBytes / 1e6;
    console.log(
      `run ${run}: ${rows} rows (last line ${lastLine}), ${mb.toFixed(1)} MB, ${source.encoding}, ` +
        `"${source.delimiter}": ${seconds.toFixed(2)} s, ${Math.round(rows / seconds)} rows/s`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
