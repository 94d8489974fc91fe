import { pairWeights } from './decay.ts';
import { gravity } from './gravity.ts';
import type { OdMatrix } from './od-matrix.ts';

/**
 * Cumulative opportunities within a cutoff (R accessibility `cumulative_cutoff`): gravity with the
 * binary decay. Active, per origin i: C_i = Σ_j O_j [t_ij ≤ c], the opportunities it reaches
 * within c (inclusive). Passive, per destination j: Σ_i P_i [t_ij ≤ c], the population that
 * reaches it. `amounts` as for `gravity`.
 */
export function cumulativeOpportunities(matrix: OdMatrix, cutoff: number, amounts: Float64Array, passive = false): Float64Array {
  return gravity(matrix, pairWeights({ kind: 'binary', cutoff }, matrix.costs), amounts, passive);
}
