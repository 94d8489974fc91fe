/**
 * Urban villages (城中村): dense, irregular, mostly in the middle ring and at the edge of the old
 * core, a few in the south. Kept off arterials, land-use zones, each other and the boundary, and
 * shaped so that no population-cell centre lies within 2.5 m of a village edge (so "centre
 * inside" is never ambiguous after rounding to 6 decimals).
 */
import { childRng, uniform, type Rng } from './rng.ts';
import { bboxOf, dist, distToEdges, edgeDistance, pointInRing, ringArea, shapeDistance, type Ring, type XY } from './geom.ts';
import { cellCentre, cellRange } from './cells.ts';
import { arterialPolylines, CITY_CENTRE, type Grid } from './grid.ts';
import type { LandZone } from './landuse.ts';
import { villageNames } from './names.ts';

export interface Village {
  id: string;
  name: string;
  nameEn: string;
  ring: Ring;
  migrantShare: number;
  /** Residents per km² before calibration. */
  density: number;
}

export const VILLAGE_COUNT = 30;

function villageRing(rng: Rng, grid: Grid, c: XY, km2: number): Ring {
  // Blocky outline in the street-grid frame: a rounded rectangle with dents and bulges.
  const ratio = uniform(rng, 0.6, 1.6);
  const ry = Math.sqrt((km2 * 1e6) / 3.5 / ratio);
  const rx = ry * ratio;
  const uv = grid.unwarp(c);
  const n = Math.floor(uniform(rng, 12, 19));
  const jit = Array.from({ length: n }, () => uniform(rng, 0.82, 1.14));
  const p = uniform(rng, 2.5, 4.5);
  const out: Ring = [];
  for (let i = 0; i < n; i++) {
    const th = (2 * Math.PI * (i + uniform(rng, -0.25, 0.25))) / n;
    const k = (Math.abs(Math.cos(th)) ** p + Math.abs(Math.sin(th)) ** p) ** (-1 / p) * jit[i];
    out.push(grid.warp(uv[0] + rx * Math.cos(th) * k, uv[1] + ry * Math.sin(th) * k));
  }
  return out;
}

function centresClearOfEdge(ring: Ring): { ok: boolean; inside: number } {
  const { r0, r1, c0, c1 } = cellRange(bboxOf(ring));
  let inside = 0;
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) {
      const p = cellCentre(r, c);
      if (distToEdges(p, ring) < 2.5) return { ok: false, inside };
      if (pointInRing(p, ring)) inside++;
    }
  return { ok: true, inside };
}

export function makeVillages(seed: number, boundary: Ring, grid: Grid, land: LandZone[]): Village[] {
  const rng = childRng(seed, 'villages');
  const arterials = arterialPolylines(grid);
  const [bx0, by0, bx1, by1] = bboxOf(boundary);
  const placed: { ring: Ring; c: XY; d: number }[] = [];
  let south = 0;
  for (let attempt = 0; attempt < 20000 && placed.length < VILLAGE_COUNT; attempt++) {
    const c: XY = [uniform(rng, bx0, bx1), uniform(rng, by0, by1)];
    if (!pointInRing(c, boundary)) continue;
    const d = dist(c, CITY_CENTRE) / 1000;
    const w = d < 4 ? 0.05 : d < 5.5 ? 0.7 : d < 10 ? 1 : d < 13 ? 0.3 : 0.12;
    if (rng() > w) continue;
    if (d >= 11 && south >= 5) continue;
    const km2 = Math.exp(uniform(rng, Math.log(0.09), Math.log(0.42)));
    const ring = villageRing(rng, grid, c, km2);
    const a = ringArea(ring) / 1e6;
    if (a < 0.085 || a > 0.58) continue;
    if (!ring.every((p) => pointInRing(p, boundary))) continue;
    if (edgeDistance(ring, true, boundary, true) < 150) continue;
    if (placed.some((v) => dist(v.c, c) < 1500 && shapeDistance(ring, true, v.ring, true) < 80)) continue;
    if (land.some((z) => shapeDistance(ring, true, z.ring, true) < 40)) continue;
    if (arterials.some((l) => shapeDistance(ring, true, l, false) < 25)) continue;
    const clear = centresClearOfEdge(ring);
    if (!clear.ok || clear.inside < 3) continue;
    placed.push({ ring, c, d });
    if (d >= 11) south++;
  }
  const names = villageNames(childRng(seed, 'village-names'), placed.length);
  // Number villages from north to south, west to east, so ids read like a map.
  placed.sort((a, b) => b.c[1] - a.c[1] || a.c[0] - b.c[0]);
  return placed.map((p, i) => ({
    id: `uv${String(i + 1).padStart(2, '0')}`,
    name: names[i].name,
    nameEn: names[i].nameEn,
    ring: p.ring,
    migrantShare: Math.round(uniform(rng, 0.45, 0.9) * 100) / 100,
    density: p.d < 5.5 ? uniform(rng, 58000, 80000) : p.d < 11 ? uniform(rng, 47000, 68000) : uniform(rng, 42000, 55000),
  }));
}
