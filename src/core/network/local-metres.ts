import { EARTH_RADIUS_M } from '../distance/haversine.ts';

const RAD = Math.PI / 180;

/**
 * An equirectangular plane in metres around one latitude. Used only for geometry within a few
 * metres to a few hundred metres (joining ends, projecting points onto segments, angles at a
 * node); lengths that count are haversine. Over a city (±0.2° of latitude) the scale error is
 * below 0.3 %, so the nearest segment found here is the nearest one.
 */
export interface LocalMetres {
  readonly lng0: number;
  readonly lat0: number;
  /** Metres per degree of longitude at `lat0`. */
  readonly mPerDegLng: number;
  /** Metres per degree of latitude. */
  readonly mPerDegLat: number;
}

export function localMetres(lngs: ArrayLike<number>, lats: ArrayLike<number>): LocalMetres {
  let lng0 = 0;
  let lat0 = 0;
  const n = lngs.length;
  for (let i = 0; i < n; i++) {
    lng0 += lngs[i];
    lat0 += lats[i];
  }
  lng0 = n > 0 ? lng0 / n : 0;
  lat0 = n > 0 ? lat0 / n : 0;
  const mPerDegLat = EARTH_RADIUS_M * RAD;
  return { lng0, lat0, mPerDegLat, mPerDegLng: mPerDegLat * Math.cos(lat0 * RAD) };
}

export const toX = (p: LocalMetres, lng: number): number => (lng - p.lng0) * p.mPerDegLng;
export const toY = (p: LocalMetres, lat: number): number => (lat - p.lat0) * p.mPerDegLat;

/**
 * Where (x, y) projects onto segment a→b: the fraction t in [0, 1] along it (clamped to the
 * segment) and the squared distance to that point.
 */
export function projectOnSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): { t: number; d2: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const px = ax + t * dx - x;
  const py = ay + t * dy - y;
  return { t, d2: px * px + py * py };
}
