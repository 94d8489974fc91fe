import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS, getStandard, type Recommendation } from '../../../src/core/index.ts';
import { selectPlanKind, selectScenario, selectShownEvaluation, selectMarkers } from '../../../src/app/store/selectors.ts';
import { analysedStore, workedEvaluation } from './fixture.ts';
import type { AppStore } from '../../../src/app/store/store.ts';

const primary = getStandard('zhengzhou-2035', 'primary');

function editWithSites(store: AppStore, ...lngLats: [number, number][]) {
  store.dispatch({ type: 'edit-start' });
  for (const lngLat of lngLats) store.dispatch({ type: 'whatif', action: { type: 'add-site', lngLat, standard: primary } });
  const { session, sites } = store.getState().whatIf;
  store.dispatch({ type: 'whatif', action: { type: 'started', session, sites, evaluation: workedEvaluation() } });
}

/** A recommendation as the optimizer answers it, for the settings in use. */
function recommend(store: AppStore, proposals: Recommendation['proposals']) {
  const after = workedEvaluation({ radiusM: 500 });
  const basis = store.getState().analysis.settings;
  store.dispatch({ type: 'recommend', action: { type: 'started', runId: 1, basis } });
  const result = { proposals, before: after.summary, after: after.summary, afterEvaluation: after, candidates: 10, siting: { solver: 'heuristic', seconds: 0.1 } } as unknown as Recommendation;
  store.dispatch({ type: 'recommend', action: { type: 'finished', runId: 1, result } });
  return result;
}

const proposal = (rank: number, lngLat: [number, number]) => ({
  rank,
  id: `grid-${rank}`,
  name: null,
  lngLat,
  seats: 900,
  classes: 20,
  pupilsServed: 50,
  pupilsInCatchment: 60,
  marginalGain: 50,
});

describe('cross-slice rules', () => {
  it('restarts an editing session for new analysis settings, with the same sites', () => {
    const store = analysedStore();
    editWithSites(store, [113.65, 34.77]);
    const before = store.getState().whatIf;
    expect(before.status).toBe('ready');
    store.dispatch({ type: 'analysis', action: { type: 'set-override', key: 'radiusM', value: 800 } });
    const after = store.getState().whatIf;
    expect(after.status).toBe('starting');
    expect(after.session).toBe(before.session + 1);
    expect(after.basis).toEqual({ ...DEFAULT_ANALYSIS_SETTINGS, overrides: { radiusM: 800 } });
    expect(after.sites).toBe(before.sites);
  });

  it('asks before stopping an edit with sites, and a stop can be taken back with the same sites', () => {
    const store = analysedStore();
    editWithSites(store, [113.65, 34.77], [113.651, 34.765]);
    const sites = store.getState().whatIf.sites;
    store.dispatch({ type: 'edit-stop', confirmed: false });
    expect(store.getState().whatIf.active).toBe(true);
    expect(store.getState().ui.confirm).toEqual({ command: 'stop-editing', sites: 2 });

    store.dispatch({ type: 'edit-stop', confirmed: true });
    const stopped = store.getState();
    expect(stopped.whatIf.active).toBe(false);
    expect(stopped.ui.confirm).toBeNull();
    expect(selectScenario(stopped).sites).toEqual([]);
    const notice = stopped.ui.notices.at(-1)!;
    expect(notice.key).toBe('whatif.stopped');
    expect(notice.vars).toEqual({ n: 2 });

    store.dispatch(notice.undo!);
    const resumed = store.getState().whatIf;
    expect(resumed.active).toBe(true);
    expect(resumed.sites).toBe(sites);
    expect(selectScenario(store.getState()).sites).toBe(sites);
  });

  it('stops an empty edit without asking', () => {
    const store = analysedStore();
    editWithSites(store);
    store.dispatch({ type: 'edit-stop', confirmed: false });
    expect(store.getState().whatIf.active).toBe(false);
    expect(store.getState().ui.confirm).toBeNull();
    expect(store.getState().ui.notices).toEqual([]);
  });

  it('drops proposals and the editing session once the workers hold a new district', () => {
    const store = analysedStore();
    recommend(store, [proposal(1, [113.65, 34.77])]);
    editWithSites(store, [113.65, 34.77]);
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: store.getState().data.district! } });
    expect(store.getState().whatIf.active).toBe(true);
    store.dispatch({ type: 'data', action: { type: 'district-ready', version: 2 } });
    expect(store.getState().whatIf.active).toBe(false);
    expect(store.getState().recommend.result).toBeNull();
  });

  it('shows, exports and edits the plan the map shows: today, with the proposals, as edited', () => {
    const store = analysedStore();
    const today = store.getState().analysis.result;
    expect(selectPlanKind(store.getState())).toBe('today');
    expect(selectShownEvaluation(store.getState())).toBe(today);

    const result = recommend(store, [proposal(1, [113.65, 34.77]), proposal(2, [113.651, 34.76])]);
    expect(selectPlanKind(store.getState())).toBe('proposed');
    expect(selectShownEvaluation(store.getState())).toBe(result.afterEvaluation);
    expect(selectMarkers(store.getState()).map((m) => m.id)).toEqual(['grid-1', 'grid-2']);
    expect(selectScenario(store.getState()).sites.map((s) => s.id)).toEqual(['P1', 'P2']);

    store.dispatch({ type: 'recommend', action: { type: 'set-view', view: 'before' } });
    expect(selectShownEvaluation(store.getState())).toBe(today);
    store.dispatch({ type: 'recommend', action: { type: 'set-view', view: 'after' } });

    // Editing these proposals: the same sites, renumbered, are what the editor holds and the scenario keeps.
    store.dispatch({ type: 'edit-start' });
    const { whatIf } = store.getState();
    expect(whatIf.sites.map((s) => [s.id, s.lngLat])).toEqual([
      ['P1', [113.65, 34.77]],
      ['P2', [113.651, 34.76]],
    ]);
    const live = workedEvaluation({ radiusM: 450 });
    store.dispatch({ type: 'whatif', action: { type: 'started', session: whatIf.session, sites: whatIf.sites, evaluation: live } });
    expect(selectPlanKind(store.getState())).toBe('edited');
    expect(selectShownEvaluation(store.getState())).toBe(live);
    expect(selectScenario(store.getState()).sites).toBe(whatIf.sites);
  });

  it('steps the presentation through the sites, and past the last one back to a view of the district and every site', () => {
    const store = analysedStore();
    editWithSites(store, [113.65, 34.77], [113.7, 34.75]);
    store.dispatch({ type: 'present-step', index: 1 });
    expect(store.getState().ui.presentIndex).toBe(1);
    expect(store.getState().ui.viewRequest).toMatchObject({ kind: 'view', view: { center: [113.7, 34.75], zoom: 14.5 } });
    store.dispatch({ type: 'present-step', index: 2 });
    expect(store.getState().ui.presentIndex).toBe(-1);
    // The boundary box is 113.64–113.66 E, 34.74–34.78 N; the site at 113.70 E widens it eastwards.
    expect(store.getState().ui.viewRequest).toMatchObject({ kind: 'fit', bounds: [113.64, 34.74, 113.7, 34.78] });
  });
});
