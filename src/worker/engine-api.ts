import { evaluate, type EvaluateInput, type EvaluateOptions, type Evaluation, type ProgressCallback } from '../core/index.ts';

/**
 * What the worker offers the app: the engine's functions over a district loaded once, so each
 * evaluation sends only its options across the worker boundary.
 */
export function createEngineApi() {
  let district: EvaluateInput | null = null;
  return {
    setDistrict(input: EvaluateInput): void {
      district = input;
    },
    evaluate(options: EvaluateOptions, onProgress?: ProgressCallback): Evaluation {
      if (!district) throw new Error('no district loaded: call setDistrict first');
      return evaluate(district, options, onProgress);
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;
