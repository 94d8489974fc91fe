import { analysisReducer, initialAnalysis, type AnalysisAction, type AnalysisState } from '../analysis/analysis-state.ts';
import { initialRecommend, recommendReducer, type RecommendAction, type RecommendState } from '../analysis/recommend-state.ts';
import { initialZones, zonesReducer, type ZonesAction, type ZonesState } from '../analysis/zones-state.ts';
import { dataReducer, initialData, type DataAction, type DataState } from '../data/data-state.ts';
import { initialMapLayers, mapLayersReducer, type MapLayersAction, type MapLayersState } from '../state/map-layers.ts';
import { uiReducer, type UiAction, type UiState } from '../state/ui-state.ts';
import { initialWhatIf, whatIfReducer, type EditorSite, type WhatIfAction, type WhatIfState } from '../whatif/whatif-state.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { AnalysisSettings } from '../../core/index.ts';
import { applyRules, editStart, editStop, fitChangedData, presentStep, restoreScenario } from './rules.ts';

/** The whole app state: one record, changed only by `rootReducer`. */
export interface RootState {
  data: DataState;
  layers: MapLayersState;
  analysis: AnalysisState;
  recommend: RecommendState;
  whatIf: WhatIfState;
  zones: ZonesState;
  ui: UiState;
}

/**
 * Slice actions carry their slice's name; the others are the commands that span slices, whose
 * rules live in `rules.ts`.
 */
export type RootAction =
  | { type: 'data'; action: DataAction }
  | { type: 'layers'; action: MapLayersAction }
  | { type: 'analysis'; action: AnalysisAction }
  | { type: 'recommend'; action: RecommendAction }
  | { type: 'whatif'; action: WhatIfAction }
  | { type: 'zones'; action: ZonesAction }
  | { type: 'ui'; action: UiAction }
  /** Start editing proposed sites: from the proposals shown, else an empty plan. */
  | { type: 'edit-start' }
  /** Stop editing; with sites placed, only once the user has confirmed (and undoably). */
  | { type: 'edit-stop'; confirmed: boolean }
  /** Takes back a stop: the session again with the sites it had. */
  | { type: 'edit-resume'; basis: AnalysisSettings; sites: EditorSite[] }
  | { type: 'scenario-restore'; scenario: Scenario; source: 'link' | 'autosave' | 'file'; missing: string[] }
  | { type: 'present-step'; index: number };

export const initialRoot = (ui: UiState): RootState => ({
  data: initialData,
  layers: initialMapLayers,
  analysis: initialAnalysis,
  recommend: initialRecommend,
  whatIf: initialWhatIf,
  zones: initialZones,
  ui,
});

function reduce(state: RootState, action: RootAction): RootState {
  switch (action.type) {
    case 'data':
      return fitChangedData(state, { ...state, data: dataReducer(state.data, action.action) }, action.action);
    case 'layers':
      return { ...state, layers: mapLayersReducer(state.layers, action.action) };
    case 'analysis':
      return { ...state, analysis: analysisReducer(state.analysis, action.action) };
    case 'recommend':
      return { ...state, recommend: recommendReducer(state.recommend, action.action) };
    case 'whatif':
      return { ...state, whatIf: whatIfReducer(state.whatIf, action.action) };
    case 'zones':
      return { ...state, zones: zonesReducer(state.zones, action.action) };
    case 'ui':
      return { ...state, ui: uiReducer(state.ui, action.action) };
    case 'edit-start':
      return editStart(state);
    case 'edit-stop':
      return editStop(state, action.confirmed);
    case 'edit-resume':
      return { ...state, whatIf: whatIfReducer(state.whatIf, { type: 'start', basis: action.basis, sites: action.sites }) };
    case 'scenario-restore':
      return restoreScenario(state, action.scenario, action.source, action.missing);
    case 'present-step':
      return presentStep(state, action.index);
  }
}

/** Every action, then the rules that keep the slices consistent with each other. */
export function rootReducer(state: RootState, action: RootAction): RootState {
  const next = reduce(state, action);
  return next === state ? state : applyRules(state, next);
}
