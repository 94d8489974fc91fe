import KDBush from 'kdbush';
import { InputError } from '../errors.ts';
import type { DistanceRule, LngLat, Reach, SiteRef } from '../types.ts';
import { boundingBoxDeg, haversineCoordsM } from './haversine.ts';

/** Up to this many points in reach are sorted by insertion (no comparator calls); more by `sort`. */
const INSERTION_SORT_MAX = 32;

/**
 * Straight-line (great-circle) distance over a KD-tree of the demand points: a range query on the
 * bounding box, then an exact haversine filter, so a site only ever touches its neighbours.
 */
export function geodesicRule(demand: readonly LngLat[]): DistanceRule {
  const index = new KDBush(Math.max(1, demand.length), 64, Float64Array);
  for (const [lng, lat] of demand) index.add(lng, lat);
  if (demand.length === 0) index.add(0, 0);
  index.finish();
  let scratchIds = new Int32Array(64);
  let scratchD = new Float64Array(64);
  // Found point a goes before b: nearer, or as near with a lower index.
  const before = (a: number, b: number): boolean => scratchD[a] < scratchD[b] || (scratchD[a] === scratchD[b] && scratchIds[a] < scratchIds[b]);

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
      // The points in reach, nearest first (ties by index), gathered in typed scratch arrays: a
      // grid of candidate sites asks this hundreds of thousands of times, and an object per point
      // found was most of the cost.
      if (scratchIds.length < ids.length) {
        scratchIds = new Int32Array(ids.length);
        scratchD = new Float64Array(ids.length);
      }
      let n = 0;
      for (const i of ids) {
        const p = demand[i];
        const d = haversineCoordsM(lng, lat, p[0], p[1]);
        if (d <= maxDistanceM) {
          scratchIds[n] = i;
          scratchD[n] = d;
          n++;
        }
      }
      const order = new Int32Array(n);
      for (let k = 0; k < n; k++) order[k] = k;
      if (n <= INSERTION_SORT_MAX) {
        for (let k = 1; k < n; k++) {
          const o = order[k];
          let j = k;
          while (j > 0 && before(o, order[j - 1])) {
            order[j] = order[j - 1];
            j--;
          }
          order[j] = o;
        }
      } else order.sort((a, b) => scratchD[a] - scratchD[b] || scratchIds[a] - scratchIds[b]);
      const indices = new Int32Array(n);
      const distancesM = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        indices[k] = scratchIds[order[k]];
        distancesM[k] = scratchD[order[k]];
      }
      return { indices, distancesM };
    },
  };
}
