import { twoStepFca } from '../access/two-step-fca.ts';
import { allocate, type Allocation } from '../allocate/allocate.ts';
import { catchmentStats, type CatchmentStats } from '../catchment/catchment-stats.ts';
import { villageEquity, type Equity } from '../equity/village-equity.ts';
import type { Facility } from '../facilities/facilities.ts';
import type { ProgressCallback, ReachTable } from '../types.ts';
import type { PreparedEvaluation } from './prepare.ts';

/** The per-cell and per-facility numbers of one facility set, as typed arrays (indexed like the inputs). */
export interface Assessment {
  stats: CatchmentStats;
  allocation: Allocation;
  access2sfca: Float64Array;
  accessE2sfca: Float64Array;
  equity: Equity;
}

/**
 * Catchments, capacity-aware allocation, 2SFCA / E2SFCA and village equity for `facilities`, whose
 * reach `table` lists them in the same order. Cheap next to `prepareEvaluation`: linear in the
 * cell–facility pairs and the cells. Reports progress 0.75 to 0.95.
 */
export function assess(
  prepared: PreparedEvaluation,
  facilities: readonly Facility[],
  table: ReachTable,
  progress: ProgressCallback,
): Assessment {
  const { users, standard } = prepared;
  const capacity = Float64Array.from(facilities, (f) => f.capacity);
  const stats = catchmentStats(table, users);

  progress(0.75, 'allocating places');
  const allocation = allocate(table, users, capacity);

  progress(0.85, 'accessibility (2SFCA)');
  const access2sfca = twoStepFca(table, users, capacity, standard.radiusM, { kind: 'binary' });
  const accessE2sfca = twoStepFca(table, users, capacity, standard.radiusM, prepared.decay);

  progress(0.95, 'equity');
  const equity = villageEquity(prepared.cells, prepared.villages, stats.covered, allocation.served, prepared.worstVillageCount);
  return { stats, allocation, access2sfca, accessE2sfca, equity };
}
