import { circle } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { LngLat } from '../types.ts';

/**
 * A catchment drawn as a polygon for the map. Drawing only: membership is computed by the
 * distance rule, never by testing points against this polygon.
 */
export function catchmentCircle(centre: LngLat, radiusM: number, steps = 64): Feature<Polygon> {
  return circle([centre[0], centre[1]], radiusM, { units: 'meters', steps });
}
