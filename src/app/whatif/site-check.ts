import { booleanPointInPolygon } from '@turf/turf';
import type { LandUseClass } from '../../core/schema.ts';
import type { DistrictData } from '../data/district-data.ts';

/**
 * Why a hand-placed site is in a doubtful place: outside the district's boundary, or on land
 * where no school is built (a park, water, rail, industry, an exclusion zone); null when neither.
 * The planner is told on the spot; the site is kept (the land may be about to change use).
 */
export function siteProblem(district: Pick<DistrictData, 'boundary' | 'landuse'>, lngLat: readonly [number, number]): 'outside' | LandUseClass | null {
  const point = [lngLat[0], lngLat[1]];
  const boundary = district.boundary.features;
  if (boundary.length > 0 && !boundary.some((f) => f.geometry && booleanPointInPolygon(point, f.geometry))) return 'outside';
  for (const f of district.landuse.features) if (f.geometry && booleanPointInPolygon(point, f.geometry)) return f.properties.class;
  return null;
}
