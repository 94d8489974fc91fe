import type { Feature, Geometry, Point } from 'geojson';
import type { Proposal } from '../recommend/recommend-sites.ts';
import type { CellResult, Evaluation } from '../evaluate/evaluation.ts';
import { columnCells, type CellColumns, type PackedEvaluation } from '../evaluate/cell-columns.ts';
import type { CellView, ViewedEvaluation } from '../evaluate/evaluate.ts';
import { cellsByFeature, featureRows } from '../evaluate/feature-rows.ts';
import { featuresOf } from '../input/features.ts';
import { isPopulationGrid, pixelFeature } from '../demand/population-grid.ts';
import { isPopulationTable, tableFeature } from '../demand/population-table.ts';
import { csvLines, type CsvHeader } from './csv.ts';
import { denoiseProperties, roundAs, roundGeometry } from './rounding.ts';
import { byRegistrationRecord } from '../registration/by-registration.ts';

// Computed fields are rounded by kind (people, share, ratio, metres): see rounding.ts.
const people = (x: number) => roundAs('people', x);
const share = (x: number) => roundAs('share', x);
const ratio = (x: number) => roundAs('ratio', x);

type Out = Feature<Geometry | null, Record<string, unknown>>;

/**
 * Per-cell results beside each population feature's own properties (`population` is the
 * collection that was evaluated, so `featureIndex` joins them): one row per input feature, the
 * parts of a polygon split at the radius joined back (`cellsByFeature`).
 */
export function cellFeatures(result: Evaluation, population: unknown): Out[] {
  return [...cellRows(result, population)];
}

/**
 * cellFeatures one at a time, for exports too large to hold as objects and text at once. An
 * evaluation with its cells packed (`evaluatePacked`) is read column by column, and a population
 * held as a grid or a table gives each row's geometry and properties as it is written.
 */
export function* cellRows(result: Evaluation | PackedEvaluation | ViewedEvaluation, population: unknown): Generator<Out> {
  // A raster kept as a grid: each row gets its pixel's polygon, built here for the rows written.
  const grid = isPopulationGrid(population) ? population : null;
  const table = isPopulationTable(population) ? population : null;
  const input = grid || table ? null : featuresOf(population, 'population');
  // Without capacities nothing is allocated: served and accessibility are unknown, not 0.
  const known = result.summary.capacityKnown !== false;
  const allocated = <T>(x: T): T | null => (known ? x : null);
  for (const c of featureCells(result.cells)) {
    const f = grid ? pixelFeature(grid, c.featureIndex) : table ? tableFeature(table, c.featureIndex) : input![c.featureIndex];
    // Copied key by key, then the results set one by one: a spread followed by fifteen more keys
    // costs several times as much, which millions of rows feel. A grid's or a table's feature is
    // built for this row alone, so its properties take the results themselves.
    const own: Record<string, unknown> = f.properties;
    let properties: Record<string, unknown> = own;
    if (!grid && !table) {
      properties = {};
      for (const k in own) properties[k] = own[k];
    }
    properties.residents = people(c.residents);
    properties.users = people(c.users);
    properties.served = allocated(people(c.served));
    properties.unserved = allocated(people(c.unserved));
    properties.covered = c.covered;
    properties.nearest_facility_id = c.nearestFacilityId;
    properties.nearest_distance_m = roundAs('metres', c.nearestDistanceM);
    properties.served_by = allocated(c.servedById);
    properties.access_2sfca = allocated(ratio(c.access2sfca));
    properties.access_e2sfca = allocated(ratio(c.accessE2sfca));
    properties.village_id = c.villageId;
    properties.village_name = c.villageName;
    properties.village_share = share(c.villageShare);
    properties.migrants = people(c.migrants);
    yield { type: 'Feature', geometry: f.geometry, properties };
  }
}

/** One cell result per feature, in order, from any form of an evaluation's cells. */
function featureCells(cells: Evaluation['cells'] | CellColumns | CellView): Iterable<CellResult> {
  if (Array.isArray(cells)) {
    // Cells one to one with features, in order (nothing split at the radius): no grouping to build.
    return cells.every((c, i) => c.featureIndex === i) ? cells : cellsByFeature(cells);
  }
  if ('cellAt' in cells) {
    const all = function* (): Generator<CellResult> {
      for (let c = 0; c < cells.count; c++) yield cells.cellAt(c);
    };
    let whole = true;
    for (let c = 0; c < cells.count && whole; c++) whole = cells.featureIndexAt(c) === c;
    return whole ? all() : featureRows(all());
  }
  return cells.featureIndex.every((f, i) => f === i) ? columnCells(cells) : featureRows(columnCells(cells));
}

/**
 * The CSV header of `cellRows` when it is known from the first row: a population table whose
 * features all have the same keys (a CSV's columns) gives every row the same keys, and the
 * export then reads its millions of rows once instead of twice. Null otherwise.
 */
export function cellRowsHeader(result: Evaluation | PackedEvaluation | ViewedEvaluation, population: unknown): CsvHeader | null {
  if (!isPopulationTable(population) || !population.sameKeys) return null;
  const first = cellRows(result, population).next();
  if (first.done) return null;
  return { keys: Object.keys(first.value.properties), withWkt: population.polygonal.some((p) => p === 1) };
}

/**
 * Per-facility results (catchment demand, allocation, utilisation) beside its own properties;
 * `capacity_assumed` says whether the capacity is the assumed standard size. A facility without a
 * capacity has capacity, allocation, utilisation and status null.
 */
export function facilityFeatures(result: Omit<Evaluation, 'cells'>, facilities: unknown): Out[] {
  const input = featuresOf(facilities, 'facilities');
  return result.facilities.map((r) => {
    const f = input[r.featureIndex];
    const known = r.capacitySource !== 'none';
    return {
      type: 'Feature',
      geometry: f.geometry ?? { type: 'Point', coordinates: [r.lngLat[0], r.lngLat[1]] },
      properties: {
        ...f.properties,
        capacity: known ? people(r.capacity) : null,
        capacity_assumed: r.assumedCapacity === true,
        capacity_source: r.capacitySource ?? 'given',
        cells_in_catchment: r.cellsInCatchment,
        users_in_catchment: people(r.usersInCatchment),
        allocated: known ? people(r.allocated) : null,
        utilisation: known ? share(r.utilisation) : null,
        catchment_utilisation: known ? ratio(r.catchmentUtilisation) : null,
        status: known ? r.status : null,
      },
    };
  });
}

/** The summary figures that depend on allocation, null in summaryRecord when capacities are unknown. */
const ALLOCATION_FIGURES = [
  'seats',
  'servedPupils',
  'unservedPupils',
  'unservedInReachPupils',
  'servedPct',
  'seatsNeeded',
  'classesNeeded',
  'schoolsNeeded',
  'overCapacity',
] as const;

/**
 * The evaluation as one record for JSON output (the CLI's --json, a summary export): the summary
 * figures, `facilityResults` and `warnings`. When the facilities have no capacities
 * (`capacityKnown` false) every figure that needs allocation is null — served and unserved
 * pupils, shortfall, over capacity, the served shares of equity, and each facility's capacity,
 * allocation, utilisation and status — while coverage and the uncovered pupils stay.
 */
export function summaryRecord(result: Omit<Evaluation, 'cells'>, warnings: readonly string[]): Record<string, unknown> {
  const s = result.summary;
  const byRegistration = result.byRegistration ? { byRegistration: byRegistrationRecord(result.byRegistration, s.capacityKnown !== false) } : {};
  if (s.capacityKnown !== false) return { ...s, facilityResults: result.facilities, warnings, ...byRegistration };
  const record: Record<string, unknown> = { ...s };
  for (const key of ALLOCATION_FIGURES) record[key] = null;
  record.equity = {
    ...s.equity,
    villageServedPct: null,
    otherServedPct: null,
    ratio: null,
    worstVillages: s.equity.worstVillages.map((v) => ({ ...v, servedPct: null, unservedUsers: null })),
  };
  const facilityResults = result.facilities.map((r) =>
    r.capacitySource === 'none' ? { ...r, capacity: null, allocated: null, utilisation: null, catchmentUtilisation: null, status: null } : r,
  );
  return { ...record, facilityResults, warnings, ...byRegistration };
}

/** summaryRecord as indented JSON text: the CLI's `--out summary.json`. */
export function summaryJson(result: Omit<Evaluation, 'cells'>, warnings: readonly string[]): string {
  return JSON.stringify(summaryRecord(result, warnings), null, 2) + '\n';
}

export type ExportFormat = 'geojson' | 'csv' | 'json';

/** The export format a path asks for by its extension, or null. */
export function exportFormatOf(path: string): ExportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'geojson' ? 'geojson' : ext === 'csv' ? 'csv' : ext === 'json' ? 'json' : null;
}

/**
 * The proposed sites as points with their rank, size and the pupils (or visits) they take, for
 * export: people rounded to 2 decimals, the model's gain without float noise.
 */
export function proposalFeatures(proposals: readonly Proposal[]): Feature<Point, Record<string, unknown>>[] {
  return proposals.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lngLat[0], p.lngLat[1]] },
    properties: {
      rank: p.rank,
      id: p.id,
      name: p.name,
      seats: people(p.seats),
      classes: p.classes,
      pupils_served: people(p.pupilsServed),
      pupils_in_catchment: people(p.pupilsInCatchment),
      marginal_gain: roundAs('other', p.marginalGain),
    },
  }));
}

/**
 * Features as GeoJSON or CSV text, coordinates to 7 decimals and numbers without float noise
 * (fields already rounded by kind keep their rounding; see rounding.ts).
 */
export function featuresText(features: readonly Out[], format: 'geojson' | 'csv'): string {
  return [...featureChunks(() => features, format)].join('');
}

/**
 * featuresText in pieces (whole lines or features), for writing exports as they are made: the text
 * of a million rows is never one string. `features` may be called twice (CSV: columns, then rows).
 */
export function featureChunks(features: () => Iterable<Out>, format: 'geojson' | 'csv', header?: CsvHeader): Iterable<string> {
  return format === 'csv' ? csvLines(features, header) : geojsonChunks(features);
}

/** The same text as JSON.stringify of the whole FeatureCollection, one feature per piece. */
function* geojsonChunks(features: () => Iterable<Out>): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const f of features()) {
    yield (first ? '' : ',') + JSON.stringify({ ...f, geometry: roundGeometry(f.geometry), properties: denoiseProperties(f.properties) });
    first = false;
  }
  yield ']}\n';
}
