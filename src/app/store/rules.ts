import { sameSettings } from '../analysis/analysis-state.ts';
import { recommendReducer } from '../analysis/recommend-state.ts';
import { uiReducer } from '../state/ui-state.ts';
import { whatIfReducer } from '../whatif/whatif-state.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { DataAction } from '../data/data-state.ts';
import { dataExtent } from '../data/workspace.ts';
import type { RootAction, RootState } from './root.ts';
import { selectMarkers, selectPlanBounds, selectSitesToEdit } from './selectors.ts';

/**
 * The rules that span slices, applied after every action (`prev` → `next`):
 * - once the workers hold a new district, earlier proposals, the editing session, a comparison
 *   and walking catchments no longer apply;
 * - an editing session always answers for the analysis settings shown: when they change, it
 *   starts again for them with the same sites.
 */
export function applyRules(prev: RootState, next: RootState): RootState {
  let s = next;
  if (s.data.readyVersion !== prev.data.readyVersion && prev.data.readyVersion > 0) {
    s = {
      ...s,
      recommend: recommendReducer(s.recommend, { type: 'reset' }),
      whatIf: whatIfReducer(s.whatIf, { type: 'stop' }),
      ui: { ...s.ui, compare: null, isochrones: null },
    };
  }
  if (s.whatIf.active && !sameSettings(s.whatIf.basis, s.analysis.settings)) {
    s = { ...s, whatIf: whatIfReducer(s.whatIf, { type: 'start', basis: s.analysis.settings, sites: s.whatIf.sites }) };
  }
  return s;
}

/** A layer loaded or removed: the map goes to the data. */
export function fitChangedData(prev: RootState, next: RootState, action: DataAction): RootState {
  const changed = action.type === 'layer-confirmed' || action.type === 'layer-removed' || action.type === 'district-emptied';
  const district = next.data.district;
  if (!changed || !district || district === prev.data.district) return next;
  const bounds = dataExtent(district);
  return bounds ? { ...next, ui: uiReducer(next.ui, { type: 'request-view', request: { kind: 'fit', bounds } }) } : next;
}

export function editStart(s: RootState): RootState {
  if (s.whatIf.active || s.analysis.result === null) return s;
  return { ...s, whatIf: whatIfReducer(s.whatIf, { type: 'start', basis: s.analysis.settings, sites: selectSitesToEdit(s) }) };
}

/**
 * Stopping throws the hand-placed sites away, so with sites placed it first asks; once stopped,
 * a notice offers to take it back.
 */
export function editStop(s: RootState, confirmed: boolean): RootState {
  const { whatIf } = s;
  if (!whatIf.active) return s;
  if (whatIf.sites.length > 0 && !confirmed) return { ...s, ui: uiReducer(s.ui, { type: 'ask', confirm: { command: 'stop-editing', sites: whatIf.sites.length } }) };
  const undo: RootAction | undefined = whatIf.sites.length > 0 && whatIf.basis ? { type: 'edit-resume', basis: whatIf.basis, sites: whatIf.sites } : undefined;
  let ui = uiReducer(s.ui, { type: 'answered' });
  if (undo) ui = uiReducer(ui, { type: 'notify', notice: { key: 'whatif.stopped', vars: { n: whatIf.sites.length }, undo } });
  return { ...s, whatIf: whatIfReducer(whatIf, { type: 'stop' }), ui };
}

export function restoreScenario(s: RootState, scenario: Scenario, source: 'link' | 'autosave' | 'file', missing: string[]): RootState {
  const analysis = { ...s.analysis, settings: scenario.analysis, access: { ...s.analysis.access, settings: scenario.access } };
  const recommend = recommendReducer(s.recommend, { type: 'restore', settings: scenario.recommend });
  const whatIf =
    scenario.sites.length > 0
      ? whatIfReducer(s.whatIf, { type: 'start', basis: scenario.analysis, sites: scenario.sites })
      : whatIfReducer(s.whatIf, { type: 'stop' });
  let ui = uiReducer(s.ui, { type: 'notify', notice: { key: 'scenario.restored', vars: { name: scenario.name }, keyVars: { source: `scenario.source.${source}` } } });
  if (missing.length > 0) ui = uiReducer(ui, { type: 'notify', notice: { key: 'scenario.missing', vars: { files: missing.join(', ') } } });
  if (scenario.view) ui = uiReducer(ui, { type: 'request-view', request: { kind: 'view', view: scenario.view } });
  return { ...s, analysis, recommend, whatIf, ui };
}

/**
 * Shows one proposed site in the presentation, or (index −1, or past either end) the overview
 * framing the district and every proposal.
 */
export function presentStep(s: RootState, index: number): RootState {
  const markers = selectMarkers(s);
  const site = index >= 0 ? markers[index] : undefined;
  if (site) {
    const view = { center: [site.lngLat[0], site.lngLat[1]] as [number, number], zoom: 14.5, bearing: 0, pitch: 0 };
    return { ...s, ui: { ...uiReducer(s.ui, { type: 'request-view', request: { kind: 'view', view } }), presentIndex: index } };
  }
  const bounds = selectPlanBounds(s);
  const ui = bounds ? uiReducer(s.ui, { type: 'request-view', request: { kind: 'fit', bounds } }) : s.ui;
  return { ...s, ui: { ...ui, presentIndex: -1 } };
}
