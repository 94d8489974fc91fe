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
  // Origin: the first vertex's longitude and the outer rings' middle latitude, so east–west metres
  // are true in the middle of the shape (the spread, not the centroid, depends on it).
  let south = Infinity;
  let north = -Infinity;
  for (const rings of polygons) {
    for (const p of rings[0]) {
      if (p[1] < south) south = p[1];
      if (p[1] > north) north = p[1];
    }
  }
  const lon0 = polygons[0][0][0][0];
  const lat0 = (south + north) / 2;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const ky = M_PER_DEG;
  let area = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      let a = 0;
      let mx = 0;
      let my = 0;
      let mxx = 0;
      let myy = 0;
      // Every edge, the closing one too (a zero-length edge when the ring repeats its first vertex).
      for (let i = 0; i < ring.length; i++) {
        const j = i + 1 < ring.length ? i + 1 : 0;
        const x1 = (ring[i][0] - lon0) * kx;
        const y1 = (ring[i][1] - lat0) * ky;
        const x2 = (ring[j][0] - lon0) * kx;
        const y2 = (ring[j][1] - lat0) * ky;
        const c = x1 * y2 - x2 * y1;
        a += c;
        mx += (x1 + x2) * c;
        my += (y1 + y2) * c;
        mxx += (x1 * x1 + x1 * x2 + x2 * x2) * c;
        myy += (y1 * y1 + y1 * y2 + y2 * y2) * c;
      }
      // Rings may wind either way: outer rings add their area, holes take theirs away.
      const sign = (a < 0 ? -1 : 1) * (r === 0 ? 1 : -1);
      area += (sign * a) / 2;
      sx += (sign * mx) / 6;
      sy += (sign * my) / 6;
      sxx += (sign * mxx) / 12;
      syy += (sign * myy) / 12;
    });
  }
  if (!(area > 0)) return { lngLat: vertexAverage(polygons), spreadM: 0 };
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
function vertexAverage(polygons: Position[][][]): LngLat {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const rings of polygons) {
    for (const ring of rings) {
      const first = ring[0];
      const last = ring[ring.length - 1];
      const end = first[0] === last[0] && first[1] === last[1] ? ring.length - 1 : ring.length;
      for (let i = 0; i < end; i++) {
        x += ring[i][0];
        y += ring[i][1];
        n++;
      }
    }
  }
  return [x / n, y / n];
}
