import { createSelector } from 'reselect';
import { dataExtent, extentOf } from '../data/workspace.ts';
import type { Evaluation, EvaluationSummary } from '../../core/index.ts';
import { sameSettings } from '../analysis/analysis-state.ts';
import { proposalMarkers, siteMarkers, type SiteMarker } from '../map/layers/proposals-layer.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario } from '../scenario/scenario.ts';
import type { EditorSite } from '../whatif/whatif-state.ts';
import type { RootState } from './root.ts';

/** The district changed and the engines do not hold it yet (the analysis waits for them). */
export const selectPreparingDistrict = (s: RootState): boolean => s.data.district !== null && s.data.version !== s.data.readyVersion;

/** The analysis shown was computed on the data before a change: its figures are being redone. */
export const selectResultOutdated = (s: RootState): boolean => s.analysis.result !== null && s.analysis.resultDistrict !== s.data.version;

/** The recommendation is shown: made for today's settings, "with proposals" chosen, no editing open. */
export const selectShowProposals = (s: RootState): boolean =>
  !s.whatIf.active && s.recommend.result !== null && s.recommend.view === 'after' && sameSettings(s.recommend.basis, s.analysis.settings);

/** Hand editing with live numbers. */
export const selectEditing = (s: RootState): boolean => s.whatIf.active && s.whatIf.evaluation !== null;

/** Which plan the map, the exports and the report show: as edited, with the proposals built, or today. */
export type PlanKind = 'edited' | 'proposed' | 'today';
export const selectPlanKind = (s: RootState): PlanKind => (selectEditing(s) ? 'edited' : selectShowProposals(s) ? 'proposed' : 'today');

export const selectShownEvaluation = (s: RootState): Evaluation | null => {
  switch (selectPlanKind(s)) {
    case 'edited':
      return s.whatIf.evaluation;
    case 'proposed':
      return s.recommend.result!.afterEvaluation;
    case 'today':
      return s.analysis.result;
  }
};

/** The proposed sites of the plan shown, as drawn, listed, presented and exported. */
export const selectMarkers = createSelector(
  [selectPlanKind, (s: RootState) => s.whatIf, (s: RootState) => s.recommend.result],
  (kind, whatIf, recommendation): SiteMarker[] => {
    if (kind === 'edited') return siteMarkers(whatIf.sites, whatIf.evaluation!, whatIf.selectedId);
    if (kind === 'proposed') return proposalMarkers(recommendation!.proposals);
    return [];
  },
);

/** The plan's summary beside today's, or null when the map shows today. */
export const selectPlanSummary = (s: RootState): EvaluationSummary | null => {
  const kind = selectPlanKind(s);
  return kind === 'today' ? null : selectShownEvaluation(s)!.summary;
};

const toEditorSites = (markers: SiteMarker[]): EditorSite[] =>
  markers.map((m, k) => ({ id: `P${k + 1}`, lngLat: m.lngLat, seats: m.seats, classes: m.classes, locked: false }));

/** The sites a scenario keeps: those being edited (even before the first answer), else the proposals shown. */
export const selectScenarioSites = createSelector(
  [(s: RootState) => s.whatIf, selectShowProposals, (s: RootState) => s.recommend.result],
  (whatIf, showProposals, recommendation): EditorSite[] =>
    whatIf.active ? whatIf.sites : showProposals ? toEditorSites(proposalMarkers(recommendation!.proposals)) : [],
);

/** Proposals to edit by hand: the ones shown, renumbered P1…Pn. */
export const selectSitesToEdit = (s: RootState): EditorSite[] => (selectShowProposals(s) ? toEditorSites(selectMarkers(s)) : []);

/** Everything the planner set up, without the data: autosaved, saved as a file, shared as a link. */
export const selectScenario = createSelector(
  [
    (s: RootState) => s.data.district?.demoLayers,
    (s: RootState) => s.data.loaded,
    (s: RootState) => s.analysis.settings,
    (s: RootState) => s.analysis.access.settings,
    (s: RootState) => s.recommend.settings,
    selectScenarioSites,
    (s: RootState) => s.ui.view,
  ],
  (demoLayers, loaded, analysis, access, recommend, sites, view): Omit<Scenario, 'name' | 'savedAt'> => ({
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    data: { demoLayers: demoLayers ?? [], files: loaded.map((f) => f.name) },
    analysis,
    access,
    recommend,
    sites,
    view,
  }),
);

/** The district and every proposed site: what an overview, a PNG and the report frame. */
export const selectPlanBounds = (s: RootState): [number, number, number, number] | null => {
  const district = s.data.district;
  const extent = district ? (extentOf(district.boundary) ?? dataExtent(district)) : null;
  if (!extent) return null;
  const box: [number, number, number, number] = [...extent];
  for (const m of selectMarkers(s)) {
    box[0] = Math.min(box[0], m.lngLat[0]);
    box[1] = Math.min(box[1], m.lngLat[1]);
    box[2] = Math.max(box[2], m.lngLat[0]);
    box[3] = Math.max(box[3], m.lngLat[1]);
  }
  return box;
};
