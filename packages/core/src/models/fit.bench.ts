/**
 * BG/NBD fit on one million simulated customers (a CDNOW-like cohort: first purchases spread over
 * 12 weeks, 39-week calibration, times on whole days). Run from the repository root with
 *   node --import tsx packages/core/src/models/fit.bench.ts [customers]
 */
import { fit, prepare } from "./bgnbd.ts";
import { simulateBgNbd } from "./simulate.ts";
import { compressSummaries } from "./summaries.ts";

const customers = Number(process.argv[2] ?? 1_000_000);
const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

let started = performance.now();
const data = simulateBgNbd(truth, {
  customers,
  seed: 20050101,
  T: (random) => 39 - Math.floor(random() * 84) / 7,
  timeResolution: Number(process.env.RESOLUTION ?? 1 / 7),
});
const simulateSeconds = (performance.now() - started) / 1000;

started = performance.now();
const rows = compressSummaries(data.x, data.tx, data.T);
const compressSeconds = (performance.now() - started) / 1000;

started = performance.now();
const prepared = prepare(rows);
const prepareSeconds = (performance.now() - started) / 1000;

started = performance.now();
const result = fit(rows);
const fitSeconds = (performance.now() - started) / 1000;

started = performance.now();
const fromRaw = fit(data);
if (fromRaw.logLikelihood !== result.logLikelihood) throw new Error("raw and compressed fits differ");
const totalSeconds = (performance.now() - started) / 1000;

const round = (v: number) => Number(v.toPrecision(4));
console.log(
  JSON.stringify(
    {
      customers,
      rows: rows.rows,
      distinctX: prepared.xValues.length,
      distinctT: prepared.TValues.length,
      distinctTx: prepared.txValues.length,
      seconds: {
        simulate: round(simulateSeconds),
        compress: round(compressSeconds),
        prepare: round(prepareSeconds),
        fitCompressed: round(fitSeconds),
        fitFromRawColumns: round(totalSeconds),
        perEvaluation: round(fitSeconds / result.evaluations),
      },
      truth,
      params: Object.fromEntries(Object.entries(result.params).map(([k, v]) => [k, round(v)])),
      standardErrors: Object.fromEntries(
        Object.entries(result.standardErrors).map(([k, v]) => [k, round(v)]),
      ),
      logLikelihood: result.logLikelihood,
      converged: result.converged,
      iterations: result.iterations,
      evaluations: result.evaluations,
    },
    null,
    2,
  ),
);
