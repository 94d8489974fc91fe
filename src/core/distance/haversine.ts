import type { LngLat } from '../types.ts';

/** Mean Earth radius (m), as turf and geokdbush use. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two lon/lat points. */
export function haversineM(a: LngLat, b: LngLat): number {
  return haversineCoordsM(a[0], a[1], b[0], b[1]);
}

export function haversineCoordsM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * A lon/lat box that contains every point within `radiusM` of `centre` (valid away from the poles
 * and the antimeridian, which a city never reaches).
 */
export function boundingBoxDeg(centre: LngLat, radiusM: number): [number, number, number, number] {
  const dLat = (radiusM / EARTH_RADIUS_M) / RAD;
  const cosLat = Math.max(1e-6, Math.cos((Math.abs(centre[1]) + dLat) * RAD));
  const dLng = dLat / cosLat;
  return [centre[0] - dLng, centre[1] - dLat, centre[0] + dLng, centre[1] + dLat];
}
