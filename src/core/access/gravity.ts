import type { OdMatrix } from './od-matrix.ts';

/**
 * Gravity accessibility (Hansen 1959; R accessibility `gravity`). Active, per origin i: the
 * opportunities it reaches, each discounted by the pair's weight, A_i = Σ_j O_j W_ij. Passive
 * (`passive`), per destination j: the population that reaches it, B_j = Σ_i P_i W_ij — pass the
 * population as `amounts` then. `amounts` are per destination (active) or per origin (passive).
 */
export function gravity(matrix: OdMatrix, weights: Float64Array, amounts: Float64Array, passive = false): Float64Array {
  const { origins, destinations } = matrix;
  if (passive) {
    const reached = new Float64Array(matrix.destinationCount);
    for (let p = 0; p < origins.length; p++) reached[destinations[p]] += amounts[origins[p]] * weights[p];
    return reached;
  }
  const access = new Float64Array(matrix.originCount);
  for (let p = 0; p < origins.length; p++) access[origins[p]] += amounts[destinations[p]] * weights[p];
  return access;
}
