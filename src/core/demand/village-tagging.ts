import { bbox } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { LngLat } from '../types.ts';
import type { UrbanVillage } from './urban-villages.ts';

/** Part of a cell's residents living in one village. */
export interface VillageShare {
  /** Index into the villages array the tagger was built over. */
  village: number;
  /** Share of the cell's residents, 0..1 (by area for polygons, 1 for a point inside). */
  share: number;
}

const RAD = Math.PI / 180;

/**
 * Coordinates on Lambert's cylindrical equal-area plane, x = longitude, y = sin(latitude) (in
 * degrees' scale): planar areas there are areas on the sphere, by the same trapezoid rule turf's
 * `area` sums, so shares are ratios of true areas.
 */
const planeY = (lat: number) => Math.sin(lat * RAD) / RAD;

/** Points closer than this (plane units, about 1e-5 m) are on a boundary. */
const EPS = 1e-10;

/**
 * The directed edges of a polygon's rings on the equal-area plane, outer rings counter-clockwise
 * and holes clockwise, so ½ Σ (x₁y₂ − x₂y₁) over any part of the boundary is its share of the area
 * (Green's theorem). Villages index their edges, so a query touches only the edges near a place.
 */
interface Edges {
  x1: Float64Array;
  y1: Float64Array;
  x2: Float64Array;
  y2: Float64Array;
  /** Absent for cells (a handful of edges, scanned directly). */
  index: Flatbush | null;
  box: [number, number, number, number];
}

function edgesOf(polygon: Polygon | MultiPolygon, indexed: boolean): Edges {
  const polygons = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
  const rings: { ring: Position[]; outer: boolean }[] = polygons.flatMap((p) => p.map((ring, k) => ({ ring, outer: k === 0 })));
  const n = rings.reduce((s, r) => s + Math.max(0, r.ring.length - 1), 0);
  const e: Edges = { x1: new Float64Array(n), y1: new Float64Array(n), x2: new Float64Array(n), y2: new Float64Array(n), index: null, box: [Infinity, Infinity, -Infinity, -Infinity] };
  let k = 0;
  for (const { ring, outer } of rings) {
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => planeY(p[1]));
    let twice = 0;
    for (let i = 0; i + 1 < ring.length; i++) twice += xs[i] * ys[i + 1] - xs[i + 1] * ys[i];
    // A ring drawn the other way round is reversed so its area counts with the right sign.
    const flip = outer ? twice < 0 : twice > 0;
    for (let i = 0; i + 1 < ring.length; i++, k++) {
      const [a, b] = flip ? [i + 1, i] : [i, i + 1];
      e.x1[k] = xs[a];
      e.y1[k] = ys[a];
      e.x2[k] = xs[b];
      e.y2[k] = ys[b];
      e.box[0] = Math.min(e.box[0], xs[i]);
      e.box[1] = Math.min(e.box[1], ys[i]);
      e.box[2] = Math.max(e.box[2], xs[i]);
      e.box[3] = Math.max(e.box[3], ys[i]);
    }
  }
  if (indexed && n > 0) {
    const index = new Flatbush(n);
    for (let i = 0; i < n; i++) index.add(Math.min(e.x1[i], e.x2[i]), Math.min(e.y1[i], e.y2[i]), Math.max(e.x1[i], e.x2[i]), Math.max(e.y1[i], e.y2[i]));
    index.finish();
    e.index = index;
  }
  return e;
}

/** Edges whose box meets [minX, minY, maxX, maxY]: from the index, or every edge of a cell. */
function near(e: Edges, minX: number, minY: number, maxX: number, maxY: number): number[] {
  if (e.index) return e.index.search(minX - EPS, minY - EPS, maxX + EPS, maxY + EPS);
  return Array.from({ length: e.x1.length }, (_, i) => i);
}

/**
 * Where (x, y) lies against a polygon's edges: inside, outside, or on an edge (with that edge's
 * direction, to tell shared boundaries that run the same way from those that run against).
 * A ray to the east counts crossings; only edges in its strip are looked at.
 */
function locate(e: Edges, x: number, y: number): { on: [number, number] } | boolean {
  let inside = false;
  for (const i of near(e, x, y, e.box[2], y)) {
    const ax = e.x1[i];
    const ay = e.y1[i];
    const bx = e.x2[i];
    const by = e.y2[i];
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy);
    const t = len > 0 ? ((x - ax) * dx + (y - ay) * dy) / (len * len) : 0;
    if (len > 0 && t >= -EPS && t <= 1 + EPS && Math.abs((x - ax) * dy - (y - ay) * dx) / len <= EPS) return { on: [dx, dy] };
    if (ay > y !== by > y && x < ax + ((y - ay) * dx) / dy) inside = !inside;
  }
  return inside;
}

/** Parameters along a→b where it meets the edge c→d (its ends, where the two run together). */
function crossings(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number, out: number[]): void {
  const rx = bx - ax;
  const ry = by - ay;
  const sx = dx - cx;
  const sy = dy - cy;
  const qx = cx - ax;
  const qy = cy - ay;
  const rxs = rx * sy - ry * sx;
  const rr = rx * rx + ry * ry;
  if (rr === 0) return;
  const scale = Math.sqrt(rr) * Math.hypot(sx, sy);
  if (Math.abs(rxs) <= 1e-12 * scale) {
    // Parallel: only collinear overlaps matter, split at the other edge's ends.
    if (Math.abs(qx * ry - qy * rx) / Math.sqrt(rr) > EPS) return;
    out.push((qx * rx + qy * ry) / rr, ((qx + sx) * rx + (qy + sy) * ry) / rr);
    return;
  }
  const t = (qx * sy - qy * sx) / rxs;
  const u = (qx * ry - qy * rx) / rxs;
  if (u >= -1e-12 && u <= 1 + 1e-12) out.push(t);
}

/**
 * Twice the area of (the pieces of) `from`'s edges `ids` that lie inside `other`: each edge is cut
 * where `other`'s nearby edges meet it, and each piece counts when its midpoint is inside, or on a
 * boundary running the same way when `shared` (so a shared edge counts once, from one side).
 */
function insidePart(from: Edges, ids: Iterable<number>, other: Edges, shared: boolean, ox: number, oy: number): number {
  let twice = 0;
  const ts: number[] = [];
  for (const i of ids) {
    const ax = from.x1[i];
    const ay = from.y1[i];
    const bx = from.x2[i];
    const by = from.y2[i];
    ts.length = 0;
    ts.push(0, 1);
    for (const j of near(other, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      crossings(ax, ay, bx, by, other.x1[j], other.y1[j], other.x2[j], other.y2[j], ts);
    }
    const cuts = ts.filter((t) => t >= 0 && t <= 1).sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const t0 = cuts[k];
      const t1 = cuts[k + 1];
      if (t1 - t0 <= 1e-12) continue;
      const tm = (t0 + t1) / 2;
      const where = locate(other, ax + tm * (bx - ax), ay + tm * (by - ay));
      const counts = typeof where === 'boolean' ? where : shared && where.on[0] * (bx - ax) + where.on[1] * (by - ay) > 0;
      if (!counts) continue;
      // Relative to a nearby origin: products of whole coordinates would cancel away the digits.
      const px = ax + t0 * (bx - ax) - ox;
      const py = ay + t0 * (by - ay) - oy;
      const qx = ax + t1 * (bx - ax) - ox;
      const qy = ay + t1 * (by - ay) - oy;
      twice += px * qy - qx * py;
    }
  }
  return twice;
}

/** Twice a cell's area on the equal-area plane (about its own corner, for precision). */
function twiceArea(e: Edges): number {
  const [ox, oy] = e.box;
  let twice = 0;
  for (let i = 0; i < e.x1.length; i++) twice += (e.x1[i] - ox) * (e.y2[i] - oy) - (e.x2[i] - ox) * (e.y1[i] - oy);
  return twice;
}

/**
 * Area of cell ∩ village ÷ area of the cell, by Green's theorem: the boundary of the overlap is the
 * cell's boundary inside the village plus the village's boundary inside the cell. Only village
 * edges near the cell are cut or summed, so the time grows with the vertices near the cell, not
 * with the village's whole outline.
 */
function overlapShare(cell: Edges, cellTwice: number, village: Edges): number {
  const [minX, minY, maxX, maxY] = cell.box;
  const cellPart = insidePart(cell, near(cell, minX, minY, maxX, maxY), village, true, minX, minY);
  const villagePart = insidePart(village, near(village, minX, minY, maxX, maxY), cell, false, minX, minY);
  return Math.max(0, (cellPart + villagePart) / cellTwice);
}

/**
 * Finds which urban villages a cell lies in. Village bounding boxes go into a Flatbush index, so
 * each cell only tests the few villages whose box it touches; a polygon cell straddling a
 * boundary is split by the area share of its intersection with each village (residents assumed
 * evenly spread within a cell).
 */
export function villageTagger(villages: readonly UrbanVillage[]): (lngLat: LngLat, polygon: Polygon | MultiPolygon | null) => VillageShare[] {
  if (villages.length === 0) return () => [];
  const index = new Flatbush(villages.length);
  for (const v of villages) {
    const [minX, minY, maxX, maxY] = bbox(v.polygon);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  // Each village's edge index is built the first time a cell touches it.
  const edges: (Edges | undefined)[] = [];
  const edgesAt = (i: number): Edges => (edges[i] ??= edgesOf(villages[i].polygon, true));

  const pointShares = (lngLat: LngLat): VillageShare[] => {
    // Overlapping villages are a data error; the first listed one wins so residents count once.
    const candidates = index.search(lngLat[0], lngLat[1], lngLat[0], lngLat[1]).sort((a, b) => a - b);
    const y = planeY(lngLat[1]);
    const hit = candidates.find((i) => locate(edgesAt(i), lngLat[0], y) !== false);
    return hit === undefined ? [] : [{ village: hit, share: 1 }];
  };

  return (lngLat, polygon) => {
    if (!polygon) return pointShares(lngLat);
    const cell = edgesOf(polygon, false);
    const cellTwice = twiceArea(cell);
    if (!(cellTwice > 0)) return pointShares(lngLat);
    const [minX, minY, maxX, maxY] = bbox(polygon);
    const candidates = index.search(minX, minY, maxX, maxY).sort((a, b) => a - b);
    const shares: VillageShare[] = [];
    let total = 0;
    for (const i of candidates) {
      const share = Math.min(1 - total, overlapShare(cell, cellTwice, edgesAt(i)));
      // Slivers from floating-point noise on shared edges are not residents.
      if (share > 1e-6) {
        shares.push({ village: i, share });
        total += share;
      }
    }
    return shares;
  };
}
