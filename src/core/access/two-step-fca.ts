import type { ReachTable } from '../types.ts';
import { decayWeight, type DistanceDecay } from './distance-decay.ts';

/**
 * Two-step floating catchment area accessibility (2SFCA; E2SFCA with a step or Gaussian decay).
 * Step 1, per facility j: R_j = capacity_j / Σ_k users_k · W(d_kj) over the cells k in reach.
 * Step 2, per cell i:    A_i = Σ_j R_j · W(d_ij) over the facilities j in reach.
 * A_i is places per user: 1 means as many places as users nearby. A facility whose reachable
 * cells have no users gets R_j = 0 (nobody there to share it, and no division by zero).
 */
export function twoStepFca(
  table: ReachTable,
  users: Float64Array,
  capacity: Float64Array,
  radiusM: number,
  decay: DistanceDecay,
): Float64Array {
  const { offsets, indices, distancesM } = table;
  const sites = offsets.length - 1;
  const weights = new Float64Array(indices.length);
  for (let p = 0; p < indices.length; p++) weights[p] = decayWeight(decay, distancesM[p], radiusM);
  const access = new Float64Array(users.length);
  for (let s = 0; s < sites; s++) {
    let weightedDemand = 0;
    for (let p = offsets[s]; p < offsets[s + 1]; p++) weightedDemand += users[indices[p]] * weights[p];
    if (weightedDemand <= 0) continue;
    const ratio = capacity[s] / weightedDemand;
    for (let p = offsets[s]; p < offsets[s + 1]; p++) access[indices[p]] += ratio * weights[p];
  }
  return access;
}
