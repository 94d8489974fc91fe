import type { Recommendation } from '../../core/index.ts';
import { DEFAULT_RECOMMEND_SETTINGS, type AnalysisSettings, type RecommendSettings } from '../../core/index.ts';

export interface RecommendState {
  settings: RecommendSettings;
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress: number;
  message: string;
  result: Recommendation | null;
  /** The analysis settings the result was computed for: a result is stale once they change. */
  basis: AnalysisSettings | null;
  error: string | null;
  runId: number;
  /** Whether the map shows the district with the proposals built or as it is today. */
  view: 'after' | 'before';
}

export type RecommendAction =
  | { type: 'set-param'; settings: Partial<RecommendSettings> }
  | { type: 'restore'; settings: RecommendSettings }
  | { type: 'started'; runId: number; basis: AnalysisSettings }
  | { type: 'progress'; runId: number; progress: number; message: string }
  | { type: 'finished'; runId: number; result: Recommendation }
  | { type: 'failed'; runId: number; error: string }
  | { type: 'cancelled' }
  | { type: 'set-view'; view: RecommendState['view'] }
  /** The district changed (a file was loaded): earlier proposals no longer apply. */
  | { type: 'reset' };

export const initialRecommend: RecommendState = {
  settings: DEFAULT_RECOMMEND_SETTINGS,
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
      return { ...state, settings: { ...state.settings, ...action.settings } };
    case 'restore':
      return { ...state, settings: action.settings };
    case 'started':
      return { ...state, status: 'running', progress: 0, message: '', error: null, runId: action.runId, basis: action.basis };
    case 'progress':
      return action.runId === state.runId ? { ...state, progress: action.progress, message: action.message } : state;
    case 'finished':
      return action.runId === state.runId ? { ...state, status: 'done', progress: 1, result: action.result, view: 'after' } : state;
    case 'failed':
      return action.runId === state.runId ? { ...state, status: 'error', error: action.error } : state;
    case 'cancelled':
      return state.status === 'running' ? { ...state, status: 'cancelled', runId: state.runId + 1, message: '' } : state;
    case 'set-view':
      return { ...state, view: action.view };
    case 'reset':
      return { ...initialRecommend, settings: state.settings, runId: state.runId + 1 };
  }
}
