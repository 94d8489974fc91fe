import type { DistanceDecay } from '../access/distance-decay.ts';
import { assessPairs, type PairAssessment } from '../evaluate/assess.ts';
import type { CellFigures, SiteFigures } from '../evaluate/results.ts';
import type { Reach } from '../types.ts';
import type { Region } from './site-graph.ts';

/** What the session knows of each facility slot. */
export interface SlotSource {
  reach(slot: number): Reach;
  capacity(slot: number): number;
}

/**
 * The numbers of every cell and facility for the current facility set, updated in place one region
 * at a time. Per-cell arrays name facilities by slot (stable while a site exists), not by position
 * in the list, so removing a site never renumbers the cells of the others.
 */
export class LiveAssessment {
  readonly cells: CellFigures;
  private readonly usersInCatchment: number[];
  private readonly cellsInCatchment: number[];
  private readonly allocated: number[];
  /** Region-local index of each cell of the region being assessed. */
  private readonly localOf: Int32Array;

  /** Adopts `initial`, the assessment of the existing facilities, whose indices are their slots. */
  constructor(
    initial: PairAssessment,
    private readonly users: Float64Array,
    private readonly radiusM: number,
    private readonly decay: DistanceDecay,
  ) {
    const { stats, allocation } = initial;
    this.cells = {
      stats: { covered: stats.covered, nearestSite: stats.nearestSite, nearestDistanceM: stats.nearestDistanceM },
      allocation: { served: allocation.served, unserved: allocation.unserved, servedBy: allocation.servedBy },
      access2sfca: initial.access2sfca,
      accessE2sfca: initial.accessE2sfca,
    };
    this.usersInCatchment = Array.from(stats.usersInCatchment);
    this.cellsInCatchment = Array.from(stats.cellsInCatchment);
    this.allocated = Array.from(allocation.allocated);
    this.localOf = new Int32Array(users.length);
  }

  /**
   * Assesses `region` as a district of its own — its cells renumbered in order, its facilities in
   * evaluation order, so every tie breaks as in the whole district — and writes the answers back.
   * Exact because the region is whole connected parts (see `SiteGraph`) and `perM` is the whole
   * district's allocation scale.
   */
  reassess(region: Region, sites: SlotSource, perM: number): void {
    const { cells, slots } = region;
    for (let i = 0; i < cells.length; i++) this.localOf[cells[i]] = i;
    let pairs = 0;
    for (const s of slots) pairs += sites.reach(s).indices.length;
    const offsets = new Int32Array(slots.length + 1);
    const indices = new Int32Array(pairs);
    const distancesM = new Float64Array(pairs);
    let at = 0;
    slots.forEach((s, k) => {
      const reach = sites.reach(s);
      // Every cell a region facility reaches is in the region, so its local index was just set.
      for (let p = 0; p < reach.indices.length; p++, at++) indices[at] = this.localOf[reach.indices[p]];
      distancesM.set(reach.distancesM, offsets[k]);
      offsets[k + 1] = at;
    });
    const users = Float64Array.from(cells, (c) => this.users[c]);
    const capacity = Float64Array.from(slots, (s) => sites.capacity(s));
    const local = assessPairs({ offsets, indices, distancesM }, users, capacity, this.radiusM, this.decay, perM);

    const { stats, allocation } = this.cells;
    const slotOf = (k: number) => (k >= 0 ? slots[k] : -1);
    cells.forEach((c, i) => {
      stats.covered[c] = local.stats.covered[i];
      stats.nearestSite[c] = slotOf(local.stats.nearestSite[i]);
      stats.nearestDistanceM[c] = local.stats.nearestDistanceM[i];
      allocation.served[c] = local.allocation.served[i];
      allocation.unserved[c] = local.allocation.unserved[i];
      allocation.servedBy[c] = slotOf(local.allocation.servedBy[i]);
      this.cells.access2sfca[c] = local.access2sfca[i];
      this.cells.accessE2sfca[c] = local.accessE2sfca[i];
    });
    slots.forEach((s, k) => {
      this.usersInCatchment[s] = local.stats.usersInCatchment[k];
      this.cellsInCatchment[s] = local.stats.cellsInCatchment[k];
      this.allocated[s] = local.allocation.allocated[k];
    });
  }

  /** The per-facility figures of `slots`, in that order. */
  siteFigures(slots: readonly number[]): SiteFigures {
    return {
      stats: {
        usersInCatchment: Float64Array.from(slots, (s) => this.usersInCatchment[s]),
        cellsInCatchment: Int32Array.from(slots, (s) => this.cellsInCatchment[s]),
      },
      allocation: { allocated: Float64Array.from(slots, (s) => this.allocated[s]) },
    };
  }
}

