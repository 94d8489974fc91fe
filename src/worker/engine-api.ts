import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  evaluate,
  recommendSites,
  type EvaluateInput,
  type EvaluateOptions,
  type Evaluation,
  type ProgressCallback,
  type Recommendation,
  type RecommendOptions,
  type SolveOptions,
} from '../core/index.ts';

/** A district as the worker keeps it: the evaluated layers and where nothing may be built. */
export interface DistrictInput extends EvaluateInput {
  exclusions?: Feature<Polygon | MultiPolygon>[];
}

/**
 * What the worker offers the app: the engine's functions over a district loaded once, so each
 * call sends only its options across the worker boundary.
 */
export function createEngineApi(env: { loadHighs?: SolveOptions['loadHighs'] } = {}) {
  let district: DistrictInput | null = null;
  const loaded = (): DistrictInput => {
    if (!district) throw new Error('no district loaded: call setDistrict first');
    return district;
  };
  return {
    setDistrict(input: DistrictInput): void {
      district = input;
    },
    evaluate(options: EvaluateOptions, onProgress?: ProgressCallback): Evaluation {
      return evaluate(loaded(), options, onProgress);
    },
    recommend(evalOptions: EvaluateOptions, options: RecommendOptions, onProgress?: ProgressCallback): Promise<Recommendation> {
      const d = loaded();
      return recommendSites(d, evalOptions, { exclude: d.exclusions, loadHighs: env.loadHighs, ...options }, onProgress);
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;
