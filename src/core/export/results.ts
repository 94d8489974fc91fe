import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Evaluation } from '../evaluate/evaluation.ts';
import { featuresOf } from '../input/features.ts';
import { featuresToCsv } from './csv.ts';

const round3 = (n: number) => Math.round(n * 1000) / 1000;

type Out = Feature<Geometry | null, Record<string, unknown>>;

/**
 * Per-cell results beside each population feature's own properties (`population` is the
 * collection that was evaluated, so `featureIndex` joins them).
 */
export function cellFeatures(result: Evaluation, population: unknown): Out[] {
  const input = featuresOf(population, 'population');
  return result.cells.map((c) => {
    const f = input[c.featureIndex];
    return {
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        ...f.properties,
        residents: round3(c.residents),
        users: round3(c.users),
        served: round3(c.served),
        unserved: round3(c.unserved),
        covered: c.covered,
        nearest_facility_id: c.nearestFacilityId,
        nearest_distance_m: c.nearestDistanceM,
        served_by: c.servedById,
        access_2sfca: round3(c.access2sfca),
        access_e2sfca: round3(c.accessE2sfca),
        village_id: c.villageId,
        village_name: c.villageName,
        village_share: round3(c.villageShare),
        migrants: round3(c.migrants),
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
        capacity: r.capacity,
        cells_in_catchment: r.cellsInCatchment,
        users_in_catchment: round3(r.usersInCatchment),
        allocated: round3(r.allocated),
        utilisation: round3(r.utilisation),
        catchment_utilisation: round3(r.catchmentUtilisation),
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

/** Features as GeoJSON or CSV text. */
export function featuresText(features: readonly Out[], format: 'geojson' | 'csv'): string {
  if (format === 'csv') return featuresToCsv(features);
  const fc: FeatureCollection<Geometry | null> = { type: 'FeatureCollection', features: [...features] };
  return JSON.stringify(fc) + '\n';
}
