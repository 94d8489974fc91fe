import type { ReachTable } from '../types.ts';

/** Per-site and per-cell facts that follow from catchment membership alone. */
export interface CatchmentStats {
  /** Per site: users living within its radius (a cell in two catchments counts in both). */
  usersInCatchment: Float64Array;
  /** Per site: number of demand cells within its radius. */
  cellsInCatchment: Int32Array;
  /** Per cell: 1 when within the radius of at least one site. */
  covered: Uint8Array;
  /** Per cell: index of the nearest site in reach (-1 if none; ties go to the site listed first). */
  nearestSite: Int32Array;
  /** Per cell: distance to that site in metres (Infinity if none). */
  nearestDistanceM: Float64Array;
}

export function catchmentStats(table: ReachTable, users: Float64Array): CatchmentStats {
  const sites = table.offsets.length - 1;
  const cells = users.length;
  const usersInCatchment = new Float64Array(sites);
  const cellsInCatchment = new Int32Array(sites);
  const covered = new Uint8Array(cells);
  const nearestSite = new Int32Array(cells).fill(-1);
  const nearestDistanceM = new Float64Array(cells).fill(Infinity);
  const { offsets, indices, distancesM } = table;
  for (let s = 0; s < sites; s++) {
    let sum = 0;
    for (let p = offsets[s]; p < offsets[s + 1]; p++) {
      const c = indices[p];
      sum += users[c];
      covered[c] = 1;
      if (distancesM[p] < nearestDistanceM[c]) {
        nearestDistanceM[c] = distancesM[p];
        nearestSite[c] = s;
      }
    }
    usersInCatchment[s] = sum;
    cellsInCatchment[s] = offsets[s + 1] - offsets[s];
  }
  return { usersInCatchment, cellsInCatchment, covered, nearestSite, nearestDistanceM };
}
