import type { AnalysisSettings, ZoneEditUpdate, ZoneOutline } from '../../core/index.ts';
import type { ZoneDesignView, ZoneEvaluationView } from '../../worker/engine-api.ts';

/** Which schools a design is for: today's, or today's and the plan's proposed sites. */
export type ZonePlan = 'today' | 'proposals';

export interface ZoneDesignSettings {
  plan: ZonePlan;
  mode: 'fast' | 'exact';
  maxUtilisation: number;
}

/** A design as the app keeps it: the worker's answer, with the outlines, figures and assignment patched by every hand edit. */
export interface ZoneDesignState {
  view: ZoneDesignView;
  /** The analysis and plan it was designed for. */
  basis: AnalysisSettings;
  settings: ZoneDesignSettings;
  outlines: Record<string, ZoneOutline | null>;
  update: ZoneEditUpdate;
}

/** Attendance zones: the official zones' evaluation, the design, and hand edits in flight. */
export interface ZonesState {
  official: { status: 'idle' | 'running' | 'done' | 'failed'; result: ZoneEvaluationView | null; basis: AnalysisSettings | null; error: string | null };
  design: { status: 'idle' | 'running' | 'done' | 'failed'; result: ZoneDesignState | null; error: string | null; progress: number; runId: number };
  settings: ZoneDesignSettings;
  /** Hand editing: a drag on the map moves cells between zones. */
  editing: boolean;
  /** An edit sent and not answered yet. */
  pending: boolean;
  /** The box being dragged on the map, [west, south, east, north]. */
  dragBox: [number, number, number, number] | null;
  /** The official zones left of the swipe divider, the design right of it. */
  swipe: boolean;
}

export type ZonesAction =
  | { type: 'official-started'; basis: AnalysisSettings }
  | { type: 'official-done'; basis: AnalysisSettings; result: ZoneEvaluationView }
  | { type: 'official-failed'; basis: AnalysisSettings; error: string }
  | { type: 'set-settings'; settings: Partial<ZoneDesignSettings> }
  | { type: 'design-started'; runId: number }
  | { type: 'design-progress'; runId: number; progress: number }
  | { type: 'design-done'; runId: number; basis: AnalysisSettings; view: ZoneDesignView }
  | { type: 'design-failed'; runId: number; error: string }
  | { type: 'design-cleared' }
  | { type: 'set-editing'; on: boolean }
  | { type: 'edit-sent' }
  | { type: 'drag-box'; box: [number, number, number, number] | null }
  | { type: 'set-swipe'; on: boolean }
  /** A hand edit or its undoing answered (null: nothing to undo). */
  | { type: 'edited'; update: ZoneEditUpdate | null };

export const initialZones: ZonesState = {
  official: { status: 'idle', result: null, basis: null, error: null },
  design: { status: 'idle', result: null, error: null, progress: 0, runId: 0 },
  settings: { plan: 'today', mode: 'fast', maxUtilisation: 1 },
  editing: false,
  pending: false,
  dragBox: null,
  swipe: false,
};

/** The design with an edit applied: the figures replaced, the outlines of the zones it touched replaced. */
function applyEdit(design: ZoneDesignState, update: ZoneEditUpdate): ZoneDesignState {
  return { ...design, outlines: { ...design.outlines, ...update.outlines }, update };
}

export function zonesReducer(state: ZonesState, action: ZonesAction): ZonesState {
  switch (action.type) {
    case 'official-started':
      return { ...state, official: { ...state.official, status: 'running', basis: action.basis, error: null } };
    case 'official-done':
      return state.official.basis === action.basis ? { ...state, official: { status: 'done', result: action.result, basis: action.basis, error: null } } : state;
    case 'official-failed':
      return state.official.basis === action.basis ? { ...state, official: { status: 'failed', result: null, basis: action.basis, error: action.error } } : state;
    case 'set-settings':
      return { ...state, settings: { ...state.settings, ...action.settings } };
    case 'design-started':
      return { ...state, design: { ...state.design, status: 'running', error: null, progress: 0, runId: action.runId }, editing: false, pending: false };
    case 'design-progress':
      return action.runId === state.design.runId ? { ...state, design: { ...state.design, progress: action.progress } } : state;
    case 'design-done':
      if (action.runId !== state.design.runId) return state;
      return {
        ...state,
        design: {
          ...state.design,
          status: 'done',
          result: { view: action.view, basis: action.basis, settings: state.settings, outlines: action.view.outlines, update: action.view.update },
          error: null,
          progress: 1,
        },
      };
    case 'design-failed':
      return action.runId === state.design.runId ? { ...state, design: { ...state.design, status: 'failed', error: action.error } } : state;
    case 'design-cleared':
      return { ...state, design: { ...initialZones.design, runId: state.design.runId + 1 }, editing: false, pending: false, swipe: false };
    case 'set-editing':
      return { ...state, editing: action.on && state.design.result !== null };
    case 'edit-sent':
      return { ...state, pending: true, dragBox: null };
    case 'drag-box':
      return { ...state, dragBox: action.box };
    case 'set-swipe':
      return { ...state, swipe: action.on && state.design.result !== null && state.official.result !== null };
    case 'edited': {
      const result = state.design.result;
      if (!result || !action.update) return { ...state, pending: false };
      return { ...state, pending: false, design: { ...state.design, result: applyEdit(result, action.update) } };
    }
  }
}
