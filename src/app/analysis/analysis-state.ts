import type { Evaluation, FacilityType, StandardKey } from '../../core/index.ts';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings, type DistanceMode } from '../../core/index.ts';

export interface AnalysisState {
  /** The engine's settings record, as sent to the worker; only valid values ever get here. */
  settings: AnalysisSettings;
  status: 'idle' | 'running' | 'done' | 'error';
  /** 0..1 while running. */
  progress: number;
  message: string;
  result: Evaluation | null;
  /** With a walking-network distance: the coverage the same standard gives by straight line. */
  straightCoveragePct: number | null;
  error: string | null;
  /** Increments with every run so a late answer from an older run is ignored. */
  runId: number;
}

export type AnalysisAction =
  | { type: 'set-type'; facilityType: FacilityType }
  | { type: 'set-preset'; preset: string }
  | { type: 'set-override'; key: StandardKey; value: number | undefined }
  | { type: 'set-growth'; growthFactor: number }
  | { type: 'set-distance'; distance: DistanceMode }
  /** Settings from an opened scenario or a share link (validated on the way in). */
  | { type: 'restore'; settings: AnalysisSettings }
  | { type: 'straight-coverage'; runId: number; coveragePct: number | null }
  | { type: 'started'; runId: number }
  | { type: 'progress'; runId: number; progress: number; message: string }
  | { type: 'finished'; runId: number; result: Evaluation }
  | { type: 'failed'; runId: number; error: string };

export const initialAnalysis: AnalysisState = {
  settings: DEFAULT_ANALYSIS_SETTINGS,
  status: 'idle',
  progress: 0,
  message: '',
  result: null,
  straightCoveragePct: null,
  error: null,
  runId: 0,
};

export function analysisReducer(state: AnalysisState, action: AnalysisAction): AnalysisState {
  const settings = (patch: Partial<AnalysisSettings>): AnalysisState => ({ ...state, settings: { ...state.settings, ...patch } });
  switch (action.type) {
    case 'set-type':
      // Overrides belong to one facility type's standard; a new type starts from its preset.
      return settings({ type: action.facilityType, overrides: {} });
    case 'set-preset':
      return settings({ preset: action.preset, overrides: {} });
    case 'set-override': {
      const overrides = { ...state.settings.overrides };
      if (action.value === undefined) delete overrides[action.key];
      else overrides[action.key] = action.value;
      return settings({ overrides });
    }
    case 'set-growth':
      return settings({ growthFactor: action.growthFactor });
    case 'set-distance':
      return settings({ distance: action.distance });
    case 'restore':
      return { ...state, settings: action.settings };
    case 'straight-coverage':
      return action.runId === state.runId ? { ...state, straightCoveragePct: action.coveragePct } : state;
    case 'started':
      return { ...state, status: 'running', progress: 0, message: '', error: null, runId: action.runId };
    case 'progress':
      return action.runId === state.runId ? { ...state, progress: action.progress, message: action.message } : state;
    case 'finished':
      return action.runId === state.runId ? { ...state, status: 'done', progress: 1, result: action.result, straightCoveragePct: null } : state;
    case 'failed':
      return action.runId === state.runId ? { ...state, status: 'error', error: action.error } : state;
  }
}

/** Same settings (type, preset, edited values, growth, distance): a result made for others is stale. */
export function sameSettings(a: AnalysisSettings | null, b: AnalysisSettings): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
