import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../errors.ts';
import { geodesicRule } from '../distance/geodesic-rule.ts';
import { EARTH_RADIUS_M } from '../distance/haversine.ts';
import type { LngLat } from '../types.ts';
import type { SitingSite } from './types.ts';

export interface GridCandidateOptions {
  /** Demand still without a place (weight > 0 counts); the grid only goes where it is. */
  unserved: readonly { lngLat: LngLat; weight: number }[];
  /** Grid spacing in metres. */
  spacingM: number;
  /** A grid point needs unserved demand within this distance (default: the spacing). */
  reachM?: number;
  /** Parks, water, or any polygons where nothing may be built. */
  exclude?: readonly (Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>)[];
  /** Existing facilities: grid points closer than `minSpacingM` to one are dropped. */
  existing?: readonly LngLat[];
  minSpacingM?: number;
  /** Keep at most this many, those with the most unserved demand in reach first. */
  maxCandidates?: number;
}

/**
 * Candidate sites on a regular grid over the unserved demand: points with unserved demand in
 * reach, outside every exclusion zone and at least `minSpacingM` from an existing facility. Ids
 * are `grid-<row>-<col>`, stable for the same inputs.
 */
export function gridCandidates(opts: GridCandidateOptions): SitingSite[] {
  const { spacingM } = opts;
  if (!(spacingM > 0)) throw new InputError('candidates', `grid spacing must be positive, got ${spacingM}`);
  const demand = opts.unserved.filter((d) => d.weight > 0);
  if (demand.length === 0) return [];
  const reachM = opts.reachM ?? spacingM;
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { lngLat } of demand) {
    minLng = Math.min(minLng, lngLat[0]);
    maxLng = Math.max(maxLng, lngLat[0]);
    minLat = Math.min(minLat, lngLat[1]);
    maxLat = Math.max(maxLat, lngLat[1]);
  }
  // Degrees per metre at the middle latitude: a city is small enough for one scale.
  const dLat = (spacingM / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const rows = Math.floor((maxLat - minLat) / dLat) + 1;
  const cols = Math.floor((maxLng - minLng) / dLng) + 1;
  if (rows * cols > 4_000_000) throw new InputError('candidates', `a ${spacingM} m grid over this area has ${rows * cols} points; use a larger spacing`);
  const demandRule = geodesicRule(demand.map((d) => d.lngLat));
  const existingRule = opts.existing && opts.existing.length > 0 && (opts.minSpacingM ?? 0) > 0 ? geodesicRule(opts.existing) : undefined;
  const zones = (opts.exclude ?? []).map((z) => ({ zone: z, box: turfBbox(z) }));
  const out: { site: SitingSite; weight: number }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const lngLat: LngLat = [minLng + c * dLng, minLat + r * dLat];
      const id = `grid-${r}-${c}`;
      const near = demandRule.reach({ id, lngLat }, reachM);
      if (near.indices.length === 0) continue;
      if (existingRule && existingRule.reach({ id, lngLat }, opts.minSpacingM!).indices.length > 0) continue;
      const [x, y] = lngLat;
      if (zones.some(({ zone, box }) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3] && booleanPointInPolygon([x, y], zone))) continue;
      let weight = 0;
      for (const i of near.indices) weight += demand[i].weight;
      out.push({ site: { id, lngLat }, weight });
    }
  }
  if (opts.maxCandidates !== undefined && out.length > opts.maxCandidates) {
    out.sort((a, b) => b.weight - a.weight || (a.site.id < b.site.id ? -1 : 1));
    out.length = opts.maxCandidates;
  }
  return out.map((o) => o.site);
}
