import { useCallback, useReducer, useRef } from 'react';
import type { EngineClient } from '../../worker/client.ts';
import { engineOptionsOf, type AnalysisParams } from './analysis-state.ts';
import { initialRecommend, recommendOptionsOf, recommendReducer, type RecommendAction, type RecommendState } from './recommend-state.ts';

/**
 * Runs the siting optimizer in its own worker (so editing the analysis never kills it), with
 * progress, and a cancel that stops it at once by restarting that worker.
 */
export function useRecommend(engine: EngineClient | null) {
  const [state, dispatch] = useReducer(recommendReducer, initialRecommend);
  const runIdRef = useRef(0);

  const run = useCallback(
    (basis: AnalysisParams) => {
      if (!engine) return;
      const runId = ++runIdRef.current;
      dispatch({ type: 'started', runId, basis });
      engine
        .recommend(
          engineOptionsOf(basis),
          recommendOptionsOf(state.params),
          (progress, message) => dispatch({ type: 'progress', runId, progress, message: message ?? '' }),
        )
        .then(
          (result) => dispatch({ type: 'finished', runId, result }),
          (err: unknown) => dispatch({ type: 'failed', runId, error: err instanceof Error ? err.message : String(err) }),
        );
    },
    [engine, state.params],
  );

  const cancel = useCallback(() => {
    runIdRef.current++;
    engine?.cancel();
    dispatch({ type: 'cancelled' });
  }, [engine]);

  return { state, dispatch: dispatch as (a: RecommendAction) => void, run, cancel } satisfies {
    state: RecommendState;
    dispatch: (a: RecommendAction) => void;
    run: (basis: AnalysisParams) => void;
    cancel: () => void;
  };
}
