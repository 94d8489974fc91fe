import type { Assessment } from '../evaluate/assess.ts';
import type { PreparedEvaluation } from '../evaluate/prepare.ts';
import { cellResult } from '../evaluate/results.ts';
import type { Facility } from '../facilities/facilities.ts';
import type { CellChange } from './types.ts';

/** A facility list with its assessment: one state of a what-if session. */
export interface AssessedState {
  facilities: readonly Facility[];
  assessment: Assessment;
}

/** Facility indices shift when a site is removed, so cells are compared by facility id. */
function idAt(facilities: readonly Facility[], index: number): string | null {
  return index >= 0 ? facilities[index].id : null;
}

/**
 * The cells whose evaluation rows differ between two states, with their new rows. Compares the
 * typed arrays the rows are made from (only the fields a facility set can change), so unchanged
 * cells cost no objects.
 */
export function changedCells(prepared: PreparedEvaluation, before: AssessedState, after: AssessedState): CellChange[] {
  const a = before.assessment;
  const b = after.assessment;
  const changes: CellChange[] = [];
  for (let c = 0; c < prepared.cells.length; c++) {
    const same =
      a.allocation.served[c] === b.allocation.served[c] &&
      a.allocation.unserved[c] === b.allocation.unserved[c] &&
      a.stats.covered[c] === b.stats.covered[c] &&
      a.stats.nearestDistanceM[c] === b.stats.nearestDistanceM[c] &&
      a.access2sfca[c] === b.access2sfca[c] &&
      a.accessE2sfca[c] === b.accessE2sfca[c] &&
      idAt(before.facilities, a.stats.nearestSite[c]) === idAt(after.facilities, b.stats.nearestSite[c]) &&
      idAt(before.facilities, a.allocation.servedBy[c]) === idAt(after.facilities, b.allocation.servedBy[c]);
    if (!same) changes.push({ index: c, cell: cellResult(prepared, after.facilities, b, c) });
  }
  return changes;
}
