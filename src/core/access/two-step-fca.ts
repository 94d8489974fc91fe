import type { ReachTable } from '../types.ts';
import { decayWeight, type DistanceDecay } from './distance-decay.ts';
import { floatingCatchment } from './fca.ts';
import { odFromReachTable } from './od-matrix.ts';

/**
 * The app's 2SFCA / E2SFCA on catchments: `floatingCatchment` over the ReachTable read as a
 * sparse matrix (sites the destinations, cells the origins), weighted by the radius-relative
 * `decay`. A_i is places per user: 1 means as many places as users nearby; a facility whose
 * reachable cells have no users gets R_j = 0.
 */
export function twoStepFca(table: ReachTable, users: Float64Array, capacity: Float64Array, radiusM: number, decay: DistanceDecay): Float64Array {
  const matrix = odFromReachTable(table, users.length);
  const weights = new Float64Array(matrix.costs.length);
  for (let p = 0; p < weights.length; p++) weights[p] = decayWeight(decay, matrix.costs[p], radiusM);
  return floatingCatchment(matrix, weights, users, capacity).access;
}
