import { area, bbox } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { EARTH_RADIUS_M } from '../distance/haversine.ts';
import type { LngLat } from '../types.ts';
import { polygonShape } from './polygon-shape.ts';

/**
 * A population polygon is split when its spread (radius of gyration, `polygonShape`) exceeds this
 * share of the service radius: its residents live, on average, more than a quarter of the radius
 * from its centroid. A square is split from a side of √6 / 4 ≈ 0.61 × the radius (306 m at 500 m,
 * 184 m at 300 m), so the demo's 150 m cells stay whole at every preset radius (300 m and up).
 */
export const SPLIT_SPREAD_SHARE = 1 / 4;

/** A split polygon is cut along a grid of rectangles at most this share of the radius on a side. */
export const PART_SIDE_SHARE = 1 / 5;

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Whether a polygon of this spread is split at this service radius. */
export function splitsAt(spreadM: number, radiusM: number): boolean {
  return spreadM > radiusM * SPLIT_SPREAD_SHARE;
}

/** One part of a split polygon. */
export interface PolygonPart {
  polygon: Polygon | MultiPolygon;
  /** The part's own area centroid. */
  lngLat: LngLat;
  /** Share of the whole polygon's area (and so of its residents), 0..1. */
  share: number;
}

/**
 * Cuts a polygon along a grid fitted to its bounding box: nx × ny equal rectangles in lon/lat,
 * nx = ⌈width / side⌉ and ny = ⌈height / side⌉ with side = radiusM × PART_SIDE_SHARE (widths in
 * metres at the box's middle latitude), so each is at most `side` on a side and none is a sliver
 * along the box's edges. Each rectangle's intersection with the polygon is a part (empty ones
 * dropped; clipped ring by ring, see `clipPolygons`); its share is its area (turf `area`, on the
 * sphere) over the sum of the parts' areas. Parts run row by row from the south-west, except that
 * the smallest comes last (see `partAmounts`). Columns are cut first and each column into rows, so
 * a polygon of n vertices costs about n × nx plus the columns' vertices × ny, not n × nx × ny.
 */
export function splitPolygon(geometry: Polygon | MultiPolygon, radiusM: number): PolygonPart[] {
  const [minX, minY, maxX, maxY] = bbox(geometry);
  const side = radiusM * PART_SIDE_SHARE;
  const cosLat = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  // A hair below each whole count, so a box of exactly k sides is cut k times, not k + 1.
  const nx = Math.max(1, Math.ceil(((maxX - minX) * M_PER_DEG * cosLat) / side - 1e-6));
  const ny = Math.max(1, Math.ceil(((maxY - minY) * M_PER_DEG) / side - 1e-6));
  // Outer cuts lie beyond the box so no cut runs along the polygon's own outer edges.
  const xs = Array.from({ length: nx + 1 }, (_, i) => (i === 0 ? -Infinity : i === nx ? Infinity : minX + ((maxX - minX) * i) / nx));
  const ys = Array.from({ length: ny + 1 }, (_, j) => (j === 0 ? -Infinity : j === ny ? Infinity : minY + ((maxY - minY) * j) / ny));
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

  const cells: Position[][][][] = Array.from({ length: nx * ny }, () => []);
  for (let i = 0; i < nx; i++) {
    const column = clipPolygons(polygons, 0, xs[i], xs[i + 1]);
    if (column.length === 0) continue;
    for (let j = 0; j < ny; j++) cells[j * nx + i] = clipPolygons(column, 1, ys[j], ys[j + 1]);
  }
  const pieces = cells
    .filter((c) => c.length > 0)
    .map((c) => {
      const polygon: Polygon | MultiPolygon = c.length === 1 ? { type: 'Polygon', coordinates: c[0] } : { type: 'MultiPolygon', coordinates: c };
      return { polygon, areaM2: area(polygon) };
    });
  const total = pieces.reduce((s, p) => s + p.areaM2, 0);
  // Slivers from floating-point noise along the cuts hold no residents.
  const kept = pieces.filter((p) => p.areaM2 > total * 1e-9);
  const sum = kept.reduce((s, p) => s + p.areaM2, 0);
  if (kept.length === 0 || !(sum > 0)) return [{ polygon: geometry, lngLat: polygonShape(geometry).lngLat, share: 1 }];
  let smallest = 0;
  kept.forEach((p, k) => {
    if (p.areaM2 < kept[smallest].areaM2) smallest = k;
  });
  const ordered = [...kept.slice(0, smallest), ...kept.slice(smallest + 1), kept[smallest]];
  return ordered.map((p) => ({ polygon: p.polygon, lngLat: polygonShape(p.polygon).lngLat, share: p.areaM2 / sum }));
}

/**
 * The polygons' parts with lo ≤ coordinate `axis` ≤ hi (0: longitude, 1: latitude): each ring
 * clipped on its own (Sutherland–Hodgman against the two lines), rings left without area dropped,
 * a polygon whose outer ring is left without area dropped whole. Where the band cuts a concave
 * ring in two, the result is one ring whose pieces are joined by a pair of opposite edges along
 * the cut: of no area, so areas, centroids and overlaps are those of the true pieces.
 */
function clipPolygons(polygons: readonly Position[][][], axis: 0 | 1, lo: number, hi: number): Position[][][] {
  const out: Position[][][] = [];
  for (const rings of polygons) {
    const outer = clipRing(rings[0], axis, lo, hi);
    if (!outer) continue;
    const kept = [outer];
    for (let r = 1; r < rings.length; r++) {
      const hole = clipRing(rings[r], axis, lo, hi);
      if (hole) kept.push(hole);
    }
    out.push(kept);
  }
  return out;
}

/** A closed ring clipped to lo ≤ p[axis] ≤ hi, closed again; null when nothing with area is left. */
function clipRing(ring: readonly Position[], axis: 0 | 1, lo: number, hi: number): Position[] | null {
  let pts = openRing(ring);
  if (lo > -Infinity) pts = clipHalf(pts, axis, lo, 1);
  if (hi < Infinity) pts = clipHalf(pts, axis, hi, -1);
  if (pts.length < 3) return null;
  let twiceArea = 0;
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % pts.length];
    twiceArea += (a[0] - pts[0][0]) * (b[1] - pts[0][1]) - (b[0] - pts[0][0]) * (a[1] - pts[0][1]);
  }
  if (twiceArea === 0) return null;
  return [...pts, pts[0]];
}

/** The ring's vertices without the repeated closing one. */
function openRing(ring: readonly Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring.slice(0, -1) : ring.slice();
}

/** One Sutherland–Hodgman step: the part of a ring with sign × (p[axis] − at) ≥ 0. */
function clipHalf(pts: readonly Position[], axis: 0 | 1, at: number, sign: 1 | -1): Position[] {
  const out: Position[] = [];
  const n = pts.length;
  for (let i = 0; i < n; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % n];
    const da = sign * (a[axis] - at);
    const db = sign * (b[axis] - at);
    if (da >= 0) out.push(a);
    if ((da >= 0) !== (db >= 0) && da !== 0 && db !== 0) {
      const t = da / (da - db);
      const p: Position = axis === 0 ? [at, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), at];
      out.push(p);
    }
  }
  return out;
}

/**
 * `total` shared among parts by their shares: each part its share of it, the last part (the
 * smallest, as `splitPolygon` orders them) what the others leave. The others then hold at least
 * half of `total`, so the remainder is exact and the parts, added in order, give back `total`
 * exactly.
 */
export function partAmounts(total: number, parts: readonly { share: number }[]): number[] {
  const out = new Array<number>(parts.length);
  let given = 0;
  for (let k = 0; k + 1 < parts.length; k++) {
    out[k] = total * parts[k].share;
    given += out[k];
  }
  out[parts.length - 1] = Math.max(0, total - given);
  return out;
}
