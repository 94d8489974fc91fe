import { bucketsPerMetre, longestDistanceM } from '../allocate/allocate.ts';
import { reachTable } from '../catchment/reach-table.ts';
import { assess } from '../evaluate/assess.ts';
import type { EvaluateInput, EvaluateOptions, Evaluation, FacilityResult } from '../evaluate/evaluation.ts';
import { prepareEvaluation } from '../evaluate/prepare.ts';
import { cellResult, facilityResults } from '../evaluate/results.ts';
import { InputError, type InputWarning } from '../errors.ts';
import type { Facility } from '../facilities/facilities.ts';
import { featuresOf } from '../input/features.ts';
import type { LngLat, ProgressCallback, Reach } from '../types.ts';
import { changedCells, snapshotCells } from './cell-changes.ts';
import { LiveAssessment } from './live-assessment.ts';
import { LiveTotals } from './live-totals.ts';
import { checkClasses, checkLngLat, checkSeats, checkSite, proposedFacility, WHAT_IF_SOURCE } from './proposed-site.ts';
import { SiteGraph } from './site-graph.ts';
import { registrationAnalysis } from '../registration/registration-analysis.ts';
import { REGISTRATION_SUMS } from '../registration/by-registration.ts';
import { BlockSums } from '../evaluate/block-sums.ts';
import type { EditScope, ProposedSite, WhatIfSummary, WhatIfUpdate } from './types.ts';

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
  /** The facility rows as they stand (the summary's, without its figures by registration). */
  facilities(): FacilityResult[];
  /** The full evaluation, exactly `evaluate(withProposedSites(input, type, sites()), options)`. */
  evaluation(): Evaluation;
  /** What the last edit re-assessed (the session's start: everything). */
  lastScope(): EditScope;
}

/** A proposed site with its reach, kept while it stays where it is. */
interface Placed {
  site: ProposedSite;
  reach: Reach;
  /** The reach's longest distance: part of the allocation's scale. */
  longestM: number;
}

function fail(reason: string): never {
  throw new InputError(WHAT_IF_SOURCE, reason);
}

/** True when the ids both lists hold come in the same order in each. */
function sameOrder(before: readonly Placed[], after: readonly Placed[]): boolean {
  const inAfter = new Set(after.map((p) => p.site.id));
  const inBefore = new Set(before.map((p) => p.site.id));
  const kept = before.filter((p) => inAfter.has(p.site.id));
  const stayed = after.filter((p) => inBefore.has(p.site.id));
  return kept.every((p, k) => p.site.id === stayed[k].site.id);
}

/**
 * Prepares a district for what-if editing: layers read, cells tagged with their villages, the
 * spatial index and the existing facilities' reach built once (the slow part), and one full
 * assessment. Each edit then queries the reach of the one site it touches and re-assesses only the
 * connected parts of the cell–facility graph (`SiteGraph`) that the edit can change: allocation
 * runs in one global nearest-first order, but a pair only reads and writes its own cell and
 * facility, so a part that holds no touched facility and no cell one reached is exactly as before.
 * Totals are re-added only over the changed blocks of cells and villages (`LiveTotals`). On a
 * city (800,000 cells, 1,500 schools) an edit costs its part of the graph, not the city.
 */
export function createWhatIfSession(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback): WhatIfSession {
  const progress = onProgress ?? (() => undefined);
  const prepared = prepareEvaluation(input, options, progress);
  const { type, standard, rule } = prepared;
  const existing = prepared.facilities;
  const existingIds = new Set(existing.map((f) => f.id));
  // Proposed sites are appended to the facility layer, so their feature indices follow its features.
  const featureCount = featuresOf(input.facilities, input.sources?.facilities ?? 'facilities').length;
  const existingTable = reachTable(rule, existing, standard.radiusM);
  const existingLongestM = longestDistanceM(existingTable.distancesM);
  const layerWarnings = prepared.warnings;
  // readFacilities warns when the type has no facility at all; a proposed site is one.
  const isNoFacilityWarning = (w: InputWarning) => existing.length === 0 && w.feature === `type ${type}`;
  const facilityWarningsWithSites = layerWarnings.facilities.filter((w) => !isNoFacilityWarning(w));
  const warningsWith = (list: readonly Placed[]): InputWarning[] => [
    ...layerWarnings.population,
    ...(list.length > 0 ? facilityWarningsWithSites : layerWarnings.facilities),
    ...layerWarnings.villages,
  ];

  const reachOf = (site: ProposedSite): Placed => {
    const one = reachTable(rule, [site], standard.radiusM);
    return { site, reach: { indices: one.indices, distancesM: one.distancesM }, longestM: longestDistanceM(one.distancesM) };
  };
  const scaleOf = (list: readonly Placed[]) => bucketsPerMetre(list.reduce((m, p) => Math.max(m, p.longestM), existingLongestM));

  // Facility slots: the existing facilities' indices, then one number per proposed site while it exists.
  const bySlot: Facility[] = [...existing];
  const reachBySlot: Reach[] = existing.map((_, s) => ({
    indices: existingTable.indices.subarray(existingTable.offsets[s], existingTable.offsets[s + 1]),
    distancesM: existingTable.distancesM.subarray(existingTable.offsets[s], existingTable.offsets[s + 1]),
  }));
  const slotOfId = new Map<string, number>();
  const freeSlots: number[] = [];
  const rankOfSlot: number[] = existing.map((_, s) => s);
  const slotSource = { reach: (s: number) => reachBySlot[s], capacity: (s: number) => bySlot[s].capacity };

  // Hand edits reassess only the cells they reach, with the default allocation; Hukou-based
  // admission allocates the whole district in two passes, so it is refused here rather than
  // answered differently from a full evaluation.
  const registration = options.registration ? registrationAnalysis(input, prepared, options.registration) : undefined;
  if (registration?.allocator) {
    throw new InputError('registration', 'editing sites by hand allocates seats to every pupil alike: set the admission to proportional to edit, or compare registered-first plans with full analyses');
  }

  const graph = new SiteGraph(prepared.cells.length, existingTable);
  const initial = assess(prepared, existing, existingTable, () => undefined);
  const live = new LiveAssessment(initial, prepared.users, standard.radiusM, prepared.decay);
  const totals = new LiveTotals(prepared, live.cells);
  // The groups' sums kept by block like the summary's, so an edit re-adds only the blocks it changed.
  const registrationSums =
    registration && registration.summer(live.cells.stats.covered, live.cells.allocation.served)
      ? new BlockSums(prepared.cells.length, REGISTRATION_SUMS, (from, to, out, at) => registration.summer(live.cells.stats.covered, live.cells.allocation.served)!(from, to, out, at))
      : null;
  const groups = () => (registration ? { byRegistration: registration.figures(registrationSums?.totals() ?? null) } : {});

  let placed: Placed[] = [];
  let perM = scaleOf(placed);
  let results = facilityResults(existing, initial);
  let summary = totals.summary(existing, results);
  let warnings = warningsWith(placed);
  let scope: EditScope = { cells: prepared.cells.length, facilities: existing.length, whole: true };
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

  /**
   * Commits `next`: finds the facilities the edit touched (added, removed, moved, resized, or all
   * of them when the order of the kept sites or the allocation's scale changed), re-assesses the
   * parts of the graph they and their former cells belong to, and reports the cells that changed.
   * Everything that can throw (checks, reach queries) has run before this is called.
   */
  const commit = (next: Placed[]): WhatIfUpdate => {
    const before = new Map(placed.map((p) => [p.site.id, p]));
    const nextScale = scaleOf(next);
    const whole = nextScale !== perM;
    const reordered = !sameOrder(placed, next);
    const seedCells: Int32Array[] = [];
    const seedSlots: number[] = whole ? existing.map((_, s) => s) : [];
    const nextIds = new Set(next.map((p) => p.site.id));
    const freed: number[] = [];
    for (const p of placed) {
      if (!nextIds.has(p.site.id)) {
        seedCells.push(p.reach.indices);
        freed.push(slotOfId.get(p.site.id) as number);
        slotOfId.delete(p.site.id);
      }
    }
    next.forEach((p, k) => {
      const old = before.get(p.site.id);
      let slot = slotOfId.get(p.site.id);
      if (slot === undefined) {
        slot = freeSlots.pop() ?? bySlot.length;
        slotOfId.set(p.site.id, slot);
      }
      bySlot[slot] = proposedFacility(p.site, type, featureCount + k);
      reachBySlot[slot] = p.reach;
      rankOfSlot[slot] = existing.length + k;
      if (whole || reordered || !old || old.reach !== p.reach || old.site.seats !== p.site.seats) {
        if (old) seedCells.push(old.reach.indices);
        seedCells.push(p.reach.indices);
        seedSlots.push(slot);
      }
    });
    const nextSlots = next.map((p) => slotOfId.get(p.site.id) as number);
    graph.setProposed(nextSlots.map((slot) => ({ slot, reach: reachBySlot[slot] })));
    const region = graph.region(seedCells, seedSlots, slotSource.reach, (s) => rankOfSlot[s]);
    const snapshot = snapshotCells(live.cells, region.cells);
    live.reassess(region, slotSource, nextScale);
    const cells = changedCells(prepared, bySlot, live.cells, snapshot);
    totals.markCells(region.cells);
    if (registrationSums) for (const c of region.cells) registrationSums.markCell(c);
    freeSlots.push(...freed);

    const nextWarnings = warningsWith(next);
    // Only the "no usable facilities" warning can come or go, so the count tells.
    const warningsChanged = nextWarnings.length !== warnings.length;
    const facilities = existing.concat(nextSlots.map((s) => bySlot[s]));
    results = facilityResults(facilities, live.siteFigures([...existing.keys(), ...nextSlots]));
    summary = totals.summary(facilities, results);
    warnings = nextWarnings;
    placed = next;
    perM = nextScale;
    scope = { cells: region.cells.length, facilities: region.slots.length, whole };
    revision++;
    return { revision, summary, facilities: results, cells, ...groups(), ...(warningsChanged ? { warnings } : {}) };
  };

  return {
    sites: () => placed.map((p) => structuredClone(p.site)),
    addSite(site) {
      const checked = checkSite(site, type);
      checkNewId(checked.id, new Set(placed.map((p) => p.site.id)));
      return commit([...placed, reachOf(checked)]);
    },
    moveSite(id, lngLat) {
      const k = indexOf(id);
      const site: ProposedSite = { ...placed[k].site, lngLat: checkLngLat(placed[k].site.id, lngLat) };
      return commit(placed.map((p, j) => (j === k ? reachOf(site) : p)));
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
      return commit(placed.map((p, j) => (j === k ? { ...p, site } : p)));
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
          return same ? { ...before, site } : reachOf(site);
        }),
      );
    },
    summary: () => ({ revision, summary, facilities: results, ...groups() }),
    facilities: () => results,
    evaluation: () => ({
      summary,
      cells: prepared.cells.map((_, c) => cellResult(prepared, bySlot, live.cells, c)),
      facilities: results,
      warnings,
      ...groups(),
    }),
    lastScope: () => scope,
  };
}
