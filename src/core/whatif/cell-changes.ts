import type { PreparedEvaluation } from '../evaluate/prepare.ts';
import { cellResult, type CellFigures } from '../evaluate/results.ts';
import type { Facility } from '../facilities/facilities.ts';
import type { CellChange } from './types.ts';

/** The fields of some cells' rows that a facility set can change, copied before an edit. */
export interface CellSnapshot {
  cells: Int32Array;
  covered: Uint8Array;
  nearestSite: Int32Array;
  nearestDistanceM: Float64Array;
  served: Float64Array;
  unserved: Float64Array;
  servedBy: Int32Array;
  access2sfca: Float64Array;
  accessE2sfca: Float64Array;
}

export function snapshotCells(f: CellFigures, cells: Int32Array): CellSnapshot {
  const pick = <T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T => {
    cells.forEach((c, i) => (to[i] = from[c]));
    return to;
  };
  const n = cells.length;
  return {
    cells,
    covered: pick(f.stats.covered, new Uint8Array(n)),
    nearestSite: pick(f.stats.nearestSite, new Int32Array(n)),
    nearestDistanceM: pick(f.stats.nearestDistanceM, new Float64Array(n)),
    served: pick(f.allocation.served, new Float64Array(n)),
    unserved: pick(f.allocation.unserved, new Float64Array(n)),
    servedBy: pick(f.allocation.servedBy, new Int32Array(n)),
    access2sfca: pick(f.access2sfca, new Float64Array(n)),
    accessE2sfca: pick(f.accessE2sfca, new Float64Array(n)),
  };
}

/**
 * The snapshot's cells whose rows now differ, with their new rows. Facilities are compared by slot
 * (`facilities` is indexed by slot): a slot names one site for as long as it exists, so equal slots
 * are the same facility and unequal ones different facilities.
 */
export function changedCells(prepared: PreparedEvaluation, facilities: readonly Facility[], f: CellFigures, before: CellSnapshot): CellChange[] {
  const changes: CellChange[] = [];
  before.cells.forEach((c, i) => {
    const same =
      before.served[i] === f.allocation.served[c] &&
      before.unserved[i] === f.allocation.unserved[c] &&
      before.covered[i] === f.stats.covered[c] &&
      before.nearestDistanceM[i] === f.stats.nearestDistanceM[c] &&
      before.access2sfca[i] === f.access2sfca[c] &&
      before.accessE2sfca[i] === f.accessE2sfca[c] &&
      before.nearestSite[i] === f.stats.nearestSite[c] &&
      before.servedBy[i] === f.allocation.servedBy[c];
    if (!same) changes.push({ index: c, cell: cellResult(prepared, facilities, f, c) });
  });
  return changes;
}
