import type { OdMatrix } from './od-matrix.ts';

/** A floating catchment result: per origin and per destination. */
export interface FcaResult {
  /** A_i per origin: supply per unit of demand within reach (0 where nothing is reached). */
  access: Float64Array;
  /** R_j per destination: its supply over the (weighted) demand that reaches it; 0 when none does. */
  ratios: Float64Array;
  /** The (weighted) demand reaching each destination: Σ_i P_i W_ij. */
  demandReached: Float64Array;
}

/**
 * Two-step floating catchment area (2SFCA, Luo & Wang 2003; with zone weights E2SFCA, Luo & Qi
 * 2009; with any decay, as R accessibility's `floating_catchment_area(method = "2sfca")`):
 *   step 1, per destination j: R_j = S_j / Σ_i P_i W_ij
 *   step 2, per origin i:      A_i = Σ_j R_j W_ij
 * over the pairs of `matrix`, W_ij = `weights` of the pair. `demand` P is per origin, `supply` S
 * per destination. Only origins in the matrix compete, since only they have pairs. A destination
 * nobody with demand reaches gets R_j = 0 (nothing to share; R gives Inf/NaN there).
 * Σ_i P_i A_i = Σ_j S_j over the destinations some demand reaches.
 */
export function floatingCatchment(matrix: OdMatrix, weights: Float64Array, demand: Float64Array, supply: Float64Array): FcaResult {
  const { origins, destinations } = matrix;
  const demandReached = new Float64Array(matrix.destinationCount);
  for (let p = 0; p < origins.length; p++) demandReached[destinations[p]] += demand[origins[p]] * weights[p];
  const ratios = new Float64Array(matrix.destinationCount);
  for (let j = 0; j < ratios.length; j++) if (demandReached[j] > 0) ratios[j] = supply[j] / demandReached[j];
  const access = new Float64Array(matrix.originCount);
  for (let p = 0; p < origins.length; p++) access[origins[p]] += ratios[destinations[p]] * weights[p];
  return { access, ratios, demandReached };
}
