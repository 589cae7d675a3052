/**
 * Writes a benchmark's numbers to bench/results/<name>.json, with when and on what machine they
 * were measured (BENCHMARKS.md copies them from there).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";

export async function writeResults(name: string, results: Record<string, unknown>): Promise<void> {
  await mkdir("bench/results", { recursive: true });
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  await writeFile(
    `bench/results/${name}.json`,
    `${JSON.stringify({ date: new Date().toISOString(), machine, ...results }, null, 2)}\n`,
  );
}
