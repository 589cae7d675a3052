/**
 * Scores to grades. Grades are indices into the scheme's grade list (0 = best), kept in a
 * Uint8Array so that a million customers cost one byte each.
 */
import { sortColumn } from "../segments/ranking.ts";

/**
 * The first grade whose minimum the score reaches; `minimums` holds one per grade but the last,
 * strictly descending, and the last grade takes everyone below.
 */
export function gradesByThresholds(score: Float64Array, minimums: readonly number[]): Uint8Array {
  const last = minimums.length;
  const out = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    let g = 0;
    while (g < last && !(s >= minimums[g]!)) g++;
    out[i] = g;
  }
  return out;
}

/**
 * Grades by target shares of customers: `shares` holds one per grade but the last (best first),
 * and the last grade takes the rest.
 *
 * Customers are taken from the highest score down in groups of equal scores, which are never
 * split: splitting them would need a tie-break that says nothing about the customer (the row
 * order, the id). Each boundary between grades is therefore put at the edge of a tie group
 * nearest to its target (the cumulative share × number of customers), and when both edges are
 * equally near, at the upper one, so the better grade is never larger than asked. A boundary is
 * thus off by at most half a tie group, and the grades do not depend on the order of the input.
 */
export function gradesByShares(score: Float64Array, shares: readonly number[]): Uint8Array {
  const n = score.length;
  const last = shares.length;
  const targets = new Float64Array(last);
  let cumulative = 0;
  for (let g = 0; g < last; g++) {
    cumulative += shares[g]!;
    targets[g] = cumulative * n;
  }
  const { order, values } = sortColumn(score);
  const out = new Uint8Array(n);
  let grade = 0;
  let placed = 0;
  let end = n;
  while (end > 0) {
    const value = values[end - 1]!;
    let start = end - 1;
    while (start > 0 && values[start - 1] === value) start--;
    const size = end - start;
    // The group stays in the current grade only if the boundary lies nearer its lower edge.
    while (grade < last && !(placed + size / 2 < targets[grade]!)) grade++;
    for (let k = start; k < end; k++) out[order[k]!] = grade;
    placed += size;
    end = start;
  }
  return out;
}
