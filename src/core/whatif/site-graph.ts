import type { Reach, ReachTable } from '../types.ts';

/** Cells and facilities (by slot) whose numbers an edit can change. */
export interface Region {
  /** Ascending cell indices. */
  cells: Int32Array;
  /** Facility slots in evaluation order. */
  slots: number[];
}

/**
 * The district as a graph: a cell and a facility are joined when the cell is within the facility's
 * reach. Allocation, catchments and 2SFCA give each cell and facility numbers that depend only on
 * the pairs of its connected part of this graph (see `assessPairs`), so an edit can only change the
 * parts holding the facilities it touched or the cells those reached before the edit.
 *
 * Facilities are named by slot: the existing ones by their index, the proposed sites by a number
 * the session keeps for each while it exists. The existing facilities' pairs are grouped by cell
 * once; the proposed sites' (a few dozen at most, in practice) are listed again at each edit.
 */
export class SiteGraph {
  private readonly existingStarts: Int32Array;
  private readonly existingSlots: Int32Array;
  /** Per cell, the first entry of its list of proposed sites (-1: none). */
  private readonly proposedHead: Int32Array;
  private proposedSlot: number[] = [];
  private proposedNext: number[] = [];
  private proposedCells: number[] = [];
  private readonly seen: Uint8Array;

  constructor(cellCount: number, existing: ReachTable) {
    const { offsets, indices } = existing;
    this.existingStarts = new Int32Array(cellCount + 1);
    for (let p = 0; p < indices.length; p++) this.existingStarts[indices[p] + 1]++;
    for (let c = 0; c < cellCount; c++) this.existingStarts[c + 1] += this.existingStarts[c];
    // Filled facility by facility, so each cell lists its facilities in evaluation order.
    const next = this.existingStarts.slice(0, cellCount);
    this.existingSlots = new Int32Array(indices.length);
    for (let s = 0; s + 1 < offsets.length; s++) {
      for (let p = offsets[s]; p < offsets[s + 1]; p++) this.existingSlots[next[indices[p]]++] = s;
    }
    this.proposedHead = new Int32Array(cellCount).fill(-1);
    this.seen = new Uint8Array(cellCount);
  }

  /** The proposed sites now placed, with their reach. */
  setProposed(sites: readonly { slot: number; reach: Reach }[]): void {
    for (const c of this.proposedCells) this.proposedHead[c] = -1;
    this.proposedSlot = [];
    this.proposedNext = [];
    this.proposedCells = [];
    for (const { slot, reach } of sites) {
      for (const c of reach.indices) {
        if (this.proposedHead[c] < 0) this.proposedCells.push(c);
        this.proposedSlot.push(slot);
        this.proposedNext.push(this.proposedHead[c]);
        this.proposedHead[c] = this.proposedSlot.length - 1;
      }
    }
  }

  /**
   * The connected parts of the graph holding any cell of `seedCells` (lists of cells) or any of
   * `seedSlots`: every cell and facility in them, each cell with all its facilities and each
   * facility with all its cells.
   */
  region(seedCells: readonly Int32Array[], seedSlots: readonly number[], reachOf: (slot: number) => Reach, rankOf: (slot: number) => number): Region {
    const cells: number[] = [];
    const slots: number[] = [];
    const slotSeen = new Set<number>();
    const addCell = (c: number) => {
      if (this.seen[c] === 0) {
        this.seen[c] = 1;
        cells.push(c);
      }
    };
    const addSlot = (s: number) => {
      if (!slotSeen.has(s)) {
        slotSeen.add(s);
        slots.push(s);
      }
    };
    for (const list of seedCells) for (const c of list) addCell(c);
    for (const s of seedSlots) addSlot(s);
    let nextCell = 0;
    let nextSlot = 0;
    while (nextCell < cells.length || nextSlot < slots.length) {
      while (nextSlot < slots.length) for (const c of reachOf(slots[nextSlot++]).indices) addCell(c);
      while (nextCell < cells.length) {
        const c = cells[nextCell++];
        for (let k = this.existingStarts[c]; k < this.existingStarts[c + 1]; k++) addSlot(this.existingSlots[k]);
        for (let e = this.proposedHead[c]; e >= 0; e = this.proposedNext[e]) addSlot(this.proposedSlot[e]);
      }
    }
    for (const c of cells) this.seen[c] = 0;
    return { cells: Int32Array.from(cells).sort(), slots: slots.sort((a, b) => rankOf(a) - rankOf(b)) };
  }
}
