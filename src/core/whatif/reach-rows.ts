import type { Reach, ReachTable } from '../types.ts';

/**
 * The reach table of the existing facilities followed by the proposed sites' rows, assembled in
 * buffers kept across edits: the existing rows are copied in once, and each edit only rewrites the
 * proposed tail. The table handed out is a view, valid until the next `table()` call.
 */
export class ReachRows {
  private indices: Int32Array;
  private distancesM: Float64Array;
  private readonly fixedSites: number;
  private readonly fixedPairs: number;
  private readonly fixedOffsets: Int32Array;

  constructor(existing: ReachTable) {
    this.fixedSites = existing.offsets.length - 1;
    this.fixedPairs = existing.indices.length;
    this.fixedOffsets = existing.offsets;
    this.indices = new Int32Array(Math.max(1024, this.fixedPairs * 2));
    this.distancesM = new Float64Array(this.indices.length);
    this.indices.set(existing.indices);
    this.distancesM.set(existing.distancesM);
  }

  /** Existing rows, then `extra` in order: what `reachTable` gives for the combined facility list. */
  table(extra: readonly Reach[]): ReachTable {
    let pairs = this.fixedPairs;
    for (const r of extra) pairs += r.indices.length;
    if (pairs > this.indices.length) this.grow(pairs);
    const offsets = new Int32Array(this.fixedSites + extra.length + 1);
    offsets.set(this.fixedOffsets);
    let at = this.fixedPairs;
    extra.forEach((r, k) => {
      this.indices.set(r.indices, at);
      this.distancesM.set(r.distancesM, at);
      at += r.indices.length;
      offsets[this.fixedSites + k + 1] = at;
    });
    return { offsets, indices: this.indices.subarray(0, pairs), distancesM: this.distancesM.subarray(0, pairs) };
  }

  private grow(pairs: number): void {
    const indices = new Int32Array(pairs * 2);
    const distancesM = new Float64Array(pairs * 2);
    indices.set(this.indices.subarray(0, this.fixedPairs));
    distancesM.set(this.distancesM.subarray(0, this.fixedPairs));
    this.indices = indices;
    this.distancesM = distancesM;
  }
}
