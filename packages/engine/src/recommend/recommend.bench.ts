/**
 * Times loading and building the recommendation model on an existing database, and recommending
 * for a sample of its customers:
 *
 *   node --import tsx packages/engine/src/recommend/recommend.bench.ts <db> [asOf] [sample]
 *
 * `<db>` is what `--db` takes (a DuckDB file or a postgres:// URL), e.g. a 1M-customer demo company
 * built by `npm run bench:analyze`. Nothing is written to it. Prints one JSON line: seconds per
 * step (customers and peer groups, products, purchase counts, model build), microseconds per
 * recommendation (top 3), the model's size and the peak memory, for BENCHMARKS.md.
 */
import { cpus } from "node:os";
import { openDb } from "@custra/db";
import { loadRecommendationModel } from "./load-model.ts";
import { recommendFor } from "./recommend-for.ts";

const [location, asOf, sampleArg] = process.argv.slice(2);
if (!location) throw new Error("usage: recommend.bench.ts <db> [asOf] [sample]");
const sample = Number(sampleArg ?? 100_000);

const handle = await openDb(location);
try {
  const started = performance.now();
  const model = await loadRecommendationModel(handle, asOf ? { asOf } : {});
  const loadSeconds = (performance.now() - started) / 1000;

  const ids = Array.from({ length: Math.min(sample, model.customers.size) }, (_, i) =>
    model.customers.idAt(Math.floor((i * model.customers.size) / Math.min(sample, model.customers.size))),
  );
  const recommendStarted = performance.now();
  const lists = recommendFor(model, ids);
  const recommendMs = performance.now() - recommendStarted;
  const returned = lists.reduce((sum, list) => sum + list.length, 0);
  const reasons: Record<string, number> = {};
  for (const list of lists) for (const r of list) reasons[r.reason.code] = (reasons[r.reason.code] ?? 0) + 1;

  const seconds = (ms: number) => Math.round(ms) / 1000;
  console.log(
    JSON.stringify({
      bench: "recommend",
      engine: handle.engine,
      asOf: model.asOf,
      runId: model.runId,
      customers: model.customers.size,
      buyers: model.recommender.buyers,
      products: model.recommender.products,
      categories: model.categories.length,
      peerGroups: model.peerGroups.length,
      loadSeconds: Math.round(loadSeconds * 1000) / 1000,
      steps: {
        customers: seconds(model.timings.customers),
        products: seconds(model.timings.products),
        purchases: seconds(model.timings.purchases),
        build: seconds(model.timings.build),
      },
      recommendMicroseconds: Math.round(((recommendMs * 1000) / Math.max(1, ids.length)) * 10) / 10,
      sample: ids.length,
      meanReturned: Math.round((returned / Math.max(1, ids.length)) * 100) / 100,
      reasons,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuSeconds: Math.round(((process.cpuUsage().user + process.cpuUsage().system) / 1e6) * 10) / 10,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    }),
  );
} finally {
  await handle.close();
}
