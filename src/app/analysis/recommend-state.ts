import type { CurvePoint, Recommendation } from '../../core/index.ts';

/** The coverage curve: the chosen model's plan for p = 0 … maxP new sites, growing point by point. */
export interface CurveState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  /** The most new sites asked for (1 … 50). */
  maxP: number;
  points: CurvePoint[];
  progress: number;
  /** The analysis and optimizer settings the points were made for: stale once either changes. */
  basis: { analysis: AnalysisSettings; recommend: RecommendSettings } | null;
  error: string | null;
  runId: number;
}
import { DEFAULT_RECOMMEND_SETTINGS, type AnalysisSettings, type HukouCounterfactual, type RecommendSettings } from '../../core/index.ts';

/** The Hukou-only plan against the residential plan (both judged against every resident). */
export interface HukouState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress: number;
  result: HukouCounterfactual | null;
  /** The settings the plans were made for: stale once either changes. */
  basis: { analysis: AnalysisSettings; recommend: RecommendSettings } | null;
  error: string | null;
  runId: number;
}

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
  curve: CurveState;
  hukou: HukouState;
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
  | { type: 'reset' }
  | { type: 'curve-max'; maxP: number }
  | { type: 'curve-started'; runId: number; basis: NonNullable<CurveState['basis']> }
  | { type: 'curve-point'; runId: number; point: CurvePoint }
  | { type: 'curve-progress'; runId: number; progress: number }
  /** The answer's points are the whole curve: a point heard late on its own port changes nothing. */
  | { type: 'curve-finished'; runId: number; points: CurvePoint[] }
  | { type: 'curve-failed'; runId: number; error: string }
  | { type: 'curve-cancelled' }
  | { type: 'hukou-started'; runId: number; basis: NonNullable<HukouState['basis']> }
  | { type: 'hukou-progress'; runId: number; progress: number }
  | { type: 'hukou-finished'; runId: number; result: HukouCounterfactual }
  | { type: 'hukou-failed'; runId: number; error: string }
  | { type: 'hukou-cancelled' };

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
  curve: { status: 'idle', maxP: 10, points: [], progress: 0, basis: null, error: null, runId: 0 },
  hukou: { status: 'idle', progress: 0, result: null, basis: null, error: null, runId: 0 },
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
      return {
        ...initialRecommend,
        settings: state.settings,
        runId: state.runId + 1,
        curve: { ...initialRecommend.curve, maxP: state.curve.maxP, runId: state.curve.runId + 1 },
        hukou: { ...initialRecommend.hukou, runId: state.hukou.runId + 1 },
      };
    case 'curve-max':
      return { ...state, curve: { ...state.curve, maxP: action.maxP } };
    case 'curve-started':
      return { ...state, curve: { ...state.curve, status: 'running', points: [], progress: 0, basis: action.basis, error: null, runId: action.runId } };
    case 'curve-point':
      return action.runId === state.curve.runId && state.curve.status === 'running' ? { ...state, curve: { ...state.curve, points: [...state.curve.points, action.point] } } : state;
    case 'curve-progress':
      return action.runId === state.curve.runId ? { ...state, curve: { ...state.curve, progress: action.progress } } : state;
    case 'curve-finished':
      return action.runId === state.curve.runId ? { ...state, curve: { ...state.curve, status: 'done', progress: 1, points: action.points } } : state;
    case 'curve-failed':
      return action.runId === state.curve.runId ? { ...state, curve: { ...state.curve, status: 'error', error: action.error } } : state;
    case 'curve-cancelled':
      return state.curve.status === 'running' ? { ...state, curve: { ...state.curve, status: 'cancelled', runId: state.curve.runId + 1 } } : state;
    case 'hukou-started':
      return { ...state, hukou: { status: 'running', progress: 0, result: null, basis: action.basis, error: null, runId: action.runId } };
    case 'hukou-progress':
      return action.runId === state.hukou.runId ? { ...state, hukou: { ...state.hukou, progress: action.progress } } : state;
    case 'hukou-finished':
      return action.runId === state.hukou.runId ? { ...state, hukou: { ...state.hukou, status: 'done', progress: 1, result: action.result } } : state;
    case 'hukou-failed':
      return action.runId === state.hukou.runId ? { ...state, hukou: { ...state.hukou, status: 'error', error: action.error } } : state;
    case 'hukou-cancelled':
      return state.hukou.status === 'running' ? { ...state, hukou: { ...state.hukou, status: 'cancelled', runId: state.hukou.runId + 1 } } : state;
  }
}
