import KDBush from 'kdbush';
import { InputError } from '../errors.ts';
import type { DistanceRule, LngLat, Reach, SiteRef } from '../types.ts';
import { boundingBoxDeg, haversineCoordsM } from './haversine.ts';

/**
 * Straight-line (great-circle) distance over a KD-tree of the demand points: a range query on the
 * bounding box, then an exact haversine filter, so a site only ever touches its neighbours.
 */
export function geodesicRule(demand: readonly LngLat[]): DistanceRule {
  const index = new KDBush(Math.max(1, demand.length), 64, Float64Array);
  for (const [lng, lat] of demand) index.add(lng, lat);
  if (demand.length === 0) index.add(0, 0);
  index.finish();

  return {
    kind: 'geodesic',
    demandCount: demand.length,
    reach(site: SiteRef, maxDistanceM: number): Reach {
      if (!site.lngLat) throw new InputError(site.id, 'site has no coordinates for a straight-line distance');
      if (demand.length === 0) return { indices: new Int32Array(0), distancesM: new Float64Array(0) };
      const [lng, lat] = site.lngLat;
      const ids =
        maxDistanceM === Infinity
          ? demand.map((_, i) => i)
          : index.range(...boundingBoxDeg(site.lngLat, maxDistanceM));
      const found: { i: number; d: number }[] = [];
      for (const i of ids) {
        const p = demand[i];
        const d = haversineCoordsM(lng, lat, p[0], p[1]);
        if (d <= maxDistanceM) found.push({ i, d });
      }
      found.sort((a, b) => a.d - b.d || a.i - b.i);
      const indices = new Int32Array(found.length);
      const distancesM = new Float64Array(found.length);
      found.forEach((f, k) => {
        indices[k] = f.i;
        distancesM[k] = f.d;
      });
      return { indices, distancesM };
    },
  };
}
