import { reachTable } from '../catchment/reach-table.ts';
import { assess } from '../evaluate/assess.ts';
import type { EvaluateInput, EvaluateOptions, Evaluation, EvaluationSummary, FacilityResult } from '../evaluate/evaluation.ts';
import { prepareEvaluation } from '../evaluate/prepare.ts';
import { cellResult, facilityResults, summarize } from '../evaluate/results.ts';
import { InputError, type InputWarning } from '../errors.ts';
import type { Facility } from '../facilities/facilities.ts';
import { featuresOf } from '../input/features.ts';
import type { LngLat, ProgressCallback, Reach } from '../types.ts';
import { changedCells, type AssessedState } from './cell-changes.ts';
import { checkClasses, checkLngLat, checkSeats, checkSite, proposedFacility, WHAT_IF_SOURCE } from './proposed-site.ts';
import { ReachRows } from './reach-rows.ts';
import type { ProposedSite, WhatIfSummary, WhatIfUpdate } from './types.ts';

/**
 * Live editing of proposed sites over one district and facility type. Every answer is plain data;
 * answers share objects with the session's state, so treat them as read-only.
 */
export interface WhatIfSession {
  /** The proposed sites, in the order they are evaluated (after the existing facilities). */
  sites(): ProposedSite[];
  /** Adds a site at the end of the list. */
  addSite(site: ProposedSite): WhatIfUpdate;
  moveSite(id: string, lngLat: LngLat): WhatIfUpdate;
  removeSite(id: string): WhatIfUpdate;
  /** New seats; classes as given (omitted: the site no longer states classes). */
  resizeSite(id: string, seats: number, classes?: number | null): WhatIfUpdate;
  /** Replaces every site at once (undo, redo, re-opening a saved plan). */
  setSites(sites: readonly ProposedSite[]): WhatIfUpdate;
  summary(): WhatIfSummary;
  /** The full evaluation, exactly `evaluate(withProposedSites(input, type, sites()), options)`. */
  evaluation(): Evaluation;
}

/** A proposed site with its reach, kept while it stays where it is. */
interface Placed {
  site: ProposedSite;
  reach: Reach;
}

interface State extends AssessedState {
  facilities: Facility[];
  results: FacilityResult[];
  summary: EvaluationSummary;
  warnings: InputWarning[];
}

function fail(reason: string): never {
  throw new InputError(WHAT_IF_SOURCE, reason);
}

/**
 * Prepares a district for what-if editing: layers read, cells tagged with their villages, the
 * spatial index and the existing facilities' reach built once (the slow part). Each edit then
 * queries the reach of the one site it touches and re-runs allocation, accessibility and equity
 * over the cached rows — linear in cell–facility pairs and cells, no geometry.
 */
export function createWhatIfSession(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback): WhatIfSession {
  const progress = onProgress ?? (() => undefined);
  const prepared = prepareEvaluation(input, options, progress);
  const { type, standard, rule } = prepared;
  const existing = prepared.facilities;
  const existingIds = new Set(existing.map((f) => f.id));
  // Proposed sites are appended to the facility layer, so their feature indices follow its features.
  const featureCount = featuresOf(input.facilities, input.sources?.facilities ?? 'facilities').length;
  const rows = new ReachRows(reachTable(rule, existing, standard.radiusM));
  const layerWarnings = prepared.warnings;
  // readFacilities warns when the type has no facility at all; a proposed site is one.
  const isNoFacilityWarning = (w: InputWarning) => existing.length === 0 && w.feature === `type ${type}`;
  const facilityWarningsWithSites = layerWarnings.facilities.filter((w) => !isNoFacilityWarning(w));

  const reachOf = (site: ProposedSite): Reach => {
    const one = reachTable(rule, [site], standard.radiusM);
    return { indices: one.indices, distancesM: one.distancesM };
  };

  const stateOf = (list: readonly Placed[]): State => {
    const facilities = existing.concat(list.map((p, k) => proposedFacility(p.site, type, featureCount + k)));
    const assessment = assess(prepared, facilities, rows.table(list.map((p) => p.reach)), () => undefined);
    const results = facilityResults(facilities, assessment);
    const warnings = [
      ...layerWarnings.population,
      ...(list.length > 0 ? facilityWarningsWithSites : layerWarnings.facilities),
      ...layerWarnings.villages,
    ];
    return { facilities, assessment, results, summary: summarize(prepared, facilities, assessment, results), warnings };
  };

  let placed: Placed[] = [];
  let state = stateOf(placed);
  let revision = 0;
  progress(1, 'done');

  const indexOf = (id: unknown): number => {
    const k = placed.findIndex((p) => p.site.id === id);
    if (k < 0) fail(`no proposed site "${String(id)}"`);
    return k;
  };
  const checkNewId = (id: string, taken: ReadonlySet<string>) => {
    if (existingIds.has(id)) fail(`site "${id}": the id is already used by an existing ${type} facility`);
    if (taken.has(id)) fail(`site "${id}": a proposed site with this id already exists`);
  };

  /** Commits `next` and reports what changed; nothing is kept if anything throws first. */
  const commit = (next: Placed[]): WhatIfUpdate => {
    const after = stateOf(next);
    const cells = changedCells(prepared, state, after);
    // Only the "no usable facilities" warning can come or go, so the count tells.
    const warningsChanged = after.warnings.length !== state.warnings.length;
    placed = next;
    state = after;
    revision++;
    return { revision, summary: after.summary, facilities: after.results, cells, ...(warningsChanged ? { warnings: after.warnings } : {}) };
  };

  return {
    sites: () => placed.map((p) => structuredClone(p.site)),
    addSite(site) {
      const checked = checkSite(site, type);
      checkNewId(checked.id, new Set(placed.map((p) => p.site.id)));
      return commit([...placed, { site: checked, reach: reachOf(checked) }]);
    },
    moveSite(id, lngLat) {
      const k = indexOf(id);
      const site: ProposedSite = { ...placed[k].site, lngLat: checkLngLat(placed[k].site.id, lngLat) };
      return commit(placed.map((p, j) => (j === k ? { site, reach: reachOf(site) } : p)));
    },
    removeSite(id) {
      const k = indexOf(id);
      return commit(placed.filter((_, j) => j !== k));
    },
    resizeSite(id, seats, classes) {
      const k = indexOf(id);
      const { classes: _replaced, ...rest } = placed[k].site;
      const checkedClasses = checkClasses(rest.id, classes, type);
      const site: ProposedSite = { ...rest, seats: checkSeats(rest.id, seats), ...(checkedClasses === null ? {} : { classes: checkedClasses }) };
      // Same place, same reach: only the allocation sees the new seats.
      return commit(placed.map((p, j) => (j === k ? { site, reach: p.reach } : p)));
    },
    setSites(sites) {
      if (!Array.isArray(sites)) fail(`setSites expects a list of sites, got ${typeof sites}`);
      const taken = new Set<string>();
      const checked = sites.map((s) => {
        const site = checkSite(s, type);
        checkNewId(site.id, taken);
        taken.add(site.id);
        return site;
      });
      // Undo and redo mostly bring back sites where they were: keep those reaches.
      const old = new Map(placed.map((p) => [p.site.id, p]));
      return commit(
        checked.map((site) => {
          const before = old.get(site.id);
          const same = before && before.site.lngLat[0] === site.lngLat[0] && before.site.lngLat[1] === site.lngLat[1];
          return { site, reach: same ? before.reach : reachOf(site) };
        }),
      );
    },
    summary: () => ({ revision, summary: state.summary, facilities: state.results }),
    evaluation: () => ({
      summary: state.summary,
      cells: prepared.cells.map((_, c) => cellResult(prepared, state.facilities, state.assessment, c)),
      facilities: state.results,
      warnings: state.warnings,
    }),
  };
}
