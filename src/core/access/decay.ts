/**
 * How the weight of a destination falls with the travel cost t of reaching it (any unit: minutes,
 * metres). A weight of 0 means the pair does not count at all.
 */
export type Decay =
  /** 1 when t ≤ cutoff (inclusive), else 0: the classic catchment (Luo & Wang 2003). */
  | { kind: 'binary'; cutoff: number }
  /** exp(−β t) (R accessibility `decay_exponential`); 0 beyond `cutoff` when given. */
  | { kind: 'exponential'; beta: number; cutoff?: number }
  /**
   * min(1, t^−β) (R accessibility `decay_power`): t^−β capped at 1, so every t ≤ 1 (t = 0
   * included, where t^−β is infinite) weighs 1; 0 beyond `cutoff` when given.
   */
  | { kind: 'power'; beta: number; cutoff?: number }
  /**
   * Zones (E2SFCA, Luo & Qi 2009; PySAL access `step_fn`): the weight of the first zone whose
   * `upTo` t does not exceed (t ≤ upTo), 0 beyond the last. `steps` ascend in `upTo`.
   */
  | { kind: 'step'; steps: readonly DecayStep[] }
  /**
   * Gaussian on the catchment (Dai 2010): (e^(−½ (t/c)²) − e^(−½)) / (1 − e^(−½)) for t ≤ c, else
   * 0 — 1 at t = 0 falling smoothly to 0 at the cutoff c.
   */
  | { kind: 'gaussian'; cutoff: number };

export interface DecayStep {
  upTo: number;
  weight: number;
}

export type DecayKind = Decay['kind'];
export const DECAY_KINDS: readonly DecayKind[] = ['binary', 'exponential', 'power', 'step', 'gaussian'];

/** Luo & Qi's E2SFCA zones over a catchment of `cutoff`: thirds weighted 1, 0.68, 0.22. */
export function e2sfcaZones(cutoff: number): Decay {
  return {
    kind: 'step',
    steps: [
      { upTo: cutoff / 3, weight: 1 },
      { upTo: (2 * cutoff) / 3, weight: 0.68 },
      { upTo: cutoff, weight: 0.22 },
    ],
  };
}

const GAUSS_EDGE = Math.exp(-0.5);

/** The weight of a pair at cost `t` (t ≥ 0). */
export function weightAt(decay: Decay, t: number): number {
  switch (decay.kind) {
    case 'binary':
      return t <= decay.cutoff ? 1 : 0;
    case 'exponential':
      return decay.cutoff !== undefined && t > decay.cutoff ? 0 : Math.exp(-decay.beta * t);
    case 'power':
      return decay.cutoff !== undefined && t > decay.cutoff ? 0 : Math.min(1, t ** -decay.beta);
    case 'step': {
      for (const step of decay.steps) if (t <= step.upTo) return step.weight;
      return 0;
    }
    case 'gaussian': {
      if (t > decay.cutoff) return 0;
      const x = t / decay.cutoff;
      return (Math.exp(-0.5 * x * x) - GAUSS_EDGE) / (1 - GAUSS_EDGE);
    }
  }
}

/**
 * The weight of every pair of a matrix: `weightAt` for each cost, with the common decays as loops
 * of their own (a switch per pair costs more than the arithmetic on 748,437 pairs).
 */
export function pairWeights(decay: Decay, costs: Float64Array): Float64Array {
  const weights = new Float64Array(costs.length);
  const n = costs.length;
  switch (decay.kind) {
    case 'binary': {
      const c = decay.cutoff;
      for (let p = 0; p < n; p++) weights[p] = costs[p] <= c ? 1 : 0;
      return weights;
    }
    case 'exponential': {
      const { beta } = decay;
      const c = decay.cutoff ?? Infinity;
      for (let p = 0; p < n; p++) weights[p] = costs[p] <= c ? Math.exp(-beta * costs[p]) : 0;
      return weights;
    }
    default:
      for (let p = 0; p < n; p++) weights[p] = weightAt(decay, costs[p]);
      return weights;
  }
}

/** Why a decay cannot be used, or null when it can. */
export function decayProblem(decay: Decay): string | null {
  const nonNegative = (name: string, v: number | undefined) => (v === undefined || (Number.isFinite(v) && v >= 0) ? null : `${name} must be a non-negative number, got ${v}`);
  switch (decay.kind) {
    case 'binary':
      return nonNegative('the cutoff', decay.cutoff);
    case 'gaussian':
      return Number.isFinite(decay.cutoff) && decay.cutoff > 0 ? null : `the Gaussian cutoff must be a positive number, got ${decay.cutoff}`;
    case 'exponential':
    case 'power':
      return nonNegative('β', decay.beta) ?? nonNegative('the cutoff', decay.cutoff);
    case 'step': {
      if (decay.steps.length === 0) return 'a step decay needs at least one zone';
      for (let k = 0; k < decay.steps.length; k++) {
        const { upTo, weight } = decay.steps[k];
        if (!Number.isFinite(upTo) || upTo < 0) return `zone ${k + 1}: its upper cost must be a non-negative number, got ${upTo}`;
        if (!Number.isFinite(weight) || weight < 0) return `zone ${k + 1}: its weight must be a non-negative number, got ${weight}`;
        if (k > 0 && upTo <= decay.steps[k - 1].upTo) return `zone ${k + 1}: upper costs must ascend (${decay.steps[k - 1].upTo}, then ${upTo})`;
      }
      return null;
    }
  }
}

/** A short description for reports: `binary ≤ 50`, `exponential β = 0.1`, … */
export function describeDecay(decay: Decay): string {
  const cut = (c: number | undefined) => (c === undefined ? '' : `, ≤ ${c}`);
  switch (decay.kind) {
    case 'binary':
      return `binary ≤ ${decay.cutoff}`;
    case 'exponential':
      return `exponential β = ${decay.beta}${cut(decay.cutoff)}`;
    case 'power':
      return `power β = ${decay.beta}${cut(decay.cutoff)}`;
    case 'gaussian':
      return `Gaussian to ${decay.cutoff}`;
    case 'step':
      return `steps ${decay.steps.map((s) => `≤ ${+s.upTo.toFixed(6)}: ${s.weight}`).join(', ')}`;
  }
}
