/**
 * Planar geometry in local metres (x east, y north, origin 113.62 E 34.72 N) and the affine
 * metre↔degree conversion the demo uses. The conversion is affine, so straight edges and
 * point-in-polygon answers are the same in metres and in degrees.
 */
import type { Position } from 'geojson';

export type XY = [number, number];
export type Ring = XY[]; // open ring (first vertex not repeated)

export const ORIGIN_LNG = 113.62;
export const ORIGIN_LAT = 34.72;
/** Mean Earth radius (m), as turf uses. */
const R = 6_371_008.8;
export const M_PER_DEG_LAT = (R * Math.PI) / 180;
export const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((ORIGIN_LAT * Math.PI) / 180);

export function round6(v: number): number {
  const r = Math.round(v * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

export function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
}

export function toLngLat(p: XY): Position {
  return [round6(ORIGIN_LNG + p[0] / M_PER_DEG_LNG), round6(ORIGIN_LAT + p[1] / M_PER_DEG_LAT)];
}

export function toXY(p: Position): XY {
  return [(p[0] - ORIGIN_LNG) * M_PER_DEG_LNG, (p[1] - ORIGIN_LAT) * M_PER_DEG_LAT];
}

/** Closed GeoJSON ring (counter-clockwise, RFC 7946) from an open metre ring. */
export function ringToLngLat(ring: Ring): Position[] {
  const r = signedArea(ring) < 0 ? [...ring].reverse() : ring;
  const out = r.map(toLngLat);
  out.push([out[0][0], out[0][1]]);
  return out;
}

export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % n];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

export function ringArea(ring: Ring): number {
  return Math.abs(signedArea(ring));
}

export function pointInRing(p: XY, ring: Ring): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function distPointSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Distance from a point to the edges of a ring (or polyline when `closed` is false). */
export function distToEdges(p: XY, pts: XY[], closed = true): number {
  let best = Infinity;
  const n = pts.length;
  const m = closed ? n : n - 1;
  for (let i = 0; i < m; i++) best = Math.min(best, distPointSegment(p, pts[i], pts[(i + 1) % n]));
  return best;
}

/** Segment intersection: returns [t, s] along a→b and c→d, or null. */
export function segIntersect(a: XY, b: XY, c: XY, d: XY): [number, number] | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12) return null;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / den;
  const s = (qx * ry - qy * rx) / den;
  if (t < -1e-9 || t > 1 + 1e-9 || s < -1e-9 || s > 1 + 1e-9) return null;
  return [t, s];
}

/**
 * Minimum distance between two polylines/rings (0 when they cross or one contains the other).
 * Distances above `limit` are only reported as "more than `limit`".
 */
export function shapeDistance(a: XY[], aClosed: boolean, b: XY[], bClosed: boolean, limit = 500): number {
  if (bClosed && pointInRing(a[0], b)) return 0;
  if (aClosed && pointInRing(b[0], a)) return 0;
  return edgeDistance(a, aClosed, b, bClosed, limit);
}

type Seg = [XY, XY];

function segments(pts: XY[], closed: boolean, box: [number, number, number, number], pad: number): Seg[] {
  const out: Seg[] = [];
  const n = closed ? pts.length : pts.length - 1;
  for (let i = 0; i < n; i++) {
    const p = pts[i];
    const q = pts[(i + 1) % pts.length];
    if (Math.max(p[0], q[0]) < box[0] - pad || Math.min(p[0], q[0]) > box[2] + pad) continue;
    if (Math.max(p[1], q[1]) < box[1] - pad || Math.min(p[1], q[1]) > box[3] + pad) continue;
    out.push([p, q]);
  }
  return out;
}

/**
 * Minimum distance between the edges of two polylines/rings (0 when they cross); ignores
 * containment. Distances above `limit` are only reported as "more than `limit`".
 */
export function edgeDistance(a: XY[], aClosed: boolean, b: XY[], bClosed: boolean, limit = 500): number {
  const ba = bboxOf(a);
  const bb = bboxOf(b);
  const gap = Math.max(ba[0] - bb[2], bb[0] - ba[2], ba[1] - bb[3], bb[1] - ba[3]);
  if (gap > limit) return gap;
  const sa = segments(a, aClosed, bb, limit);
  const sb = segments(b, bClosed, ba, limit);
  let best = limit + 1;
  for (const [p, q] of sa)
    for (const [r, t] of sb) {
      if (segIntersect(p, q, r, t)) return 0;
      best = Math.min(best, distPointSegment(p, r, t), distPointSegment(q, r, t), distPointSegment(r, p, q), distPointSegment(t, p, q));
    }
  return best;
}

export function bboxOf(pts: XY[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of pts) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** A star-shaped irregular blob around `c`: radii `rx`, `ry`, rotated by `rot`, radial noise. */
export function blob(
  c: XY,
  rx: number,
  ry: number,
  rot: number,
  n: number,
  jitter: (i: number) => number,
): Ring {
  const out: Ring = [];
  const cr = Math.cos(rot);
  const sr = Math.sin(rot);
  for (let i = 0; i < n; i++) {
    const th = (2 * Math.PI * i) / n;
    const k = jitter(i);
    const x = rx * Math.cos(th) * k;
    const y = ry * Math.sin(th) * k;
    out.push([c[0] + x * cr - y * sr, c[1] + x * sr + y * cr]);
  }
  return out;
}

/**
 * A strip polygon around a polyline with half-width `half(s)` (s = distance along the line).
 * The line must bend gently relative to the width.
 */
export function strip(line: XY[], half: (s: number) => number): Ring {
  const left: XY[] = [];
  const right: XY[] = [];
  let s = 0;
  for (let i = 0; i < line.length; i++) {
    const p = line[i];
    const a = line[Math.max(0, i - 1)];
    const b = line[Math.min(line.length - 1, i + 1)];
    let tx = b[0] - a[0];
    let ty = b[1] - a[1];
    const l = Math.hypot(tx, ty) || 1;
    tx /= l;
    ty /= l;
    if (i > 0) s += Math.hypot(p[0] - line[i - 1][0], p[1] - line[i - 1][1]);
    const h = half(s);
    left.push([p[0] - ty * h, p[1] + tx * h]);
    right.push([p[0] + ty * h, p[1] - tx * h]);
  }
  return [...left, ...right.reverse()];
}

/** Resample a polyline every ~`step` metres (keeps the end points). */
export function densify(line: XY[], step: number): XY[] {
  const out: XY[] = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
    for (let k = 1; k <= n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  return out;
}

export function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
