import type { AccessSettings, CellAccess, Evaluation, FacilityType, StandardKey } from '../../core/index.ts';
import { DEFAULT_ACCESS_SETTINGS, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings, type DistanceMode, type RegistrationSettings } from '../../core/index.ts';

/**
 * The accessibility measure shown for the analysis (step 3): its own settings, so that changing
 * the measure recomputes only the measure, never the analysis.
 */
export interface AccessState {
  settings: AccessSettings;
  status: 'idle' | 'running' | 'done' | 'error';
  /** Indexed like the analysis result's cells; null until computed for the current result. */
  result: CellAccess | null;
  error: string | null;
  runId: number;
  /** The analysis run (`AnalysisState.runId`) whose cells the result is for. */
  basis: number;
}

export interface AnalysisState {
  /** The engine's settings record, as sent to the worker; only valid values ever get here. */
  settings: AnalysisSettings;
  status: 'idle' | 'running' | 'done' | 'error';
  /** 0..1 while running. */
  progress: number;
  message: string;
  result: Evaluation | null;
  /** The district version (`DataState.version`) the result was computed on: another means it is being redone. */
  resultDistrict: number;
  /** With a walking-network distance: the coverage the same standard gives by straight line. */
  straightCoveragePct: number | null;
  error: string | null;
  /** Increments with every run so a late answer from an older run is ignored. */
  runId: number;
  access: AccessState;
}

export type AnalysisAction =
  | { type: 'set-type'; facilityType: FacilityType }
  | { type: 'set-preset'; preset: string }
  | { type: 'set-override'; key: StandardKey; value: number | undefined }
  | { type: 'set-growth'; growthFactor: number }
  | { type: 'set-distance'; distance: DistanceMode }
  | { type: 'set-registration'; registration: RegistrationSettings }
  /** Settings from an opened scenario or a share link (validated on the way in). */
  | { type: 'restore'; settings: AnalysisSettings }
  | { type: 'straight-coverage'; runId: number; coveragePct: number | null }
  | { type: 'started'; runId: number }
  | { type: 'progress'; runId: number; progress: number; message: string }
  | { type: 'finished'; runId: number; result: Evaluation; districtVersion: number }
  | { type: 'failed'; runId: number; error: string }
  | { type: 'set-access'; patch: Partial<AccessSettings> }
  /** Access settings from an opened scenario or a share link (validated on the way in). */
  | { type: 'restore-access'; settings: AccessSettings }
  | { type: 'access-started'; runId: number; basis: number }
  | { type: 'access-finished'; runId: number; result: CellAccess }
  | { type: 'access-failed'; runId: number; error: string };

export const initialAnalysis: AnalysisState = {
  settings: DEFAULT_ANALYSIS_SETTINGS,
  status: 'idle',
  progress: 0,
  message: '',
  result: null,
  resultDistrict: 0,
  straightCoveragePct: null,
  error: null,
  runId: 0,
  access: { settings: DEFAULT_ACCESS_SETTINGS, status: 'idle', result: null, error: null, runId: 0, basis: 0 },
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
    case 'set-registration':
      return settings({ registration: action.registration });
    case 'restore':
      return { ...state, settings: action.settings };
    case 'straight-coverage':
      return action.runId === state.runId ? { ...state, straightCoveragePct: action.coveragePct } : state;
    case 'started':
      return { ...state, status: 'running', progress: 0, message: '', error: null, runId: action.runId };
    case 'progress':
      return action.runId === state.runId ? { ...state, progress: action.progress, message: action.message } : state;
    case 'finished':
      return action.runId === state.runId ? { ...state, status: 'done', progress: 1, result: action.result, resultDistrict: action.districtVersion, straightCoveragePct: null } : state;
    case 'failed':
      return action.runId === state.runId ? { ...state, status: 'error', error: action.error } : state;
    case 'set-access':
      return { ...state, access: { ...state.access, settings: { ...state.access.settings, ...action.patch } } };
    case 'restore-access':
      return { ...state, access: { ...state.access, settings: action.settings } };
    case 'access-started':
      return { ...state, access: { ...state.access, status: 'running', error: null, runId: action.runId, basis: action.basis } };
    case 'access-finished':
      return action.runId === state.access.runId ? { ...state, access: { ...state.access, status: 'done', result: action.result } } : state;
    case 'access-failed':
      return action.runId === state.access.runId ? { ...state, access: { ...state.access, status: 'error', result: null, error: action.error } } : state;
  }
}

/** The accessibility result for the analysis shown, or null while it is for another (or none). */
export function currentAccess(state: AnalysisState): CellAccess | null {
  const { access } = state;
  return access.status === 'done' && access.basis === state.runId && state.status === 'done' ? access.result : null;
}

/** Same settings (type, preset, edited values, growth, distance): a result made for others is stale. */
export function sameSettings(a: AnalysisSettings | null, b: AnalysisSettings): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
