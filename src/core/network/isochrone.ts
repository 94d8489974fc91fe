import { isobands } from '@turf/turf';
import type { Feature, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { LngLat } from '../types.ts';
import { projectOnSegment, toX, toY } from './local-metres.ts';
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
  const at = (e: number, f: number): Position => {
    const a = g.edgeFrom[e];
    const b = g.edgeTo[e];
    return [g.nodeLng[a] + f * (g.nodeLng[b] - g.nodeLng[a]), g.nodeLat[a] + f * (g.nodeLat[b] - g.nodeLat[a])];
  };
  const lines: Position[][] = [];
  const own = net.walkRoadEdge[snap.walk];
  if (snap.snapM > 0) lines.push([[site[0], site[1]], at(own, snap.t)]);

  // Per road edge, the share reached from its start and from its end (either sidewalk); on the
  // site's own edge also the stretch either side of the site.
  const search = new NetworkSearch(net);
  search.runFrom(snap, maxDistanceM);
  const reached = new Map<number, [fromStart: number, fromEnd: number]>([[own, [0, 0]]]);
  for (let s = 0; s < search.settledCount; s++) {
    const u = search.settled[s];
    const left = maxDistanceM - search.dist[u];
    for (let k = net.stateStart[u]; k < net.stateStart[u + 1]; k++) {
      const w = net.stateWalk[k];
      const e = net.walkRoadEdge[w];
      const r = reached.get(e) ?? [0, 0];
      const end = net.walkFrom[w] === u ? 0 : 1;
      r[end] = Math.max(r[end], Math.min(1, left / net.walkLengthM[w]));
      reached.set(e, r);
    }
  }
  const along = Math.max(0, maxDistanceM - snap.snapM) / g.edgeLengthM[own];
  for (const [e, [fromStart, fromEnd]] of reached) {
    const pieces: [number, number][] = [];
    if (fromStart > 0) pieces.push([0, fromStart]);
    if (fromEnd > 0) pieces.push([1 - fromEnd, 1]);
    if (e === own) pieces.push([Math.max(0, snap.t - along), Math.min(1, snap.t + along)]);
    if (pieces.length === 0) continue;
    pieces.sort((p, q) => p[0] - q[0]);
    let [lo, hi] = pieces[0];
    for (const [a, b] of pieces.slice(1)) {
      if (a <= hi) hi = Math.max(hi, b);
      else {
        lines.push([at(e, lo), at(e, hi)]);
        [lo, hi] = [a, b];
      }
    }
    lines.push([at(e, lo), at(e, hi)]);
  }
  return { type: 'Feature', properties: { radiusM: maxDistanceM }, geometry: { type: 'MultiLineString', coordinates: lines } };
}

/**
 * A walking-distance catchment for display: the band within `bufferM` of the reached streets, as
 * one (multi)polygon. Drawn as a contour of a distance field on a grid of bufferM / 3, since
 * buffering and unioning the streets with turf took ~1 s a school; the edge is within a few
 * metres of the exact buffer. Drawing only — membership comes from the network rule.
 */
export function networkIsochrone(net: WalkNetwork, site: LngLat, maxDistanceM: number, options: IsochroneOptions = {}): Feature<Polygon | MultiPolygon> | null {
  const lines = networkReachLines(net, site, maxDistanceM, options);
  if (!lines) return null;
  const bufferM = options.bufferM ?? 50;
  if (!(bufferM > 0)) throw new RangeError(`bufferM must be > 0, got ${bufferM}`);
  const p = net.plane;
  const segs: number[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const line of lines.geometry.coordinates) {
    for (const [lng, lat] of line) {
      const x = toX(p, lng);
      const y = toY(p, lat);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    for (let i = 0; i + 1 < line.length; i++) segs.push(toX(p, line[i][0]), toY(p, line[i][1]), toX(p, line[i + 1][0]), toY(p, line[i + 1][1]));
  }
  // Distance to the nearest reached street at each grid node, capped beyond the band; padded so
  // the contour closes inside the grid.
  const cell = bufferM / 3;
  const reachM = bufferM + cell;
  minX -= bufferM + 2 * cell;
  minY -= bufferM + 2 * cell;
  const nx = Math.ceil((maxX + bufferM + 2 * cell - minX) / cell) + 1;
  const ny = Math.ceil((maxY + bufferM + 2 * cell - minY) / cell) + 1;
  const field = new Float64Array(nx * ny).fill(2 * bufferM);
  for (let s = 0; s < segs.length; s += 4) {
    const [ax, ay, bx, by] = [segs[s], segs[s + 1], segs[s + 2], segs[s + 3]];
    const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - reachM - minX) / cell));
    const i1 = Math.min(nx - 1, Math.ceil((Math.max(ax, bx) + reachM - minX) / cell));
    const j0 = Math.max(0, Math.floor((Math.min(ay, by) - reachM - minY) / cell));
    const j1 = Math.min(ny - 1, Math.ceil((Math.max(ay, by) + reachM - minY) / cell));
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const d = Math.sqrt(projectOnSegment(minX + i * cell, minY + j * cell, ax, ay, bx, by).d2);
        if (d < field[j * nx + i]) field[j * nx + i] = d;
      }
    }
  }
  const grid: Feature<Point>[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const coordinates = [p.lng0 + (minX + i * cell) / p.mPerDegLng, p.lat0 + (minY + j * cell) / p.mPerDegLat];
      grid.push({ type: 'Feature', properties: { d: field[j * nx + i] }, geometry: { type: 'Point', coordinates } });
    }
  }
  const band = isobands({ type: 'FeatureCollection', features: grid }, [-1, bufferM], { zProperty: 'd' }).features[0];
  if (!band || band.geometry.coordinates.length === 0) return null;
  const polygons = band.geometry.coordinates;
  const geometry: Polygon | MultiPolygon = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  return { type: 'Feature', properties: { radiusM: maxDistanceM, bufferM }, geometry };
}
