import type { MultiPolygon, Polygon, Position } from 'geojson';
import { EARTH_RADIUS_M } from '../distance/haversine.ts';
import type { LngLat } from '../types.ts';

/** Metres per degree of latitude on the engine's sphere. */
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Where a polygon's residents are, assuming them spread evenly over its area. */
export interface PolygonShape {
  /** The area centroid (centre of mass), [lng, lat]. */
  lngLat: LngLat;
  /**
   * Radius of gyration in metres: the root-mean-square distance of the polygon's area from its
   * centroid — how far, on average, its residents live from the point that stands for them. A
   * square of side s: s / √6; a disc of radius a: a / √2. 0 for a polygon without area.
   */
  spreadM: number;
}

/**
 * The area centroid and spread of a Polygon or MultiPolygon, from the signed-area (shoelace)
 * moments of its rings in a local metric frame: MultiPolygon parts weighted by their areas, holes
 * subtracted (whatever the rings' winding). The frame is lon·cos(lat₀), lat with lat₀ the middle
 * latitude of the outer rings, an affine map of the coordinates, so the centroid is the planar centroid of the lon/lat polygon
 * (as turf's `centerOfMass` computes for a simple polygon, but also right for holes and
 * MultiPolygons, which `centerOfMass` treats as one ring or by vertex average).
 *
 * The centroid is kept even when it falls outside a concave polygon: it is the point with the
 * least mean squared distance to the polygon's residents, and a polygon large enough for the
 * difference to matter is split (see `split-polygon.ts`). A polygon without area (all vertices on
 * a line) falls back to the average of its vertices, with spread 0.
 */
export function polygonShape(geometry: Polygon | MultiPolygon): PolygonShape {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings = new FlatRingList();
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      for (const p of ring) rings.position(p[0], p[1]);
      rings.endRing(r === 0);
    });
  }
  return ringsShape(rings);
}

/**
 * Rings as flat numbers: ring r's positions are xy[2k], xy[2k + 1] for k from `ends[r - 1]` (0
 * for the first) to `ends[r]`; `outer[r]` is 1 when ring r is the first of a polygon. Reused from
 * shape to shape (`clear`), so a million polygons make no arrays.
 */
export class FlatRingList {
  xy = new Float64Array(64);
  ends = new Uint32Array(8);
  outer = new Uint8Array(8);
  positions = 0;
  rings = 0;

  clear(): void {
    this.positions = 0;
    this.rings = 0;
  }

  position(x: number, y: number): void {
    if (2 * this.positions + 2 > this.xy.length) this.xy = grow(this.xy, new Float64Array(2 * this.xy.length));
    this.xy[2 * this.positions] = x;
    this.xy[2 * this.positions + 1] = y;
    this.positions++;
  }

  endRing(startsPolygon: boolean): void {
    if (this.rings === this.ends.length) {
      this.ends = grow(this.ends, new Uint32Array(2 * this.rings));
      this.outer = grow(this.outer, new Uint8Array(2 * this.rings));
    }
    this.ends[this.rings] = this.positions;
    this.outer[this.rings] = startsPolygon ? 1 : 0;
    this.rings++;
  }
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** `polygonShape` of rings held flat (the first ring starts a polygon). */
export function ringsShape(list: FlatRingList): PolygonShape {
  const { xy, ends, outer, rings } = list;
  // Origin: the first vertex's longitude and the outer rings' middle latitude, so east–west metres
  // are true in the middle of the shape (the spread, not the centroid, depends on it).
  let south = Infinity;
  let north = -Infinity;
  for (let r = 0; r < rings; r++) {
    if (outer[r] !== 1) continue;
    for (let k = r === 0 ? 0 : ends[r - 1]; k < ends[r]; k++) {
      const y = xy[2 * k + 1];
      if (y < south) south = y;
      if (y > north) north = y;
    }
  }
  const lon0 = xy[0];
  const lat0 = (south + north) / 2;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const ky = M_PER_DEG;
  let area = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  for (let r = 0; r < rings; r++) {
    const from = r === 0 ? 0 : ends[r - 1];
    const to = ends[r];
    let a = 0;
    let mx = 0;
    let my = 0;
    let mxx = 0;
    let myy = 0;
    // Every edge, the closing one too (a zero-length edge when the ring repeats its first vertex).
    for (let i = from; i < to; i++) {
      const j = i + 1 < to ? i + 1 : from;
      const x1 = (xy[2 * i] - lon0) * kx;
      const y1 = (xy[2 * i + 1] - lat0) * ky;
      const x2 = (xy[2 * j] - lon0) * kx;
      const y2 = (xy[2 * j + 1] - lat0) * ky;
      const c = x1 * y2 - x2 * y1;
      a += c;
      mx += (x1 + x2) * c;
      my += (y1 + y2) * c;
      mxx += (x1 * x1 + x1 * x2 + x2 * x2) * c;
      myy += (y1 * y1 + y1 * y2 + y2 * y2) * c;
    }
    // Rings may wind either way: outer rings add their area, holes take theirs away.
    const sign = (a < 0 ? -1 : 1) * (outer[r] === 1 ? 1 : -1);
    area += (sign * a) / 2;
    sx += (sign * mx) / 6;
    sy += (sign * my) / 6;
    sxx += (sign * mxx) / 12;
    syy += (sign * myy) / 12;
  }
  if (!(area > 0)) return { lngLat: vertexAverage(list), spreadM: 0 };
  const cx = sx / area;
  const cy = sy / area;
  const spread2 = (sxx + syy) / area - cx * cx - cy * cy;
  return { lngLat: [lon0 + cx / kx, lat0 + cy / ky], spreadM: Math.sqrt(Math.max(0, spread2)) };
}

/** The area centroid alone (see `polygonShape`). */
export function areaCentroid(geometry: Polygon | MultiPolygon): LngLat {
  return polygonShape(geometry).lngLat;
}

/** Average of the vertices (each ring's closing vertex left out), as turf's `centroid`. */
function vertexAverage({ xy, ends, rings }: FlatRingList): LngLat {
  let x = 0;
  let y = 0;
  let n = 0;
  for (let r = 0; r < rings; r++) {
    const from = r === 0 ? 0 : ends[r - 1];
    const last = ends[r] - 1;
    const end = xy[2 * from] === xy[2 * last] && xy[2 * from + 1] === xy[2 * last + 1] ? last : ends[r];
    for (let i = from; i < end; i++) {
      x += xy[2 * i];
      y += xy[2 * i + 1];
      n++;
    }
  }
  return [x / n, y / n];
}
