/** How a facility's pull fades with distance inside the catchment radius (weights 0..1). */
export type DistanceDecay =
  /** Classic 2SFCA: weight 1 anywhere within the radius. */
  | { kind: 'binary' }
  /**
   * E2SFCA step weights: `steps` in ascending `upToShare` (share of the radius); a distance gets
   * the weight of the first step it does not exceed.
   */
  | { kind: 'step'; steps: readonly { upToShare: number; weight: number }[] }
  /** Gaussian weight, rescaled to 1 at the facility and 0 at the radius. */
  | { kind: 'gaussian' };

/** Luo & Qi's E2SFCA zones: 0–⅓ r weight 1, ⅓–⅔ r 0.68, ⅔–r 0.22 (Gaussian samples). */
export const E2SFCA_STEPS: DistanceDecay = {
  kind: 'step',
  steps: [
    { upToShare: 1 / 3, weight: 1 },
    { upToShare: 2 / 3, weight: 0.68 },
    { upToShare: 1, weight: 0.22 },
  ],
};

const GAUSS_EDGE = Math.exp(-0.5);

/** The weight at `distanceM` for a catchment of `radiusM` (0 beyond it). */
export function decayWeight(decay: DistanceDecay, distanceM: number, radiusM: number): number {
  if (distanceM > radiusM) return 0;
  switch (decay.kind) {
    case 'binary':
      return 1;
    case 'step': {
      const share = distanceM / radiusM;
      for (const step of decay.steps) if (share <= step.upToShare) return step.weight;
      return 0;
    }
    case 'gaussian': {
      const x = distanceM / radiusM;
      return (Math.exp(-0.5 * x * x) - GAUSS_EDGE) / (1 - GAUSS_EDGE);
    }
  }
}
