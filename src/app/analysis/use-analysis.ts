import { useEffect, useReducer, useRef } from 'react';
import type { EngineClient } from '../../worker/client.ts';
import { analysisReducer, engineOptionsOf, initialAnalysis, type AnalysisState, type AnalysisAction } from './analysis-state.ts';

const DEBOUNCE_MS = 200;

/**
 * Runs the engine in the worker whenever the parameters change. A newer run cancels an older one
 * still in the worker, so the numbers shown always belong to the parameters shown.
 */
export function useAnalysis(engine: EngineClient | null, districtVersion: number): [AnalysisState, (a: AnalysisAction) => void] {
  const [state, dispatch] = useReducer(analysisReducer, initialAnalysis);
  const runIdRef = useRef(0);
  const runningRef = useRef(false);

  useEffect(() => {
    if (!engine) return;
    const timer = setTimeout(() => {
      if (runningRef.current) engine.cancel();
      const runId = ++runIdRef.current;
      runningRef.current = true;
      dispatch({ type: 'started', runId });
      const options = engineOptionsOf(state.params);
      const { distance } = options;
      engine
        .evaluate(options, (progress, message) => dispatch({ type: 'progress', runId, progress, message: message ?? '' }))
        .then(
          async (result) => {
            dispatch({ type: 'finished', runId, result });
            // Walking distance: say how far it is from the straight-line figure planners know.
            if (distance !== 'straight') {
              const straight = await engine.evaluate({ ...options, distance: 'straight' });
              dispatch({ type: 'straight-coverage', runId, coveragePct: straight.summary.coveragePct });
            }
          },
          (err: unknown) => dispatch({ type: 'failed', runId, error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => {
          if (runId === runIdRef.current) runningRef.current = false;
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [engine, districtVersion, state.params]);

  return [state, dispatch];
}
