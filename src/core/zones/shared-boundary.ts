import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { localMetres, toX, toY } from '../network/local-metres.ts';

export interface SharedBoundaryOptions {
  /** Edges closer than this (metres) count as one boundary: digitising gaps and slivers. */
  toleranceM: number;
  /** Polygons are neighbours when they share at least this length of boundary (metres): a corner is not enough. */
  minSharedM: number;
}

/** Edges of all polygons on a local metric plane, with the polygon each belongs to. */
interface EdgeSet {
  x1: Float64Array;
  y1: Float64Array;
  x2: Float64Array;
  y2: Float64Array;
  owner: Int32Array;
}

function ringsOf(p: Polygon | MultiPolygon): number[][][] {
  return p.type === 'Polygon' ? p.coordinates : p.coordinates.flat();
}

function edgesOf(polygons: readonly (Polygon | MultiPolygon)[]): EdgeSet {
  const lngs: number[] = [];
  const lats: number[] = [];
  let n = 0;
  for (const p of polygons) {
    for (const ring of ringsOf(p)) {
      n += Math.max(0, ring.length - 1);
      // A vertex per ring is enough to place the plane's origin.
      lngs.push(ring[0][0]);
      lats.push(ring[0][1]);
    }
  }
  const frame = localMetres(lngs, lats);
  const e: EdgeSet = { x1: new Float64Array(n), y1: new Float64Array(n), x2: new Float64Array(n), y2: new Float64Array(n), owner: new Int32Array(n) };
  let k = 0;
  polygons.forEach((p, owner) => {
    for (const ring of ringsOf(p)) {
      for (let i = 0; i + 1 < ring.length; i++, k++) {
        e.x1[k] = toX(frame, ring[i][0]);
        e.y1[k] = toY(frame, ring[i][1]);
        e.x2[k] = toX(frame, ring[i + 1][0]);
        e.y2[k] = toY(frame, ring[i + 1][1]);
        e.owner[k] = owner;
      }
    }
  });
  return e;
}

/**
 * Length of segment a→b lying along segment c→d: where both ends of c→d are within `tol` of the
 * line through a→b, the part of a→b between their projections. Zero for segments that cross or
 * only touch at a point.
 */
function along(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number, tol: number): number {
  const ux = bx - ax;
  const uy = by - ay;
  const len = Math.hypot(ux, uy);
  if (len === 0) return 0;
  const hc = Math.abs((cx - ax) * uy - (cy - ay) * ux) / len;
  const hd = Math.abs((dx - ax) * uy - (dy - ay) * ux) / len;
  if (hc > tol || hd > tol) return 0;
  const tc = ((cx - ax) * ux + (cy - ay) * uy) / len;
  const td = ((dx - ax) * ux + (dy - ay) * uy) / len;
  return Math.max(0, Math.min(len, Math.max(tc, td)) - Math.max(0, Math.min(tc, td)));
}

/**
 * Which polygons share a boundary: for each polygon, the indices of the others along whose edges
 * at least `minSharedM` of its own edges run (within `toleranceM`), ascending. Two squares meeting
 * at a corner are not neighbours; two zones digitised a metre apart are. Each edge pair is
 * measured from both sides (the shorter edge along the longer), so a boundary digitised with
 * different vertices on each side still counts.
 */
export function sharedBoundaryNeighbours(polygons: readonly (Polygon | MultiPolygon)[], options: SharedBoundaryOptions): number[][] {
  const tol = options.toleranceM;
  const e = edgesOf(polygons);
  const n = e.owner.length;
  const shared = polygons.map(() => new Map<number, number>());
  if (n === 0) return polygons.map(() => []);
  const index = new Flatbush(n);
  for (let k = 0; k < n; k++) {
    index.add(Math.min(e.x1[k], e.x2[k]) - tol, Math.min(e.y1[k], e.y2[k]) - tol, Math.max(e.x1[k], e.x2[k]) + tol, Math.max(e.y1[k], e.y2[k]) + tol);
  }
  index.finish();
  for (let k = 0; k < n; k++) {
    const a = e.owner[k];
    const found = index.search(Math.min(e.x1[k], e.x2[k]), Math.min(e.y1[k], e.y2[k]), Math.max(e.x1[k], e.x2[k]), Math.max(e.y1[k], e.y2[k]));
    for (const j of found) {
      const b = e.owner[j];
      // Each pair once (a < b); the length counts for both.
      if (b <= a) continue;
      const length = Math.max(
        along(e.x1[k], e.y1[k], e.x2[k], e.y2[k], e.x1[j], e.y1[j], e.x2[j], e.y2[j], tol),
        along(e.x1[j], e.y1[j], e.x2[j], e.y2[j], e.x1[k], e.y1[k], e.x2[k], e.y2[k], tol),
      );
      if (length > 0) shared[a].set(b, (shared[a].get(b) ?? 0) + length);
    }
  }
  const out: number[][] = polygons.map(() => []);
  shared.forEach((m, a) => {
    for (const [b, length] of m) {
      if (length < options.minSharedM) continue;
      out[a].push(b);
      out[b].push(a);
    }
  });
  for (const list of out) list.sort((x, y) => x - y);
  return out;
}
