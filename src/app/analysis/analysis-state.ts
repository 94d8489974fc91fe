import type { Evaluation, FacilityType, StandardValues } from '../../core/index.ts';
import type { DistanceMode, EngineOptions } from '../../worker/engine-api.ts';
import { DEFAULT_PRESET_ID } from '../../core/index.ts';

export interface AnalysisParams {
  type: FacilityType;
  presetId: string;
  /** Values the user edited; the rest come from the preset. */
  overrides: Partial<StandardValues>;
  /** Plan-year residents ÷ today's residents. */
  growthFactor: number;
  distance: DistanceMode;
}

export interface AnalysisState {
  params: AnalysisParams;
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
  | { type: 'set-preset'; presetId: string }
  | { type: 'set-override'; key: keyof StandardValues; value: number | undefined }
  | { type: 'set-growth'; growthFactor: number }
  | { type: 'set-distance'; distance: DistanceMode }
  /** Parameters from an opened scenario or a share link. */
  | { type: 'restore'; params: AnalysisParams }
  | { type: 'straight-coverage'; runId: number; coveragePct: number | null }
  | { type: 'started'; runId: number }
  | { type: 'progress'; runId: number; progress: number; message: string }
  | { type: 'finished'; runId: number; result: Evaluation }
  | { type: 'failed'; runId: number; error: string };

export const initialAnalysis: AnalysisState = {
  params: { type: 'primary', presetId: DEFAULT_PRESET_ID, overrides: {}, growthFactor: 1, distance: 'straight' },
  status: 'idle',
  progress: 0,
  message: '',
  result: null,
  straightCoveragePct: null,
  error: null,
  runId: 0,
};

export function analysisReducer(state: AnalysisState, action: AnalysisAction): AnalysisState {
  switch (action.type) {
    case 'set-type':
      // Overrides belong to one facility type's standard; a new type starts from its preset.
      return { ...state, params: { ...state.params, type: action.facilityType, overrides: {} } };
    case 'set-preset':
      return { ...state, params: { ...state.params, presetId: action.presetId, overrides: {} } };
    case 'set-override': {
      const overrides = { ...state.params.overrides };
      if (action.value === undefined) delete overrides[action.key];
      else overrides[action.key] = action.value;
      return { ...state, params: { ...state.params, overrides } };
    }
    case 'set-growth':
      return { ...state, params: { ...state.params, growthFactor: action.growthFactor } };
    case 'set-distance':
      return { ...state, params: { ...state.params, distance: action.distance } };
    case 'restore':
      return { ...state, params: action.params };
    case 'straight-coverage':
      return action.runId === state.runId ? { ...state, straightCoveragePct: action.coveragePct } : state;
    case 'started':
      return { ...state, status: 'running', progress: 0, message: 'starting', error: null, runId: action.runId };
    case 'progress':
      return action.runId === state.runId ? { ...state, progress: action.progress, message: action.message } : state;
    case 'finished':
      return action.runId === state.runId ? { ...state, status: 'done', progress: 1, result: action.result, straightCoveragePct: null } : state;
    case 'failed':
      return action.runId === state.runId ? { ...state, status: 'error', error: action.error } : state;
  }
}

/** What the engine workers are asked for these parameters. */
export function engineOptionsOf(p: AnalysisParams): EngineOptions {
  return { type: p.type, preset: p.presetId, overrides: p.overrides, growthFactor: p.growthFactor, distance: p.distance };
}
