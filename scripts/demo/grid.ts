/**
 * The street grid: lines of constant u or v in a parameter plane, mapped to metres by a smooth
 * warp that turns the old northern core by ~14° (as old cores aligned to a railway station are)
 * and straightens out to north–south in the south. Because every grid street is an iso-line,
 * the crossing of u-line i and v-line j is the single point W(u_i, v_j), shared exactly.
 */
import { childRng, uniform, type Rng } from './rng.ts';
import { densify, type XY } from './geom.ts';
import type { RoadClass } from '../../src/core/schema.ts';

export interface GridLine {
  dir: 'u' | 'v'; // 'u': constant u (runs roughly north–south); 'v': constant v (east–west)
  pos: number;
  cls: RoadClass;
}

export interface Grid {
  uLines: GridLine[];
  vLines: GridLine[];
  warp: (u: number, v: number) => XY;
  unwarp: (p: XY) => XY;
  /** Extra arterials that are not iso-lines: a diagonal and a ring-road arc (metres). */
  diagonals: { key: string; line: XY[] }[];
}

export const U_RANGE: [number, number] = [-7600, 7600];
export const V_RANGE: [number, number] = [-12500, 12500];
/** Approximate centre of the city, outside the district to the north-east (metres). */
export const CITY_CENTRE: XY = [2500, 10500];

function positions(rng: Rng, lo: number, hi: number, dir: 'u' | 'v'): GridLine[] {
  const out: GridLine[] = [];
  let p = lo + uniform(rng, 0, 600);
  const arterials: number[] = [];
  while (p < hi) {
    arterials.push(p);
    p += uniform(rng, 1250, 1800);
  }
  for (let i = 0; i < arterials.length; i++) {
    const a = arterials[i];
    out.push({ dir, pos: a, cls: 'arterial' });
    if (i + 1 === arterials.length) break;
    const g = arterials[i + 1] - a;
    const nSec = Math.max(1, Math.round(g / 560) - 1);
    const bounds = [a];
    for (let k = 1; k <= nSec; k++) bounds.push(a + (g * k) / (nSec + 1) + uniform(rng, -40, 40));
    bounds.push(arterials[i + 1]);
    for (let k = 0; k + 1 < bounds.length; k++) {
      if (k > 0) out.push({ dir, pos: bounds[k], cls: 'secondary' });
      const h = bounds[k + 1] - bounds[k];
      const nLoc = Math.max(1, Math.round(h / 200) - 1);
      for (let m = 1; m <= nLoc; m++)
        out.push({ dir, pos: bounds[k] + (h * m) / (nLoc + 1) + uniform(rng, -18, 18), cls: 'local' });
    }
  }
  return out;
}

function smoothstep(t: number): number {
  const c = Math.max(0, Math.min(1, t));
  return c * c * (3 - 2 * c);
}

export function makeGrid(seed: number): Grid {
  const rng = childRng(seed, 'grid');
  const uLines = positions(rng, U_RANGE[0], U_RANGE[1], 'u');
  const vLines = positions(rng, V_RANGE[0], V_RANGE[1], 'v');
  const alpha0 = (14 * Math.PI) / 180;
  const pivot: XY = [500, 5000];
  const ph1 = uniform(rng, 0, 6.28);
  const ph2 = uniform(rng, 0, 6.28);
  const ph3 = uniform(rng, 0, 6.28);
  const warp = (u: number, v: number): XY => {
    const a = alpha0 * smoothstep((v + 1500) / 5000);
    const px = u - pivot[0];
    const py = v - pivot[1];
    const qx = pivot[0] + px * Math.cos(a) - py * Math.sin(a);
    const qy = pivot[1] + px * Math.sin(a) + py * Math.cos(a);
    return [
      qx + 70 * Math.sin(qy / 2600 + ph1) + 35 * Math.sin(qy / 1100 + ph3),
      qy + 60 * Math.sin(qx / 2900 + ph2),
    ];
  };
  const unwarp = (p: XY): XY => {
    let u = p[0];
    let v = p[1];
    for (let i = 0; i < 40; i++) {
      const w = warp(u, v);
      u -= w[0] - p[0];
      v -= w[1] - p[1];
    }
    return [u, v];
  };
  const diagonal = densify([[4600, 7600], [-1200, 300], [-5600, -6200]], 100);
  const ring: XY[] = [];
  for (let deg = 212; deg <= 296; deg += 0.5) {
    const t = (deg * Math.PI) / 180;
    ring.push([CITY_CENTRE[0] + 11800 * Math.cos(t), CITY_CENTRE[1] + 11800 * Math.sin(t)]);
  }
  return { uLines, vLines, warp, unwarp, diagonals: [{ key: 'diagonal', line: diagonal }, { key: 'ring', line: ring }] };
}

/** The polyline of a grid line across the whole parameter range, sampled every `step` of u or v. */
export function gridLinePolyline(grid: Grid, line: GridLine, step = 100): XY[] {
  const [lo, hi] = line.dir === 'u' ? V_RANGE : U_RANGE;
  const out: XY[] = [];
  for (let t = lo; t <= hi + 1e-9; t += step)
    out.push(line.dir === 'u' ? grid.warp(line.pos, t) : grid.warp(t, line.pos));
  return out;
}

/** All arterial polylines (iso-lines and the extra diagonals), for keeping things off them. */
export function arterialPolylines(grid: Grid): XY[][] {
  const out: XY[][] = [];
  for (const l of [...grid.uLines, ...grid.vLines]) if (l.cls === 'arterial') out.push(gridLinePolyline(grid, l));
  for (const d of grid.diagonals) out.push(d.line);
  return out;
}
