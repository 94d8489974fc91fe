import { balancedFloatingCatchment } from './bfca.ts';
import { cumulativeOpportunities } from './cumulative.ts';
import { decayProblem, describeDecay, pairWeights, type Decay } from './decay.ts';
import { floatingCatchment } from './fca.ts';
import { gravity } from './gravity.ts';
import { costToClosest } from './nearest.ts';
import type { OdMatrix } from './od-matrix.ts';

export const ACCESS_METHODS = ['2sfca', 'e2sfca', 'bfca', 'gravity', 'cumulative', 'nearest'] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];

export function isAccessMethod(value: unknown): value is AccessMethod {
  return typeof value === 'string' && (ACCESS_METHODS as readonly string[]).includes(value);
}

/** Which measure, with what it needs. E2SFCA is 2SFCA with a zone decay (`e2sfcaZones`). */
export type AccessSpec =
  | { method: '2sfca' | 'e2sfca' | 'bfca'; decay: Decay }
  | { method: 'gravity'; decay: Decay; passive?: boolean }
  | { method: 'cumulative'; cutoff: number; passive?: boolean }
  | { method: 'nearest'; n: number; maxCost?: number; passive?: boolean };

/** A measure's values: plain data (typed arrays), so it crosses to and from a worker as it is. */
export interface AccessResult {
  method: AccessMethod;
  /** Passive: `values` are per destination (population reaching it); active: per origin. */
  passive: boolean;
  /** The decay or cutoff in words, for reports. */
  description: string;
  values: Float64Array;
}

/** Why a spec cannot be computed, or null. */
export function accessSpecProblem(spec: AccessSpec): string | null {
  switch (spec.method) {
    case '2sfca':
    case 'e2sfca':
    case 'bfca':
    case 'gravity':
      return decayProblem(spec.decay);
    case 'cumulative':
      return Number.isFinite(spec.cutoff) && spec.cutoff >= 0 ? null : `the cutoff must be a non-negative number, got ${spec.cutoff}`;
    case 'nearest':
      if (!(Number.isFinite(spec.n) && spec.n > 0)) return `n must be a positive number, got ${spec.n}`;
      return spec.maxCost === undefined || spec.maxCost >= 0 ? null : `the cutoff must be a non-negative number, got ${spec.maxCost}`;
  }
}

/**
 * One accessibility measure over a sparse matrix. `demand` (P: population, pupils) is per origin,
 * `supply` (S, O: jobs, seats) per destination.
 */
export function computeAccess(spec: AccessSpec, matrix: OdMatrix, demand: Float64Array, supply: Float64Array): AccessResult {
  const problem = accessSpecProblem(spec);
  if (problem) throw new RangeError(problem);
  switch (spec.method) {
    case '2sfca':
    case 'e2sfca': {
      const { access } = floatingCatchment(matrix, pairWeights(spec.decay, matrix.costs), demand, supply);
      return { method: spec.method, passive: false, description: describeDecay(spec.decay), values: access };
    }
    case 'bfca': {
      const { access } = balancedFloatingCatchment(matrix, pairWeights(spec.decay, matrix.costs), demand, supply);
      return { method: 'bfca', passive: false, description: describeDecay(spec.decay), values: access };
    }
    case 'gravity': {
      const passive = spec.passive ?? false;
      const values = gravity(matrix, pairWeights(spec.decay, matrix.costs), passive ? demand : supply, passive);
      return { method: 'gravity', passive, description: describeDecay(spec.decay), values };
    }
    case 'cumulative': {
      const passive = spec.passive ?? false;
      const values = cumulativeOpportunities(matrix, spec.cutoff, passive ? demand : supply, passive);
      return { method: 'cumulative', passive, description: `within ${spec.cutoff}`, values };
    }
    case 'nearest': {
      const passive = spec.passive ?? false;
      const values = costToClosest(matrix, spec.n, passive ? demand : supply, passive, spec.maxCost);
      return { method: 'nearest', passive, description: `to the closest ${spec.n}${spec.maxCost === undefined ? '' : ` within ${spec.maxCost}`}`, values };
    }
  }
}
