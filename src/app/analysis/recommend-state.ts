import type { Recommendation, RecommendModel, RecommendOptions } from '../../core/index.ts';
import type { AnalysisParams } from './analysis-state.ts';

export interface RecommendParams {
  model: RecommendModel;
  /** New sites (all models but LSCP). */
  p: number;
  /** LSCP coverage target, percent. */
  targetPct: number;
  candidateSpacingM: number;
  solver: 'heuristic' | 'exact';
  /** Heuristic improvement rounds. */
  iterations: number;
  /** Exact solver time limit, seconds. */
  timeLimitS: number;
}

export interface RecommendState {
  params: RecommendParams;
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress: number;
  message: string;
  result: Recommendation | null;
  /** The analysis parameters the result was computed for: a result is stale once they change. */
  basis: AnalysisParams | null;
  error: string | null;
  runId: number;
  /** Whether the map shows the district with the proposals built or as it is today. */
  view: 'after' | 'before';
}

export type RecommendAction =
  | { type: 'set-param'; params: Partial<RecommendParams> }
  | { type: 'started'; runId: number; basis: AnalysisParams }
  | { type: 'progress'; runId: number; progress: number; message: string }
  | { type: 'finished'; runId: number; result: Recommendation }
  | { type: 'failed'; runId: number; error: string }
  | { type: 'cancelled' }
  | { type: 'set-view'; view: RecommendState['view'] }
  /** The district changed (a file was loaded): earlier proposals no longer apply. */
  | { type: 'reset' };

export const initialRecommend: RecommendState = {
  params: { model: 'cmclp', p: 8, targetPct: 90, candidateSpacingM: 250, solver: 'heuristic', iterations: 2, timeLimitS: 30 },
  status: 'idle',
  progress: 0,
  message: '',
  result: null,
  basis: null,
  error: null,
  runId: 0,
  view: 'after',
};

export function recommendReducer(state: RecommendState, action: RecommendAction): RecommendState {
  switch (action.type) {
    case 'set-param':
      return { ...state, params: { ...state.params, ...action.params } };
    case 'started':
      return { ...state, status: 'running', progress: 0, message: 'starting', error: null, runId: action.runId, basis: action.basis };
    case 'progress':
      return action.runId === state.runId ? { ...state, progress: action.progress, message: action.message } : state;
    case 'finished':
      return action.runId === state.runId ? { ...state, status: 'done', progress: 1, result: action.result, view: 'after' } : state;
    case 'failed':
      return action.runId === state.runId ? { ...state, status: 'error', error: action.error } : state;
    case 'cancelled':
      return { ...state, status: 'cancelled', runId: state.runId + 1, message: '' };
    case 'set-view':
      return { ...state, view: action.view };
    case 'reset':
      return { ...initialRecommend, params: state.params, runId: state.runId + 1 };
  }
}

/** Same analysis parameters (type, preset, edited values, growth) as the recommendation was made for. */
export function sameBasis(a: AnalysisParams | null, b: AnalysisParams): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** The optimizer's options for these parameters. */
export function recommendOptionsOf(p: RecommendParams): RecommendOptions {
  return {
    model: p.model,
    p: p.p,
    target: p.targetPct / 100,
    candidateSpacingM: p.candidateSpacingM,
    solver: p.solver,
    iterations: p.iterations,
    timeLimitS: p.timeLimitS,
  };
}
