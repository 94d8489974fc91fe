import type { DistanceDecay } from '../access/distance-decay.ts';
import { twoStepFca } from '../access/two-step-fca.ts';
import { allocate, bucketsPerMetre, longestDistanceM, type Allocation } from '../allocate/allocate.ts';
import { catchmentStats, type CatchmentStats } from '../catchment/catchment-stats.ts';
import { villageEquity, type Equity } from '../equity/village-equity.ts';
import type { Facility } from '../facilities/facilities.ts';
import type { ProgressCallback, ReachTable } from '../types.ts';
import type { PreparedEvaluation } from './prepare.ts';

/** The per-cell and per-facility numbers that follow from the reach table alone. */
export interface PairAssessment {
  stats: CatchmentStats;
  allocation: Allocation;
  access2sfca: Float64Array;
  accessE2sfca: Float64Array;
}

/** The per-cell and per-facility numbers of one facility set, as typed arrays (indexed like the inputs). */
export interface Assessment extends PairAssessment {
  equity: Equity;
}

/**
 * Catchments, capacity-aware allocation and 2SFCA / E2SFCA over `table`. Every number of a cell
 * or a facility comes from its own pairs only, so a table holding whole connected parts of a
 * district (every pair of each of its cells and facilities) gives them exactly as the whole
 * district's table does — given the whole's allocation scale `perM`. What-if editing relies on it.
 */
export function assessPairs(
  table: ReachTable,
  users: Float64Array,
  capacity: Float64Array,
  radiusM: number,
  decay: DistanceDecay,
  perM = bucketsPerMetre(longestDistanceM(table.distancesM)),
  progress: ProgressCallback = () => undefined,
  allocator: typeof allocate = allocate,
): PairAssessment {
  const stats = catchmentStats(table, users);

  progress(0.75, 'allocating places');
  const allocation = allocator(table, users, capacity, perM);

  progress(0.85, 'accessibility (2SFCA)');
  const access2sfca = twoStepFca(table, users, capacity, radiusM, { kind: 'binary' });
  const accessE2sfca = twoStepFca(table, users, capacity, radiusM, decay);
  return { stats, allocation, access2sfca, accessE2sfca };
}

/**
 * Catchments, capacity-aware allocation, 2SFCA / E2SFCA and village equity for `facilities`, whose
 * reach `table` lists them in the same order. Cheap next to `prepareEvaluation`: linear in the
 * cell–facility pairs and the cells. Reports progress 0.75 to 0.95. `allocator` replaces the
 * nearest-first allocation (registered-first admission, src/core/registration).
 */
export function assess(
  prepared: PreparedEvaluation,
  facilities: readonly Facility[],
  table: ReachTable,
  progress: ProgressCallback,
  allocator?: typeof allocate,
): Assessment {
  const { users, standard } = prepared;
  const capacity = Float64Array.from(facilities, (f) => f.capacity);
  const pairs = assessPairs(table, users, capacity, standard.radiusM, prepared.decay, undefined, progress, allocator);

  progress(0.95, 'equity');
  const equity = villageEquity(prepared.cells, prepared.villages, pairs.stats.covered, pairs.allocation.served, prepared.worstVillageCount);
  return { ...pairs, equity };
}
