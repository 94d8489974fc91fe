import type { Evaluation, LngLat, ProposedSite, WhatIfUpdate } from '../../core/index.ts';
import type { AnalysisParams } from '../analysis/analysis-state.ts';

/** A proposed site as the planner edits it; a locked one stays when the optimizer runs again. */
export interface EditorSite extends ProposedSite {
  locked: boolean;
}

export interface WhatIfState {
  active: boolean;
  status: 'idle' | 'starting' | 'ready' | 'error';
  /** The analysis the session answers for. */
  basis: AnalysisParams | null;
  sites: EditorSite[];
  selectedId: string | null;
  /** Earlier site lists, newest last; redo holds the undone ones. */
  undo: EditorSite[][];
  redo: EditorSite[][];
  /** The live evaluation: the session's last full answer with every update applied. */
  evaluation: Evaluation | null;
  revision: number;
  error: string | null;
  /** For the next site's id (P1, P2, …), never reused within a session. */
  nextNumber: number;
}

export type WhatIfAction =
  | { type: 'start'; basis: AnalysisParams; sites: EditorSite[] }
  | { type: 'started'; evaluation: Evaluation }
  | { type: 'update'; update: WhatIfUpdate }
  | { type: 'failed'; error: string }
  | { type: 'stop' }
  /** A finished edit: the site list before it goes on the undo stack. */
  | { type: 'commit'; sites: EditorSite[] }
  /** A step of a drag: no history until it ends. */
  | { type: 'drag'; id: string; lngLat: LngLat }
  | { type: 'drag-end'; before: EditorSite[] }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; id: string | null };

export const initialWhatIf: WhatIfState = {
  active: false,
  status: 'idle',
  basis: null,
  sites: [],
  selectedId: null,
  undo: [],
  redo: [],
  evaluation: null,
  revision: -1,
  error: null,
  nextNumber: 1,
};

/** Applies an update's summary, facility rows and changed cells to the live evaluation. */
export function applyUpdate(evaluation: Evaluation, update: WhatIfUpdate): Evaluation {
  const cells = evaluation.cells.slice();
  for (const change of update.cells) cells[change.index] = change.cell;
  return { ...evaluation, summary: update.summary, facilities: update.facilities, cells, warnings: update.warnings ?? evaluation.warnings };
}

const numberOf = (id: string) => (/^P(\d+)$/.exec(id) ? Number(/^P(\d+)$/.exec(id)![1]) : 0);

export function whatIfReducer(state: WhatIfState, action: WhatIfAction): WhatIfState {
  switch (action.type) {
    case 'start':
      return {
        ...initialWhatIf,
        active: true,
        status: 'starting',
        basis: action.basis,
        sites: action.sites,
        undo: state.active ? state.undo : [],
        redo: state.active ? state.redo : [],
        nextNumber: Math.max(state.nextNumber, ...action.sites.map((s) => numberOf(s.id) + 1)),
      };
    case 'started':
      return { ...state, status: 'ready', evaluation: action.evaluation, revision: -1, error: null };
    case 'update':
      if (!state.evaluation || action.update.revision <= state.revision) return state;
      return { ...state, evaluation: applyUpdate(state.evaluation, action.update), revision: action.update.revision, error: null };
    case 'failed':
      return { ...state, status: state.evaluation ? 'ready' : 'error', error: action.error };
    case 'stop':
      return { ...initialWhatIf, nextNumber: state.nextNumber };
    case 'commit':
      return {
        ...state,
        undo: [...state.undo, state.sites],
        redo: [],
        sites: action.sites,
        nextNumber: Math.max(state.nextNumber, ...action.sites.map((s) => numberOf(s.id) + 1)),
      };
    case 'drag':
      return { ...state, sites: state.sites.map((s) => (s.id === action.id ? { ...s, lngLat: action.lngLat } : s)) };
    case 'drag-end':
      // A press on a site without moving it selects it and leaves no history.
      return action.before === state.sites ? state : { ...state, undo: [...state.undo, action.before], redo: [] };
    case 'undo': {
      const previous = state.undo.at(-1);
      if (!previous) return state;
      return { ...state, sites: previous, undo: state.undo.slice(0, -1), redo: [...state.redo, state.sites] };
    }
    case 'redo': {
      const next = state.redo.at(-1);
      if (!next) return state;
      return { ...state, sites: next, redo: state.redo.slice(0, -1), undo: [...state.undo, state.sites] };
    }
    case 'select':
      return { ...state, selectedId: action.id };
  }
}
