/**
 * Existing schools and clinics, placed the way a registered-population (Hukou) plan of 10–20 years
 * ago would have placed them: greedy maximal coverage of the *registered* population of that time
 * (the old urban fabric; only native villagers in urban villages; hardly anybody in today's growth
 * area), never inside parks, water, rail, industry or urban villages and kept off the villages,
 * which were slated for redevelopment. Sized from the registered pupils in their catchment. The
 * residents of today (migrants in villages, the new estates) are what makes the shortfalls.
 */
import type { FacilityType } from '../../src/core/schema.ts';
import { childRng, uniform } from './rng.ts';
import { bboxOf, distToEdges, pointInRing, type Ring, type XY } from './geom.ts';
import { CELL_M, cellCentre, GRID_COLS, GRID_ROWS } from './cells.ts';
import type { Cell } from './population.ts';
import type { LandZone } from './landuse.ts';
import type { Road } from './roads.ts';
import { ORDINALS } from './names.ts';

export interface Facility {
  id: string;
  name: string;
  nameEn: string;
  type: FacilityType;
  capacity: number;
  classes?: number;
  p: XY;
}

interface TypeSpec {
  type: FacilityType;
  prefix: string;
  count: number;
  /** Planning radius used for the greedy coverage (m). */
  radius: number;
  /** Keep-off distance from urban villages (m). */
  villageBuffer: number;
  suffix: [string, string];
}

export const FACILITY_SPECS: TypeSpec[] = [
  { type: 'health_centre', prefix: 'hc', count: 10, radius: 1800, villageBuffer: 120, suffix: ['社区卫生服务中心', 'Community Health Service Centre'] },
  { type: 'junior', prefix: 'jun', count: 25, radius: 1000, villageBuffer: 180, suffix: ['初级中学', 'Junior Middle School'] },
  { type: 'primary', prefix: 'pri', count: 60, radius: 500, villageBuffer: 300, suffix: ['小学', 'Primary School'] },
  { type: 'health_station', prefix: 'hs', count: 40, radius: 700, villageBuffer: 150, suffix: ['社区卫生服务站', 'Community Health Station'] },
  { type: 'kindergarten', prefix: 'kg', count: 60, radius: 300, villageBuffer: 150, suffix: ['幼儿园', 'Kindergarten'] },
];

/** GB 50099-2011 class sizes (primary, junior) and the usual kindergarten class of 30. */
export const CLASS_SIZE: Partial<Record<FacilityType, number>> = { primary: 45, junior: 50, kindergarten: 30 };

export function makeFacilities(seed: number, boundary: Ring, land: LandZone[], villages: Ring[], cells: Cell[], roads: Road[]): Facility[] {
  const rng = childRng(seed, 'facilities');
  const registered = new Float64Array(GRID_ROWS * GRID_COLS);
  for (const c of cells) registered[c.row * GRID_COLS + c.col] = c.registered;

  // Candidate sites: cell centres well clear of land use, villages and the boundary.
  const landBoxes = land.map((z) => bboxOf(z.ring));
  const villageBoxes = villages.map(bboxOf);
  const near = (p: XY, b: [number, number, number, number], pad: number) =>
    p[0] >= b[0] - pad && p[0] <= b[2] + pad && p[1] >= b[1] - pad && p[1] <= b[3] + pad;
  const villageDist = new Float64Array(GRID_ROWS * GRID_COLS).fill(Infinity);
  const ok = new Uint8Array(GRID_ROWS * GRID_COLS);
  for (let r = 0; r < GRID_ROWS; r++)
    for (let c = 0; c < GRID_COLS; c++) {
      const p = cellCentre(r, c);
      if (!pointInRing(p, boundary) || distToEdges(p, boundary) < 120) continue;
      if (land.some((z, k) => near(p, landBoxes[k], 50) && (pointInRing(p, z.ring) || distToEdges(p, z.ring) < 50))) continue;
      let vd = Infinity;
      villages.forEach((v, k) => {
        if (near(p, villageBoxes[k], 400)) vd = Math.min(vd, pointInRing(p, v) ? 0 : distToEdges(p, v));
      });
      villageDist[r * GRID_COLS + c] = vd;
      ok[r * GRID_COLS + c] = 1;
    }
  // Coverage gain counts each cell with a concave weight, so that a school per village township
  // also scores against one more school in the already well-served core.
  const weight = registered.map((w) => Math.pow(w, 0.35));
  const used = new Uint8Array(GRID_ROWS * GRID_COLS);
  const out: Facility[] = [];
  const rates: Record<FacilityType, number> = { primary: 66, junior: 35, kindergarten: 30, health_station: 6, health_centre: 6 };

  for (const spec of FACILITY_SPECS) {
    const reach = Math.ceil(spec.radius / CELL_M);
    const offsets: number[][] = [];
    for (let dr = -reach; dr <= reach; dr++)
      for (let dc = -reach; dc <= reach; dc++) if (Math.hypot(dr, dc) * CELL_M <= spec.radius) offsets.push([dr, dc]);
    const covered = new Uint8Array(GRID_ROWS * GRID_COLS);
    const gainOf = (idx: number): number => {
      const r = Math.floor(idx / GRID_COLS);
      const c = idx % GRID_COLS;
      let gain = 0;
      for (const [dr, dc] of offsets) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr < 0 || cc < 0 || rr >= GRID_ROWS || cc >= GRID_COLS) continue;
        const j = rr * GRID_COLS + cc;
        if (!covered[j]) gain += weight[j];
      }
      return gain;
    };
    // Lazy greedy (gains only fall as coverage grows): keep stale gains sorted, re-evaluate the top.
    const queue: { idx: number; gain: number }[] = [];
    for (let idx = 0; idx < ok.length; idx++)
      if (ok[idx] && !used[idx] && villageDist[idx] >= spec.villageBuffer) queue.push({ idx, gain: gainOf(idx) });
    const better = (a: { idx: number; gain: number }, b: { idx: number; gain: number }) =>
      a.gain > b.gain || (a.gain === b.gain && a.idx < b.idx);
    queue.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    const sites: number[] = [];
    while (sites.length < spec.count && queue.length) {
      const top = queue.shift()!;
      if (used[top.idx]) continue;
      top.gain = gainOf(top.idx);
      if (queue.length && better(queue[0], top)) {
        // re-insert at its sorted position
        let lo = 0;
        let hi = queue.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (better(queue[mid], top)) lo = mid + 1;
          else hi = mid;
        }
        queue.splice(lo, 0, top);
        continue;
      }
      const best = top.idx;
      sites.push(best);
      const r = Math.floor(best / GRID_COLS);
      const c = best % GRID_COLS;
      for (const [dr, dc] of offsets) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr >= 0 && cc >= 0 && rr < GRID_ROWS && cc < GRID_COLS) covered[rr * GRID_COLS + cc] = 1;
      }
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && cc >= 0 && rr < GRID_ROWS && cc < GRID_COLS) used[rr * GRID_COLS + cc] = 1;
        }
    }
    // Planned demand of each site: registered residents within the radius, shared among the sites reaching them.
    const reachCount = new Uint16Array(GRID_ROWS * GRID_COLS);
    for (const s of sites) {
      const r = Math.floor(s / GRID_COLS);
      const c = s % GRID_COLS;
      for (const [dr, dc] of offsets) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr >= 0 && cc >= 0 && rr < GRID_ROWS && cc < GRID_COLS) reachCount[rr * GRID_COLS + cc]++;
      }
    }
    for (const s of sites) {
      const r = Math.floor(s / GRID_COLS);
      const c = s % GRID_COLS;
      let served = 0;
      for (const [dr, dc] of offsets) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr >= 0 && cc >= 0 && rr < GRID_ROWS && cc < GRID_COLS) {
          const j = rr * GRID_COLS + cc;
          if (reachCount[j]) served += registered[j] / Math.sqrt(reachCount[j]);
        }
      }
      const demand = (served * rates[spec.type]) / 1000;
      const [x, y] = cellCentre(r, c);
      const p: XY = [x + uniform(rng, -30, 30), y + uniform(rng, -30, 30)];
      const f: Facility = { id: '', name: '', nameEn: '', type: spec.type, capacity: 0, p };
      if (spec.type === 'primary') f.classes = clamp(Math.round(demand / 45 / 6) * 6, 12, 36);
      else if (spec.type === 'junior') f.classes = clamp(Math.round(demand / 50 / 3) * 3, 12, 36);
      else if (spec.type === 'kindergarten') f.classes = clamp(Math.round(demand / 30), 6, 15);
      if (f.classes !== undefined) f.capacity = f.classes * CLASS_SIZE[spec.type]!;
      else if (spec.type === 'health_station') f.capacity = clamp(Math.round(demand / 10) * 10, 80, 200);
      else f.capacity = clamp(Math.round(demand / 50) * 50, 400, 1200);
      out.push(f);
    }
  }
  nameFacilities(out, roads);
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

/** Name each facility after the nearest named road, numbering repeats (第二, 第三 …). */
function nameFacilities(list: Facility[], roads: Road[]): void {
  const named = roads.filter((r) => r.name && r.nameEn);
  const order: FacilityType[] = ['primary', 'junior', 'kindergarten', 'health_station', 'health_centre'];
  const prefixes: Record<FacilityType, string> = { primary: 'pri', junior: 'jun', kindergarten: 'kg', health_station: 'hs', health_centre: 'hc' };
  const used = new Map<string, number>();
  for (const type of order) {
    const spec = FACILITY_SPECS.find((s) => s.type === type)!;
    const ofType = list
      .filter((f) => f.type === type)
      .sort((a, b) => b.p[1] - a.p[1] || a.p[0] - b.p[0]);
    ofType.forEach((f, i) => {
      f.id = `${prefixes[type]}${String(i + 1).padStart(3, '0')}`;
      const byDistance = named
        .map((r) => ({ r, d: distToEdges(f.p, r.points, false) }))
        .sort((a, b) => a.d - b.d || (a.r.id < b.r.id ? -1 : 1));
      const seenNames = new Set<string>();
      for (const { r } of byDistance) {
        if (seenNames.has(r.name!)) continue;
        seenNames.add(r.name!);
        const key = `${type}|${r.name}`;
        const n = used.get(key) ?? 0;
        if (n >= 3) continue;
        used.set(key, n + 1);
        f.name = `${r.name}${ORDINALS[n]}${spec.suffix[0]}`;
        f.nameEn = `${r.nameEn}${n ? ` No. ${n + 1}` : ''} ${spec.suffix[1]}`;
        break;
      }
    });
  }
}
