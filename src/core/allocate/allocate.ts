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

/** Pairs as parallel typed arrays, so each sorting pass streams them instead of chasing indices. */
interface Pairs {
  cell: Int32Array;
  site: Int32Array;
  key: Int32Array;
}

/** Stable counting sort of `pairs` by `by` (values 0..buckets-1), carrying the other columns along. */
function countingSort(pairs: Pairs, by: 'cell' | 'key', buckets: number): Pairs {
  const keys = pairs[by];
  const n = keys.length;
  const starts = new Int32Array(buckets + 1);
  for (let q = 0; q < n; q++) starts[keys[q] + 1]++;
  for (let k = 0; k < buckets; k++) starts[k + 1] += starts[k];
  const out: Pairs = { cell: new Int32Array(n), site: new Int32Array(n), key: new Int32Array(n) };
  for (let q = 0; q < n; q++) {
    const to = starts[keys[q]]++;
    out.cell[to] = pairs.cell[q];
    out.site[to] = pairs.site[q];
    out.key[to] = pairs.key[q];
  }
  return out;
}

/** The largest distance in `distancesM` (0 when empty). */
export function longestDistanceM(distancesM: Float64Array): number {
  let longest = 0;
  for (let p = 0; p < distancesM.length; p++) if (distancesM[p] > longest) longest = distancesM[p];
  return longest;
}

/**
 * Sort buckets per metre when the longest pair is `longestM`: the centimetre, coarser only past
 * about 42 km. Exposed because the scale is part of the order: a caller allocating one part of a
 * district (what-if editing) must key its pairs with the whole district's scale.
 */
export function bucketsPerMetre(longestM: number): number {
  return Math.min(100, (MAX_BUCKETS - 1) / Math.max(longestM, 1e-9));
}

/**
 * Capacity-aware, nearest-first allocation. Every (cell, facility) pair in reach is taken in one
 * global order — distance rounded to the centimetre, then the lower cell index, then the facility
 * listed first — and each pair moves min(cell's users still unplaced, facility's seats still
 * free). So the pupils living closest to a school get its seats first, a cell is split when its
 * nearest school fills and the rest go to the next nearest, and the result is the same on every
 * run whatever order the distance rule returned. The order comes from two stable counting sorts
 * (by cell, then by rounded distance): O(pairs + cells), no comparison sort, no per-pair objects.
 * `perM` keys the distances: by default this table's own scale; a part of a larger district (a
 * what-if edit's affected pairs) passes the whole district's, so its order is the whole's.
 */
export function allocate(
  table: ReachTable,
  users: Float64Array,
  capacity: Float64Array,
  perM = bucketsPerMetre(longestDistanceM(table.distancesM)),
): Allocation {
  const { offsets, indices, distancesM } = table;
  const sites = offsets.length - 1;
  const n = indices.length;
  const buckets = Math.floor(longestDistanceM(distancesM) * perM + 0.5) + 1;
  const table0: Pairs = { cell: indices, site: new Int32Array(n), key: new Int32Array(n) };
  for (let s = 0; s < sites; s++) table0.site.fill(s, offsets[s], offsets[s + 1]);
  for (let p = 0; p < n; p++) table0.key[p] = Math.floor(distancesM[p] * perM + 0.5);
  // The table is laid out facility by facility, so the first (stable) sort by cell keeps facility
  // order within a cell, and the second by distance keeps cell-then-facility order within a bucket.
  const ordered = countingSort(countingSort(table0, 'cell', users.length), 'key', buckets);

  const unserved = users.slice();
  const servedBy = new Int32Array(users.length).fill(-1);
  const free = capacity.slice();
  const allocated = new Float64Array(sites);
  for (let q = 0; q < n; q++) {
    const c = ordered.cell[q];
    const s = ordered.site[q];
    const want = unserved[c];
    const left = free[s];
    if (want <= 0 || left <= 0) continue;
    const take = want < left ? want : left;
    unserved[c] = want - take;
    free[s] = left - take;
    allocated[s] += take;
    if (servedBy[c] < 0) servedBy[c] = s;
  }
  // Derived afterwards rather than summed in the loop: one fewer scattered write per pair.
  const served = new Float64Array(users.length);
  for (let c = 0; c < users.length; c++) served[c] = users[c] - unserved[c];
  return { allocated, served, unserved, servedBy };
}
