import { buffer } from '@turf/turf';
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { LngLat } from '../types.ts';
import { DEFAULT_MAX_SNAP_M } from './network-rule.ts';
import { NetworkSearch } from './search.ts';
import { snapPoint, type WalkNetwork } from './walk-network.ts';

export interface ReachLinesOptions {
  /** A site farther than this from every road reaches nothing (default 250 m). */
  maxSnapM?: number;
}

export interface IsochroneOptions extends ReachLinesOptions {
  /** Half-width of the band drawn round the reached streets (default 50 m). */
  bufferM?: number;
  /** Segments per quarter circle at the band's ends (turf's `steps`, default 4). */
  steps?: number;
}

/**
 * The streets a pedestrian from `site` reaches within `maxDistanceM`: whole edges, and edges cut
 * where the remaining distance runs out, plus the walk from the site to its road. Both sidewalks
 * of a barrier road are one line here. Null when the site is too far from every road.
 */
export function networkReachLines(net: WalkNetwork, site: LngLat, maxDistanceM: number, options: ReachLinesOptions = {}): Feature<MultiLineString> | null {
  const snap = snapPoint(net, site[0], site[1], options.maxSnapM ?? DEFAULT_MAX_SNAP_M);
  if (!snap) return null;
  const g = net.graph;
  const at = (v: number, w: number, f: number): Position => [
    g.nodeLng[v] + f * (g.nodeLng[w] - g.nodeLng[v]),
    g.nodeLat[v] + f * (g.nodeLat[w] - g.nodeLat[v]),
  ];
  const lines: Position[][] = [];
  const roadEdge = net.walkRoadEdge[snap.walk];
  const a = g.edgeFrom[roadEdge];
  const b = g.edgeTo[roadEdge];
  const foot = at(a, b, snap.t);
  const along = Math.max(0, maxDistanceM - snap.snapM) / g.edgeLengthM[roadEdge];
  if (snap.snapM > 0) lines.push([[site[0], site[1]], foot]);
  lines.push([at(a, b, Math.max(0, snap.t - along)), foot, at(a, b, Math.min(1, snap.t + along))]);

  const search = new NetworkSearch(net);
  search.runFrom(snap, maxDistanceM);
  const { dist, settled } = search;
  const whole = new Set<number>();
  for (let s = 0; s < search.settledCount; s++) {
    const u = settled[s];
    const left = maxDistanceM - dist[u];
    for (let k = net.stateStart[u]; k < net.stateStart[u + 1]; k++) {
      const w = net.stateWalk[k];
      const e = net.walkRoadEdge[w];
      const from = net.stateNode[u];
      const to = g.edgeFrom[e] === from ? g.edgeTo[e] : g.edgeFrom[e];
      if (left >= net.walkLengthM[w]) {
        // Whole edges once, though both ends and both sidewalks reach them.
        if (whole.has(e)) continue;
        whole.add(e);
        lines.push([at(from, to, 0), at(from, to, 1)]);
      } else if (left > 0) {
        lines.push([at(from, to, 0), at(from, to, left / net.walkLengthM[w])]);
      }
    }
  }
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } };
}

/**
 * A walking-distance catchment for display: the reached streets buffered by `bufferM` into one
 * (multi)polygon. Drawing only — membership comes from the network rule, never from this shape.
 */
export function networkIsochrone(net: WalkNetwork, site: LngLat, maxDistanceM: number, options: IsochroneOptions = {}): Feature<Polygon | MultiPolygon> | null {
  const lines = networkReachLines(net, site, maxDistanceM, options);
  if (!lines) return null;
  const shape = buffer(lines, options.bufferM ?? 50, { units: 'meters', steps: options.steps ?? 4 });
  return shape ? { type: 'Feature', properties: { radiusM: maxDistanceM }, geometry: shape.geometry } : null;
}
