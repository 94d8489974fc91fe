/**
 * Residents on the 150 m grid: a dense old core in the north-east falling off to the south, a new
 * growth area of fresh housing estates in the south-west, very dense urban villages, hamlets in
 * the rural south, and nobody in parks, water, rail or industry. Calibrated to exactly
 * TARGET_POPULATION residents by scaling the non-village field, then rounded to integers by the
 * largest-remainder method (deterministic tie-break by cell order).
 */
import { childRng, fbm, hash2, uniform } from './rng.ts';
import { bboxOf, dist, distToEdges, pointInRing, type Ring, type XY } from './geom.ts';
import { CELL_M, cellCentre, cellId, GRID_COLS, GRID_ROWS } from './cells.ts';
import { CITY_CENTRE, type Grid } from './grid.ts';
import type { LandZone } from './landuse.ts';
import type { Village } from './villages.ts';

export const TARGET_POPULATION = 1_060_000;
export const GROWTH_CENTRE: XY = [-2300, -3500];
export const GROWTH_RADII: XY = [2100, 1800];

export type CellKind = 'village' | 'growth' | 'urban' | 'rural';

export interface Cell {
  row: number;
  col: number;
  id: string;
  x: number;
  y: number;
  population: number;
  kind: CellKind;
  /** Index into the villages array, or -1. */
  village: number;
  /**
   * Residents a registered-population (Hukou) plan of 10–20 years ago would have counted here:
   * the old urban fabric, villagers with local Hukou only, no growth-area estates.
   */
  registered: number;
}

export interface PopulationModel {
  cells: Cell[];
  /** Calibrated residential density (per km²) ignoring land use and villages, for road density. */
  densityAt: (p: XY) => number;
  /** Factor applied to the non-village density field to reach TARGET_POPULATION. */
  calibration: number;
}

function blockIndex(lines: { pos: number; cls: string }[], pos: number): number {
  let k = 0;
  for (const l of lines) if (l.cls !== 'local' && l.pos <= pos) k++;
  return k;
}

export function growthMembership(p: XY): number {
  const q = ((p[0] - GROWTH_CENTRE[0]) / GROWTH_RADII[0]) ** 2 + ((p[1] - GROWTH_CENTRE[1]) / GROWTH_RADII[1]) ** 2;
  const wobble = 0.25 * Math.sin(Math.atan2(p[1] - GROWTH_CENTRE[1], p[0] - GROWTH_CENTRE[0]) * 3 + 0.7);
  return Math.max(0, Math.min(1, (1.1 + wobble - q) / 0.3));
}

export function makePopulation(seed: number, boundary: Ring, grid: Grid, land: LandZone[], villages: Village[]): PopulationModel {
  const rng = childRng(seed, 'population');
  const ns = (seed ^ 0x5bd1e995) >>> 0;

  const hamlets: { c: XY; peak: number; sigma: number }[] = [];
  const [bx0, by0, bx1] = bboxOf(boundary);
  while (hamlets.length < 46) {
    const c: XY = [uniform(rng, bx0, bx1), uniform(rng, by0, 1500)];
    const peak = uniform(rng, 2500, 6500);
    const sigma = uniform(rng, 110, 230);
    if (pointInRing(c, boundary) && growthMembership(c) === 0) hamlets.push({ c, peak, sigma });
  }

  const urbanAt = (p: XY): number => {
    const d = dist(p, CITY_CENTRE) / 1000;
    let u = 40000 / (1 + Math.exp((d - 4.4) / 0.6)) + 3800 / (1 + Math.exp((d - 7.6) / 0.8));
    u *= Math.exp(0.28 * fbm(ns, p[0], p[1], 1400) + 0.18 * fbm(ns + 7, p[0], p[1], 450));
    if (fbm(ns + 13, p[0], p[1], 330) > 0.5) u *= 0.3; // campuses, hospitals, markets, offices
    return u;
  };
  const growthAt = (p: XY): { estate: boolean; density: number } => {
    const m = growthMembership(p);
    if (m === 0) return { estate: false, density: 0 };
    const [u, v] = grid.unwarp(p);
    const bi = blockIndex(grid.uLines, u);
    const bj = blockIndex(grid.vLines, v);
    const h = hash2(ns + 17, bi, bj) / 4294967295;
    if (h > 0.58) return { estate: false, density: 0 };
    const level = 30000 + 14000 * (hash2(ns + 19, bi, bj) / 4294967295);
    return { estate: true, density: m * level * Math.exp(0.12 * fbm(ns + 23, p[0], p[1], 300)) };
  };
  const ruralAt = (p: XY): number => {
    let r = 170 * Math.exp(0.6 * fbm(ns + 29, p[0], p[1], 2500));
    for (const h of hamlets) {
      const dd = (p[0] - h.c[0]) ** 2 + (p[1] - h.c[1]) ** 2;
      if (dd < 9 * h.sigma * h.sigma) r += h.peak * Math.exp(-dd / (2 * h.sigma * h.sigma));
    }
    return r;
  };

  const cellKm2 = (CELL_M * CELL_M) / 1e6;
  interface Raw {
    row: number;
    col: number;
    p: XY;
    kind: CellKind;
    village: number;
    fixed: number; // village residents (not scaled)
    scaled: number; // residents before calibration
    oldUrban: number;
  }
  const raw: Raw[] = [];
  const villageBoxes = villages.map((v) => bboxOf(v.ring));
  const landBoxes = land.map((z) => bboxOf(z.ring));
  for (let row = 0; row < GRID_ROWS; row++) {
    for (let col = 0; col < GRID_COLS; col++) {
      const p = cellCentre(row, col);
      if (!pointInRing(p, boundary) || distToEdges(p, boundary) < 2.5) continue;
      let blocked = false;
      for (let k = 0; k < land.length && !blocked; k++) {
        const b = landBoxes[k];
        if (p[0] < b[0] - 3 || p[0] > b[2] + 3 || p[1] < b[1] - 3 || p[1] > b[3] + 3) continue;
        if (pointInRing(p, land[k].ring) || distToEdges(p, land[k].ring) < 2.5) blocked = true;
      }
      if (blocked) continue;
      let vi = -1;
      for (let k = 0; k < villages.length; k++) {
        const b = villageBoxes[k];
        if (p[0] < b[0] || p[0] > b[2] || p[1] < b[1] || p[1] > b[3]) continue;
        if (pointInRing(p, villages[k].ring)) vi = k;
      }
      if (vi >= 0) {
        const dens = villages[vi].density * (1 + 0.12 * fbm(ns + 31, p[0], p[1], 300));
        raw.push({ row, col, p, kind: 'village', village: vi, fixed: dens * cellKm2, scaled: 0, oldUrban: 0 });
        continue;
      }
      const urban = urbanAt(p);
      const growth = growthAt(p);
      const rural = ruralAt(p);
      const kind: CellKind = growth.estate && growth.density > urban ? 'growth' : urban > 1500 ? 'urban' : 'rural';
      raw.push({
        row,
        col,
        p,
        kind,
        village: -1,
        fixed: 0,
        scaled: (Math.max(urban, growth.density) + rural) * cellKm2,
        oldUrban: (urban + rural) * cellKm2,
      });
    }
  }
  const fixedSum = raw.reduce((s, c) => s + c.fixed, 0);
  const scaledSum = raw.reduce((s, c) => s + c.scaled, 0);
  const k = (TARGET_POPULATION - fixedSum) / scaledSum;
  const expected = raw.map((c) => c.fixed + c.scaled * k);
  const floors = expected.map(Math.floor);
  let missing = TARGET_POPULATION - floors.reduce((s, v) => s + v, 0);
  const order = expected.map((e, i) => ({ i, r: e - floors[i] })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i]++;
    missing--;
  }
  const cells: Cell[] = [];
  raw.forEach((c, i) => {
    if (floors[i] <= 0) return;
    cells.push({
      row: c.row,
      col: c.col,
      id: cellId(c.row, c.col),
      x: c.p[0],
      y: c.p[1],
      population: floors[i],
      kind: c.kind,
      village: c.village,
      registered: c.kind === 'village' ? 0.2 * floors[i] : c.kind === 'growth' ? 0.05 * floors[i] : floors[i],
    });
  });
  const densityAt = (p: XY): number => (Math.max(urbanAt(p), growthAt(p).density) + ruralAt(p)) * k;
  return { cells, densityAt, calibration: k };
}
