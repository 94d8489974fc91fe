import { applyFacilityChanges, standardSiteSize, type Evaluation, type FacilityStandard, type LngLat, type ProposedSite, type WhatIfDelta, type WhatIfUpdate } from '../../core/index.ts';
import type { AnalysisSettings } from '../../core/index.ts';
import { patchCells } from './cell-patches.ts';

/** A proposed site as the planner edits it; a locked one stays put, and stays when the optimizer runs again. */
export interface EditorSite extends ProposedSite {
  locked: boolean;
}

export interface WhatIfState {
  active: boolean;
  status: 'idle' | 'starting' | 'ready' | 'error';
  /** The analysis the session answers for. */
  basis: AnalysisSettings | null;
  sites: EditorSite[];
  /** The site list the engine last answered for: the numbers shown belong to it. */
  syncedSites: EditorSite[] | null;
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
  /** Increments with every start, so an answer for an earlier start is ignored. */
  session: number;
}

export type WhatIfAction =
  | { type: 'start'; basis: AnalysisSettings; sites: EditorSite[] }
  | { type: 'started'; session: number; evaluation: Evaluation; sites: EditorSite[] }
  | { type: 'update'; session: number; update: WhatIfUpdate | WhatIfDelta; sites: EditorSite[] }
  | { type: 'failed'; session: number; error: string; sites?: EditorSite[] }
  | { type: 'stop' }
  | { type: 'add-site'; lngLat: LngLat; standard: FacilityStandard }
  | { type: 'change-site'; id: string; patch: Partial<Omit<EditorSite, 'id'>> }
  | { type: 'remove-site'; id: string }
  | { type: 'replace-sites'; sites: EditorSite[] }
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
  syncedSites: null,
  selectedId: null,
  undo: [],
  redo: [],
  evaluation: null,
  revision: -1,
  error: null,
  nextNumber: 1,
  session: 0,
};

/** Applies an update's summary, facility rows (all, or the changed ones) and changed cells to the live evaluation. */
export function applyUpdate(evaluation: Evaluation, update: WhatIfUpdate | WhatIfDelta): Evaluation {
  return {
    ...evaluation,
    summary: update.summary,
    facilities: 'facilityChanges' in update ? applyFacilityChanges(evaluation.facilities, update) : update.facilities,
    cells: patchCells(evaluation.cells, update.cells),
    warnings: update.warnings ?? evaluation.warnings,
    ...(update.byRegistration ? { byRegistration: update.byRegistration } : {}),
  };
}

/** The engine's view of a site: the lock is the editor's business. */
export const plainSite = ({ locked: _locked, ...site }: EditorSite): ProposedSite => site;

const numberOf = (id: string) => Number(/^P(\d+)$/.exec(id)?.[1] ?? 0);
const nextAfter = (n: number, sites: EditorSite[]) => Math.max(n, ...sites.map((s) => numberOf(s.id) + 1));

function commit(state: WhatIfState, sites: EditorSite[], selectedId = state.selectedId): WhatIfState {
  return { ...state, undo: [...state.undo, state.sites], redo: [], sites, selectedId, nextNumber: nextAfter(state.nextNumber, sites) };
}

const isLocked = (state: WhatIfState, id: string) => state.sites.some((s) => s.id === id && s.locked);

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
        nextNumber: nextAfter(state.nextNumber, action.sites),
        session: state.session + 1,
      };
    case 'started':
      if (action.session !== state.session || !state.active) return state;
      return { ...state, status: 'ready', evaluation: action.evaluation, syncedSites: action.sites, revision: -1, error: null };
    case 'update':
      if (action.session !== state.session || !state.evaluation || action.update.revision <= state.revision) return state;
      return { ...state, evaluation: applyUpdate(state.evaluation, action.update), syncedSites: action.sites, revision: action.update.revision, error: null };
    case 'failed':
      if (action.session !== state.session) return state;
      return { ...state, status: state.evaluation ? 'ready' : 'error', error: action.error, syncedSites: action.sites ?? state.syncedSites };
    case 'stop':
      return { ...initialWhatIf, nextNumber: state.nextNumber, session: state.session + 1 };
    case 'add-site': {
      const id = `P${state.nextNumber}`;
      return commit(state, [...state.sites, { id, lngLat: action.lngLat, ...standardSiteSize(action.standard), locked: false }], id);
    }
    case 'change-site': {
      const site = state.sites.find((s) => s.id === action.id);
      // A locked site keeps its place and size; only unlocking changes it.
      if (!site || (site.locked && Object.keys(action.patch).some((k) => k !== 'locked'))) return state;
      return commit(state, state.sites.map((s) => (s.id === action.id ? { ...s, ...action.patch } : s)));
    }
    case 'remove-site':
      if (isLocked(state, action.id) || !state.sites.some((s) => s.id === action.id)) return state;
      return commit(state, state.sites.filter((s) => s.id !== action.id), state.selectedId === action.id ? null : state.selectedId);
    case 'replace-sites':
      return commit(state, action.sites);
    case 'drag':
      if (isLocked(state, action.id)) return state;
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

/** The numbers shown belong to the sites shown. */
export const whatIfSynced = (s: WhatIfState): boolean => s.status === 'ready' && s.syncedSites === s.sites;
