import type { OdMatrix } from './od-matrix.ts';

/** A balanced floating catchment result. */
export interface BfcaResult {
  /** A_i per origin: the level of service of the destinations it reaches, in its share of them. */
  access: Float64Array;
  /** L_j per destination: supply over the demand allocated to it; 0 when none is. */
  levelOfService: Float64Array;
  /** P̂_j per destination: the demand allocated to it, Σ_i P_i G_ij. */
  demandAllocated: Float64Array;
}

/**
 * Balanced floating catchment area (BFCA; Paez, Higgins & Vivona 2019; named by Pereira et al.
 * 2021; as R accessibility's `floating_catchment_area(method = "bfca")`). The weights are balanced
 * twice so that neither demand nor level of service is counted more than once:
 *   G_ij = W_ij / Σ_j' W_ij'  (each origin's demand split over its destinations)
 *   H_ij = W_ij / Σ_i' W_i'j  (each destination's service split over its origins)
 *   P̂_j = Σ_i P_i G_ij,  L_j = S_j / P̂_j,  A_i = Σ_j L_j H_ij.
 * So Σ_j P̂_j = Σ_i P_i (over origins with a positive weight somewhere) and Σ_i A_i = Σ_j L_j
 * (over destinations with a positive weight somewhere). An origin or destination whose weights
 * are all 0 takes part in nothing; L_j = 0 where P̂_j = 0.
 */
export function balancedFloatingCatchment(matrix: OdMatrix, weights: Float64Array, demand: Float64Array, supply: Float64Array): BfcaResult {
  const { origins, destinations } = matrix;
  const originWeight = new Float64Array(matrix.originCount);
  const destinationWeight = new Float64Array(matrix.destinationCount);
  for (let p = 0; p < origins.length; p++) {
    originWeight[origins[p]] += weights[p];
    destinationWeight[destinations[p]] += weights[p];
  }
  const demandAllocated = new Float64Array(matrix.destinationCount);
  for (let p = 0; p < origins.length; p++) {
    const w = weights[p];
    if (w > 0) demandAllocated[destinations[p]] += (demand[origins[p]] * w) / originWeight[origins[p]];
  }
  const levelOfService = new Float64Array(matrix.destinationCount);
  for (let j = 0; j < levelOfService.length; j++) if (demandAllocated[j] > 0) levelOfService[j] = supply[j] / demandAllocated[j];
  const access = new Float64Array(matrix.originCount);
  for (let p = 0; p < origins.length; p++) {
    const w = weights[p];
    if (w > 0) access[origins[p]] += (levelOfService[destinations[p]] * w) / destinationWeight[destinations[p]];
  }
  return { access, levelOfService, demandAllocated };
}
