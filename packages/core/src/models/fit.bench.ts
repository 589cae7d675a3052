/**
 * BG/NBD fit on one million simulated customers (a CDNOW-like cohort: first purchases spread over
 * 12 weeks, 39-week calibration, times on whole days). Run from the repository root with
 *   node --import tsx packages/core/src/models/fit.bench.ts [customers]
 */
import { BgNbd, fit, prepare } from "./bgnbd.ts";
import { customerLifetimeValueAll, predictAll } from "./clv.ts";
import { expectedAverageSpendAll } from "./gamma-gamma.ts";
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

started = performance.now();
const scores = predictAll(BgNbd, result.params, data.x, data.tx, data.T, 39);
const predictSeconds = (performance.now() - started) / 1000;

started = performance.now();
const spend = expectedAverageSpendAll(
  { p: 6.25, q: 3.74, v: 15.44 },
  data.x,
  new Float64Array(customers).fill(35),
);
const clv = customerLifetimeValueAll(BgNbd, result.params, data.x, data.tx, data.T, spend, {
  horizon: 52,
  annualDiscountRate: 0.1,
});
const clvSeconds = (performance.now() - started) / 1000;
if (!(scores.probabilityAlive.every(Number.isFinite) && clv.every(Number.isFinite)))
  throw new Error("non-finite score");

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
        predictAll39Weeks: round(predictSeconds),
        clv52WeeksMonthly: round(clvSeconds),
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
