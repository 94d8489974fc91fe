import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { DistrictData } from '../data/district-data.ts';

const isDrawn = (f: Feature<Geometry | null>, prefix: string) => String(f.properties?.id ?? '').startsWith(prefix);

/**
 * The zones drawn by hand, as one GeoJSON collection to keep or share: exclusion zones (`role:
 * exclusion`) and candidate parcels (`role: candidate`). Loaded back, each file splits by role.
 */
export function drawnZones(district: Pick<DistrictData, 'landuse' | 'candidates'>): FeatureCollection {
  const zones = (district.landuse.features as Feature<Geometry | null>[]).filter((f) => isDrawn(f, 'drawn-exclusion-'));
  const parcels = (district.candidates?.features ?? []).filter((f) => isDrawn(f, 'drawn-candidate-'));
  return {
    type: 'FeatureCollection',
    features: [
      ...zones.map((f): Feature => ({ type: 'Feature', geometry: f.geometry as Geometry, properties: { id: f.properties?.id, role: 'exclusion' } })),
      ...parcels.map((f): Feature => ({ type: 'Feature', geometry: f.geometry as Geometry, properties: { id: f.properties?.id, role: 'candidate' } })),
    ],
  };
}
