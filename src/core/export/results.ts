import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { Proposal } from '../recommend/recommend-sites.ts';
import type { Evaluation } from '../evaluate/evaluation.ts';
import { cellsByFeature } from '../evaluate/feature-rows.ts';
import { featuresOf } from '../input/features.ts';
import { featuresToCsv } from './csv.ts';
import { denoiseProperties, roundAs, roundGeometry } from './rounding.ts';

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
  const input = featuresOf(population, 'population');
  return cellsByFeature(result.cells).map((c) => {
    const f = input[c.featureIndex];
    return {
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        ...f.properties,
        residents: people(c.residents),
        users: people(c.users),
        served: people(c.served),
        unserved: people(c.unserved),
        covered: c.covered,
        nearest_facility_id: c.nearestFacilityId,
        nearest_distance_m: roundAs('metres', c.nearestDistanceM),
        served_by: c.servedById,
        access_2sfca: ratio(c.access2sfca),
        access_e2sfca: ratio(c.accessE2sfca),
        village_id: c.villageId,
        village_name: c.villageName,
        village_share: share(c.villageShare),
        migrants: people(c.migrants),
      },
    };
  });
}

/** Per-facility results (catchment demand, allocation, utilisation) beside its own properties. */
export function facilityFeatures(result: Evaluation, facilities: unknown): Out[] {
  const input = featuresOf(facilities, 'facilities');
  return result.facilities.map((r) => {
    const f = input[r.featureIndex];
    return {
      type: 'Feature',
      geometry: f.geometry ?? { type: 'Point', coordinates: [r.lngLat[0], r.lngLat[1]] },
      properties: {
        ...f.properties,
        capacity: people(r.capacity),
        cells_in_catchment: r.cellsInCatchment,
        users_in_catchment: people(r.usersInCatchment),
        allocated: people(r.allocated),
        utilisation: share(r.utilisation),
        catchment_utilisation: ratio(r.catchmentUtilisation),
        status: r.status,
      },
    };
  });
}

/** The summary the CLI's --json prints: summary figures, per-facility results and warnings. */
export function summaryJson(result: Evaluation, warnings: readonly string[]): string {
  return JSON.stringify({ ...result.summary, facilityResults: result.facilities, warnings }, null, 2) + '\n';
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
  if (format === 'csv') return featuresToCsv(features);
  const fc: FeatureCollection<Geometry | null> = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ ...f, geometry: roundGeometry(f.geometry), properties: denoiseProperties(f.properties) })),
  };
  return JSON.stringify(fc) + '\n';
}
