import { allocate, bucketsPerMetre, longestDistanceM, type Allocation } from '../allocate/allocate.ts';
import type { ReachTable } from '../types.ts';

/** A registered-first allocation: the combined result, and each group's part of it. */
export interface GroupAllocation extends Allocation {
  /** Per cell: registered residents' users given a place. */
  registeredServed: Float64Array;
  /** Per cell: migrants' users given a place. */
  migrantServed: Float64Array;
}

/**
 * Hukou-based admission: every school first admits the registered pupils of its catchment
 * (nearest first, as `allocate` orders pairs), then migrants' children take the seats left, in the
 * same order. Two passes of `allocate` over the same pairs at the same distance scale, so within
 * each group the order is exactly the default allocation's. `servedBy` is the school that gave
 * the cell's registered pupils places, else its migrants'.
 */
export function allocateRegisteredFirst(
  table: ReachTable,
  registeredUsers: Float64Array,
  migrantUsers: Float64Array,
  capacity: Float64Array,
  perM = bucketsPerMetre(longestDistanceM(table.distancesM)),
): GroupAllocation {
  const first = allocate(table, registeredUsers, capacity, perM);
  const left = new Float64Array(capacity.length);
  for (let s = 0; s < capacity.length; s++) left[s] = Math.max(0, capacity[s] - first.allocated[s]);
  const second = allocate(table, migrantUsers, left, perM);
  const n = registeredUsers.length;
  const served = new Float64Array(n);
  const unserved = new Float64Array(n);
  const servedBy = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    served[c] = first.served[c] + second.served[c];
    unserved[c] = first.unserved[c] + second.unserved[c];
    servedBy[c] = first.servedBy[c] >= 0 ? first.servedBy[c] : second.servedBy[c];
  }
  const allocated = new Float64Array(capacity.length);
  for (let s = 0; s < capacity.length; s++) allocated[s] = first.allocated[s] + second.allocated[s];
  return { allocated, served, unserved, servedBy, registeredServed: first.served, migrantServed: second.served };
}
