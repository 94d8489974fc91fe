import type { ReachTable } from '../types.ts';

/** Who is served where, after seats run out. Typed arrays indexed like the inputs. */
export interface Allocation {
  /** Per facility: users given a place (never above its capacity). */
  allocated: Float64Array;
  /** Per cell: users given a place at some facility in reach. */
  served: Float64Array;
  /** Per cell: users without a place (outside every catchment, or every school in reach full). */
  unserved: Float64Array;
  /** Per cell: the first (nearest) facility that gave it places, -1 if none. */
  servedBy: Int32Array;
}

/** Distances are ordered to the centimetre; beyond this many buckets the step grows. */
const MAX_BUCKETS = 1 << 22;

/**
 * Capacity-aware, nearest-first allocation. Every (cell, facility) pair in reach is taken in one
 * global order — distance rounded to the centimetre, then the facility listed first, then the
 * lower cell index — and each pair moves min(cell's users still unplaced, facility's seats still
 * free). So the pupils living closest to a school get its seats first, a cell is split when its
 * nearest school fills and the rest go to the next nearest, and the result is the same on every
 * run. The order is built with a counting sort on the rounded distance (stable over the table's
 * facility-then-cell layout): O(pairs), no comparison sort, no per-pair objects.
 */
export function allocate(table: ReachTable, users: Float64Array, capacity: Float64Array): Allocation {
  const { offsets, indices, distancesM } = table;
  const sites = offsets.length - 1;
  const pairs = indices.length;
  let maxDistanceM = 0;
  for (let p = 0; p < pairs; p++) if (distancesM[p] > maxDistanceM) maxDistanceM = distancesM[p];
  const perM = Math.min(100, (MAX_BUCKETS - 1) / Math.max(maxDistanceM, 1e-9));
  const buckets = Math.floor(maxDistanceM * perM) + 1;

  const keys = new Int32Array(pairs);
  const starts = new Int32Array(buckets + 1);
  for (let p = 0; p < pairs; p++) {
    const key = Math.floor(distancesM[p] * perM + 0.5);
    const k = key < buckets ? key : buckets - 1;
    keys[p] = k;
    starts[k + 1]++;
  }
  for (let k = 0; k < buckets; k++) starts[k + 1] += starts[k];
  const order = new Int32Array(pairs);
  const siteOf = new Int32Array(pairs);
  for (let s = 0; s < sites; s++) siteOf.fill(s, offsets[s], offsets[s + 1]);
  for (let p = 0; p < pairs; p++) order[starts[keys[p]]++] = p;

  const served = new Float64Array(users.length);
  const unserved = Float64Array.from(users);
  const servedBy = new Int32Array(users.length).fill(-1);
  const free = Float64Array.from(capacity);
  const allocated = new Float64Array(sites);
  for (let q = 0; q < pairs; q++) {
    const p = order[q];
    const c = indices[p];
    const s = siteOf[p];
    const want = unserved[c];
    const left = free[s];
    if (want <= 0 || left <= 0) continue;
    const take = want < left ? want : left;
    unserved[c] = want - take;
    served[c] += take;
    free[s] = left - take;
    allocated[s] += take;
    if (servedBy[c] < 0) servedBy[c] = s;
  }
  return { allocated, served, unserved, servedBy };
}
