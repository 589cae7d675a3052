/**
 * `npm run bench:cli`: how long a `custra` command takes to start, as a user runs it (a new
 * process through packages/cli/bin/custra.js). Targets (2-core reference machine, idle):
 * `custra --help` ≤ 0.5 s, `custra db info` ≤ 1.5 s.
 *
 * Each command runs `--runs` times; the minimum and the median wall time are reported. With
 * `--compare DIR` (another checkout with its node_modules installed, e.g. a git worktree of an
 * older commit) the two checkouts run alternately, so both see the same machine. Each checkout
 * gets its own small demo database (made by its own `custra demo`). Writes bench/results/cli.json.
 *   npm run bench:cli -- [--runs 10] [--compare ../custra-old]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeResults } from "./results-file.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    compare: { type: "string" },
  },
});
const runs = Number(values.runs);
const checkouts = { current: resolve("."), ...(values.compare ? { compare: resolve(values.compare) } : {}) };
const scratch = mkdtempSync(join(tmpdir(), "custra-bench-cli-"));

/** Wall seconds of one `custra …` in `checkout`; a failing command stops the benchmark. */
function custra(checkout: string, args: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(checkout, "packages/cli/bin/custra.js"), ...args], {
    cwd: checkout,
    env: { ...process.env, CUSTRA_LANG: "en", DATABASE_URL: "" },
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`custra ${args.join(" ")} failed in ${checkout}:\n${run.stderr}`);
  return seconds;
}

const databases = Object.fromEntries(
  Object.entries(checkouts).map(([name, checkout]) => {
    const file = join(scratch, `${name}.duckdb`);
    custra(checkout, ["demo", "--customers", "500", "--seed", "1", "--db", file]);
    return [name, file];
  }),
) as Record<keyof typeof checkouts, string>;

const COMMANDS: Record<string, (db: string) => string[]> = {
  "--help": () => ["--help"],
  "db info": (db) => ["db", "info", "--db", db],
  "grade --help": () => ["grade", "--help"],
};

const times = Object.fromEntries(
  Object.keys(COMMANDS).map((command) => [
    command,
    Object.fromEntries(Object.keys(checkouts).map((name) => [name, [] as number[]])),
  ]),
);
for (let run = 0; run < runs; run++) {
  for (const [command, args] of Object.entries(COMMANDS)) {
    for (const [name, checkout] of Object.entries(checkouts)) {
      const db = databases[name as keyof typeof checkouts];
      times[command]![name]!.push(custra(checkout, args(db)));
    }
  }
}
rmSync(scratch, { recursive: true, force: true });

const round = (seconds: number) => Number(seconds.toFixed(3));
const results = Object.fromEntries(
  Object.entries(times).map(([command, byCheckout]) => [
    command,
    Object.fromEntries(
      Object.entries(byCheckout).map(([name, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return [name, { min: round(sorted[0]!), median: round(sorted[Math.floor(sorted.length / 2)]!) }];
      }),
    ),
  ]),
);
for (const [command, byCheckout] of Object.entries(results)) {
  const cells = Object.entries(byCheckout).map(([name, t]) => `${name} min ${t.min} s, median ${t.median} s`);
  console.log(`custra ${command}: ${cells.join(" | ")}`);
}
await writeResults("cli", { runs, checkouts, results });
