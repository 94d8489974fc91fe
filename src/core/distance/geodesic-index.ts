import KDBush from 'kdbush';
import { InputError } from '../errors.ts';
import type { BatchDistanceRule, Reach, ReachTable, SiteRef } from '../types.ts';
import { boundingBoxDeg, EARTH_RADIUS_M } from './haversine.ts';

const RAD = Math.PI / 180;

/** Growable typed-array rows, so collecting pairs allocates O(log n) buffers, not n objects. */
class PairBuffer {
  indices = new Int32Array(1024);
  distancesM = new Float64Array(1024);
  length = 0;

  push(index: number, distanceM: number): void {
    if (this.length === this.indices.length) {
      const indices = new Int32Array(this.length * 2);
      indices.set(this.indices);
      this.indices = indices;
      const distancesM = new Float64Array(this.length * 2);
      distancesM.set(this.distancesM);
      this.distancesM = distancesM;
    }
    this.indices[this.length] = index;
    this.distancesM[this.length++] = distanceM;
  }
}

/**
 * Straight-line (great-circle) distance over a KD-tree of demand points held in typed arrays: the
 * same answers as `geodesicRule`, plus `reachAll`, which answers for every site in one pass with
 * no per-pair objects (the path a million cells need). Haversine is evaluated with each point's
 * cos(latitude) precomputed and compared before the arcsine, which only accepted pairs pay.
 */
export function geodesicIndexRule(lngs: Float64Array, lats: Float64Array): BatchDistanceRule {
  const n = lngs.length;
  if (lats.length !== n) throw new RangeError('geodesicIndexRule: lngs and lats differ in length');
  const index = new KDBush(Math.max(1, n), 64, Float64Array);
  const cosLats = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    index.add(lngs[i], lats[i]);
    cosLats[i] = Math.cos(lats[i] * RAD);
  }
  if (n === 0) index.add(0, 0);
  index.finish();
  let scratch = new Int32Array(1024);

  /** Appends the demand points within `maxDistanceM` of the site to `out`, in index order. */
  function collect(site: SiteRef, maxDistanceM: number, out: PairBuffer): void {
    if (!site.lngLat) throw new InputError(site.id, 'site has no coordinates for a straight-line distance');
    if (n === 0) return;
    const [lng, lat] = site.lngLat;
    const cosLat = Math.cos(lat * RAD);
    const halfAngle = Math.min(Math.PI / 2, maxDistanceM / (2 * EARTH_RADIUS_M));
    const maxS = Math.sin(halfAngle) ** 2;
    let count: number;
    if (maxDistanceM === Infinity) {
      count = n;
      if (scratch.length < n) scratch = new Int32Array(n);
      for (let i = 0; i < n; i++) scratch[i] = i;
    } else {
      const ids = index.range(...boundingBoxDeg(site.lngLat, maxDistanceM));
      count = ids.length;
      if (scratch.length < count) scratch = new Int32Array(count * 2);
      for (let k = 0; k < count; k++) scratch[k] = ids[k];
      scratch.subarray(0, count).sort();
    }
    for (let k = 0; k < count; k++) {
      const i = scratch[k];
      const sinLat = Math.sin((lats[i] - lat) * RAD * 0.5);
      const sinLng = Math.sin((lngs[i] - lng) * RAD * 0.5);
      const s = sinLat * sinLat + cosLat * cosLats[i] * sinLng * sinLng;
      if (s <= maxS) out.push(i, 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s))));
    }
  }

  return {
    kind: 'geodesic',
    demandCount: n,
    reach(site: SiteRef, maxDistanceM: number): Reach {
      const out = new PairBuffer();
      collect(site, maxDistanceM, out);
      const order = Array.from({ length: out.length }, (_, k) => k).sort(
        (a, b) => out.distancesM[a] - out.distancesM[b] || out.indices[a] - out.indices[b],
      );
      return {
        indices: Int32Array.from(order, (k) => out.indices[k]),
        distancesM: Float64Array.from(order, (k) => out.distancesM[k]),
      };
    },
    reachAll(sites: readonly SiteRef[], maxDistanceM: number): ReachTable {
      const out = new PairBuffer();
      const offsets = new Int32Array(sites.length + 1);
      sites.forEach((site, s) => {
        collect(site, maxDistanceM, out);
        offsets[s + 1] = out.length;
      });
      return { offsets, indices: out.indices.slice(0, out.length), distancesM: out.distancesM.slice(0, out.length) };
    },
  };
}
