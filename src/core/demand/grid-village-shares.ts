import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { PopulationGrid } from './population-grid.ts';
import type { UrbanVillage } from './urban-villages.ts';
import type { VillageShare } from './village-tagging.ts';

/** A village edge in pixel units: x = columns east of the grid's west edge, y = rows north of its north edge (so ≤ 0 inside). */
interface Edge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The exact share of each populated pixel lying in each urban village, for a whole raster at once.
 * A pixel no village edge touches is wholly in or out (decided on a scanline); only pixels an edge
 * passes through get the area of their intersection, from the edges that touch them alone (Green's
 * theorem: ∮x dy over the village edges clipped to the pixel, plus the pixel's sides inside the
 * village). Time grows with the villages' pixels and vertices, never with pixels × vertices.
 * Overlapping villages are a data error; the first listed one wins, so residents count once.
 */
export function gridVillageShares(grid: PopulationGrid, villages: readonly UrbanVillage[]): Map<number, VillageShare[]> {
  const shares = new Map<number, VillageShare[]>();
  const taken = new Map<number, number>();
  villages.forEach((village, v) => {
    const edges = edgesOf(village.polygon, grid);
    if (edges.length === 0) return;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const e of edges) {
      minX = Math.min(minX, e.x1, e.x2);
      maxX = Math.max(maxX, e.x1, e.x2);
      minY = Math.min(minY, e.y1, e.y2);
      maxY = Math.max(maxY, e.y1, e.y2);
    }
    const c0 = Math.max(0, Math.floor(minX));
    const c1 = Math.min(grid.width - 1, Math.floor(maxX));
    const r0 = Math.max(0, Math.floor(-maxY));
    const r1 = Math.min(grid.height - 1, Math.floor(-minY));
    if (c0 > c1 || r0 > r1) return;
    const scan = scanlines(edges, r0, r1 + 1);
    const touching = edgesByPixel(edges, c0, c1, r0, r1, grid.width);
    for (let r = r0; r <= r1; r++) {
      const below = scan[r + 1 - r0];
      for (let c = c0; c <= c1; c++) {
        const index = r * grid.width + c;
        if (!(grid.residents[index] > 0)) continue;
        const local = touching.get(index);
        const share = local ? pixelArea(edges, local, c, r, below) : insideOn(below, c + 0.5) ? 1 : 0;
        const left = 1 - (taken.get(index) ?? 0);
        const s = Math.min(left, Math.max(0, share));
        // Slivers from floating-point noise on shared edges are not residents.
        if (s > 1e-6) {
          const list = shares.get(index);
          if (list) list.push({ village: v, share: s });
          else shares.set(index, [{ village: v, share: s }]);
          taken.set(index, 1 - left + s);
        }
      }
    }
  });
  return shares;
}

/** Every ring's edges in pixel units, outer rings counter-clockwise and holes clockwise (interior on the left). */
function edgesOf(polygon: Polygon | MultiPolygon, grid: PopulationGrid): Edge[] {
  const parts = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
  const edges: Edge[] = [];
  for (const rings of parts) {
    rings.forEach((ring, k) => {
      const pts = ring.map((p: Position) => [(p[0] - grid.west) / grid.stepLng, (p[1] - grid.north) / grid.stepLat]);
      let twiceArea = 0;
      for (let i = 0; i + 1 < pts.length; i++) twiceArea += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
      const reverse = k === 0 ? twiceArea < 0 : twiceArea > 0;
      if (reverse) pts.reverse();
      for (let i = 0; i + 1 < pts.length; i++) {
        const [x1, y1] = pts[i];
        const [x2, y2] = pts[i + 1];
        if (x1 !== x2 || y1 !== y2) edges.push({ x1, y1, x2, y2 });
      }
    });
  }
  return edges;
}

/** Sorted x where the edges cross each horizontal pixel boundary y = −k, k = k0…k1 (even–odd rule, half-open in y). */
function scanlines(edges: readonly Edge[], k0: number, k1: number): Float64Array[] {
  const lists: number[][] = Array.from({ length: k1 - k0 + 1 }, () => []);
  for (const e of edges) {
    const lo = Math.max(k0, Math.ceil(-Math.max(e.y1, e.y2)));
    const hi = Math.min(k1, Math.floor(-Math.min(e.y1, e.y2)));
    for (let k = lo; k <= hi; k++) {
      const y = -k;
      if (e.y1 <= y !== e.y2 <= y) lists[k - k0].push(e.x1 + ((y - e.y1) * (e.x2 - e.x1)) / (e.y2 - e.y1));
    }
  }
  return lists.map((l) => Float64Array.from(l).sort());
}

/** Whether x lies inside on a scanline: an odd number of crossings before it. */
function insideOn(crossings: Float64Array, x: number): boolean {
  let lo = 0;
  let hi = crossings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (crossings[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return (lo & 1) === 1;
}

/** The edges touching each pixel of the window (pieces of at most one pixel, so a long edge marks only the pixels along it). */
function edgesByPixel(edges: readonly Edge[], c0: number, c1: number, r0: number, r1: number, width: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  edges.forEach((e, i) => {
    const pieces = Math.max(1, Math.ceil(Math.max(Math.abs(e.x2 - e.x1), Math.abs(e.y2 - e.y1))));
    for (let p = 0; p < pieces; p++) {
      const ax = e.x1 + ((e.x2 - e.x1) * p) / pieces;
      const ay = e.y1 + ((e.y2 - e.y1) * p) / pieces;
      const bx = e.x1 + ((e.x2 - e.x1) * (p + 1)) / pieces;
      const by = e.y1 + ((e.y2 - e.y1) * (p + 1)) / pieces;
      for (let r = Math.max(r0, Math.floor(-Math.max(ay, by))); r <= Math.min(r1, Math.floor(-Math.min(ay, by))); r++) {
        for (let c = Math.max(c0, Math.floor(Math.min(ax, bx))); c <= Math.min(c1, Math.floor(Math.max(ax, bx))); c++) {
          const index = r * width + c;
          const list = out.get(index);
          if (!list) out.set(index, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      }
    }
  });
  return out;
}

/**
 * Area of the village inside pixel (c, r) (pixel area 1): ∮x dy over the boundary of the
 * intersection = the local edges clipped to the pixel, plus the pixel's east side inside the village
 * (upwards) and its west side (downwards); the horizontal sides add nothing to ∮x dy.
 */
function pixelArea(edges: readonly Edge[], local: readonly number[], c: number, r: number, bottomScan: Float64Array): number {
  const xl = c;
  const xr = c + 1;
  const yb = -(r + 1);
  const yt = -r;
  let sum = 0;
  for (const i of local) {
    const e = edges[i];
    const clipped = clipSegment(e, xl, xr, yb, yt);
    if (clipped) sum += ((clipped[0] + clipped[2]) / 2) * (clipped[3] - clipped[1]);
  }
  sum += xr * insideLength(edges, local, xr, yb, yt, insideOn(bottomScan, xr));
  sum -= xl * insideLength(edges, local, xl, yb, yt, insideOn(bottomScan, xl));
  return sum;
}

/** Length of the vertical side x = xs, yb…yt lying inside, walking up from its inside status at the bottom. */
function insideLength(edges: readonly Edge[], local: readonly number[], xs: number, yb: number, yt: number, insideAtBottom: boolean): number {
  const ys: number[] = [];
  for (const i of local) {
    const e = edges[i];
    if (e.x1 <= xs !== e.x2 <= xs) {
      const y = e.y1 + ((xs - e.x1) * (e.y2 - e.y1)) / (e.x2 - e.x1);
      if (y > yb && y < yt) ys.push(y);
    }
  }
  ys.sort((a, b) => a - b);
  let inside = insideAtBottom;
  let from = yb;
  let length = 0;
  for (const y of ys) {
    if (inside) length += y - from;
    inside = !inside;
    from = y;
  }
  if (inside) length += yt - from;
  return length;
}

/** Liang–Barsky: the part of the edge inside the box as [x1, y1, x2, y2], or null. */
function clipSegment(e: Edge, xl: number, xr: number, yb: number, yt: number): [number, number, number, number] | null {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [e.x1 - xl, xr - e.x1, e.y1 - yb, yt - e.y1];
  for (let k = 0; k < 4; k++) {
    if (p[k] === 0) {
      if (q[k] < 0) return null;
      continue;
    }
    const t = q[k] / p[k];
    if (p[k] < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [e.x1 + t0 * dx, e.y1 + t0 * dy, e.x1 + t1 * dx, e.y1 + t1 * dy];
}
