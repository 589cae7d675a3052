/**
 * Row position of a database id in an ascending id column: the purchase query returns ids, the
 * model works with positions. Ids from a sequence are nearly dense, so a lookup table indexed by
 * id − first id answers in one read; sparse ids fall back to binary search.
 */
export class IdIndex {
  private readonly ids: Float64Array;
  private readonly first: number;
  private readonly table: Int32Array | undefined;

  /** `ids` must be ascending and distinct, as `ORDER BY id` of a primary key gives them. */
  constructor(ids: Float64Array) {
    this.ids = ids;
    const n = ids.length;
    this.first = n > 0 ? ids[0]! : 0;
    const span = n > 0 ? ids[n - 1]! - this.first + 1 : 0;
    if (span <= 4 * n + 1024) {
      this.table = new Int32Array(span).fill(-1);
      for (let i = 0; i < n; i++) this.table[ids[i]! - this.first] = i;
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** The position of `id`, or −1 when it is not in the column. */
  positionOf(id: number): number {
    if (this.table) {
      const slot = id - this.first;
      return Number.isInteger(slot) && slot >= 0 && slot < this.table.length ? this.table[slot]! : -1;
    }
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  idAt(position: number): number {
    return this.ids[position]!;
  }
}
