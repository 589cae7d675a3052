import { ModelError } from "./errors.ts";

/** A column of per-customer numbers, as a typed array (fast) or a plain array. */
export type NumberColumn = Float64Array | readonly number[];

/**
 * The buy-till-you-die summary of each customer, in one time unit (the literature uses weeks):
 * `x` repeat purchases (purchase days after the first), `tx` the time from the first to the last
 * purchase (0 when x = 0), `T` the time from the first purchase to the end of the observation period.
 */
export interface CustomerSummaries {
  readonly x: NumberColumn;
  readonly tx: NumberColumn;
  readonly T: NumberColumn;
}

/**
 * Customers with identical (x, t_x, T) merged into one weighted row: every likelihood in this folder
 * is a sum over customers of a function of (x, t_x, T) alone, so this loses nothing and a million
 * customers typically become a few hundred thousand rows or fewer.
 */
export interface CompressedSummaries {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** How many customers share the row. */
  readonly weight: Float64Array;
  readonly rows: number;
  readonly customers: number;
  /** For each input customer, the index of its row, so that per-row results can be spread back. */
  readonly rowOf: Int32Array;
}

export function isCompressed(data: CustomerSummaries | CompressedSummaries): data is CompressedSummaries {
  return "weight" in data && data.weight instanceof Float64Array;
}

/**
 * Validates and merges customer summaries. Throws a {@link ModelError} naming the first customer
 * (1-based) whose values cannot come from a purchase history: a negative or non-finite value, a
 * fractional x, t_x > T, or t_x ≠ 0 without repeat purchases.
 */
export function compressSummaries(x: NumberColumn, tx: NumberColumn, T: NumberColumn): CompressedSummaries {
  const n = x.length;
  if (tx.length !== n)
    throw new ModelError("MODEL_LENGTH_MISMATCH", { name: "tx", actual: tx.length, expected: n });
  if (T.length !== n)
    throw new ModelError("MODEL_LENGTH_MISMATCH", { name: "T", actual: T.length, expected: n });
  const xs = new Float64Array(n);
  const txs = new Float64Array(n);
  const Ts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // + 0 turns −0 into 0, so that equal values also have equal bits for the hash below.
    const xi = x[i]! + 0;
    const txi = tx[i]! + 0;
    const Ti = T[i]! + 0;
    if (!(xi >= 0 && xi < Number.POSITIVE_INFINITY)) throw invalid(i, "x", xi);
    if (!(txi >= 0 && txi < Number.POSITIVE_INFINITY)) throw invalid(i, "tx", txi);
    if (!(Ti >= 0 && Ti < Number.POSITIVE_INFINITY)) throw invalid(i, "T", Ti);
    if (!Number.isInteger(xi))
      throw new ModelError("MODEL_FREQUENCY_NOT_INTEGER", { index: i + 1, value: xi });
    if (txi > Ti) throw new ModelError("MODEL_RECENCY_AFTER_AGE", { index: i + 1, tx: txi, T: Ti });
    if (xi === 0 && txi !== 0)
      throw new ModelError("MODEL_RECENCY_WITHOUT_REPEAT", { index: i + 1, tx: txi });
    xs[i] = xi;
    txs[i] = txi;
    Ts[i] = Ti;
  }
  return mergeRows(xs, txs, Ts);
}

function invalid(i: number, name: string, value: number): ModelError {
  return new ModelError("MODEL_INVALID_VALUE", { index: i + 1, name, value: String(value) });
}

// Open addressing over the raw bits of the three doubles: a Map keyed by strings costs ~10x more.
function mergeRows(xs: Float64Array, txs: Float64Array, Ts: Float64Array): CompressedSummaries {
  const n = xs.length;
  const xb = new Uint32Array(xs.buffer);
  const txb = new Uint32Array(txs.buffer);
  const Tb = new Uint32Array(Ts.buffer);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const rowOf = new Int32Array(n);
  const first = new Int32Array(n);
  const weight = new Float64Array(n);
  let rows = 0;
  for (let i = 0; i < n; i++) {
    let h = Math.imul(xb[2 * i]! ^ xb[2 * i + 1]!, 0x9e3779b1);
    h = Math.imul(h ^ txb[2 * i]! ^ (txb[2 * i + 1]! << 7), 0x85ebca6b);
    h = Math.imul(h ^ Tb[2 * i]! ^ (Tb[2 * i + 1]! << 13), 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h & mask;
    for (;;) {
      const row = slots[slot]!;
      if (row < 0) {
        slots[slot] = rows;
        first[rows] = i;
        weight[rows] = 1;
        rowOf[i] = rows;
        rows++;
        break;
      }
      const j = first[row]!;
      if (xs[j] === xs[i] && txs[j] === txs[i] && Ts[j] === Ts[i]) {
        weight[row]! += 1;
        rowOf[i] = row;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const x = new Float64Array(rows);
  const tx = new Float64Array(rows);
  const T = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const j = first[r]!;
    x[r] = xs[j]!;
    tx[r] = txs[j]!;
    T[r] = Ts[j]!;
  }
  return { x, tx, T, weight: weight.slice(0, rows), rows, customers: n, rowOf };
}

/** Rows beyond which a fit starts on a sample of them (maximizeLogLikelihood's warm start). */
export const WARM_START_ROWS = 100_000;
/** The warm start's sample: about one row in this many. */
export const WARM_START_EVERY = 8;

/**
 * About one index in `every` out of 0 … n−1, picked by a fixed hash of the index (the same ones
 * each time). Each row is kept or dropped whole with the same probability, so sums of weighted
 * terms over the kept rows estimate 1/every of the full sums: a fair sample for a warm start.
 */
export function sampleIndices(n: number, every: number): Int32Array {
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((Math.imul(i + 1, 0x9e3779b1) >>> 0) % every === 0) keep.push(i);
  }
  return Int32Array.from(keep);
}

/** The sample of {@link sampleIndices} of compressed rows; `rowOf` is empty (the sample is only fitted). */
export function thinRows(rows: CompressedSummaries, every: number): CompressedSummaries {
  const keep = sampleIndices(rows.rows, every);
  const pick = (column: Float64Array) => Float64Array.from(keep, (i) => column[i]!);
  const weight = pick(rows.weight);
  return {
    x: pick(rows.x),
    tx: pick(rows.tx),
    T: pick(rows.T),
    weight,
    rows: keep.length,
    customers: weight.reduce((sum, w) => sum + w, 0),
    rowOf: new Int32Array(0),
  };
}

/** The data as compressed rows, compressing (and validating) raw summaries on the way. */
export function toCompressed(data: CustomerSummaries | CompressedSummaries): CompressedSummaries {
  return isCompressed(data) ? data : compressSummaries(data.x, data.tx, data.T);
}

/**
 * Distinct values of a column (first-seen order) and, for each entry, the index of its value: the
 * key to per-value caches of log-gamma and logarithm terms. Hashes the bits of each double.
 */
export function distinctValues(values: Float64Array): { values: Float64Array; index: Int32Array } {
  const n = values.length;
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) copy[i] = values[i]! + 0;
  const bits = new Uint32Array(copy.buffer);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const index = new Int32Array(n);
  const distinct = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let h = Math.imul(bits[2 * i]! ^ Math.imul(bits[2 * i + 1]!, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let slot = h & mask;
    const v = copy[i]!;
    for (;;) {
      const k = slots[slot]!;
      if (k < 0) {
        slots[slot] = count;
        distinct[count] = v;
        index[i] = count++;
        break;
      }
      if (distinct[k] === v) {
        index[i] = k;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { values: distinct.slice(0, count), index };
}

/** Spreads one value per compressed row back to one value per customer. */
export function spreadRows(perRow: Float64Array, rowOf: Int32Array): Float64Array {
  const out = new Float64Array(rowOf.length);
  for (let i = 0; i < rowOf.length; i++) out[i] = perRow[rowOf[i]!]!;
  return out;
}
