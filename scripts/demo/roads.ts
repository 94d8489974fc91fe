/**
 * The road network, built as a graph so that every crossing is a shared vertex:
 *  1. grid streets are iso-lines of the warped grid; u-line i and v-line j share node (i, j);
 *  2. the diagonal and the ring road, the district boundary and the outlines of land-use zones are
 *     intersected with every street, and each crossing becomes a node inserted into both lines;
 *  3. every edge between consecutive nodes is then wholly inside or outside the district and each
 *     zone, so edges are kept or dropped by their midpoint: nothing outside the district, nothing
 *     through parks or the reservoir, only arterials (and secondaries over the river) on bridges,
 *     local streets only where people live, never into rail land or industry;
 *  4. kept edges are chained back into LineStrings, and local streets that end nowhere are trimmed
 *     back to their last junction, so local streets stop at the last crossing before a park.
 */
import type { RoadClass } from '../../src/core/schema.ts';
import { hash2 } from './rng.ts';
import { bboxOf, pointInRing, type Ring, type XY } from './geom.ts';
import type { Grid } from './grid.ts';
import type { LandZone } from './landuse.ts';
import { ARTERIAL_NAMES, SECONDARY_NAMES } from './names.ts';

export interface Road {
  id: string;
  cls: RoadClass;
  name?: string;
  /** Pinyin of the name with an English generic, e.g. "Qingtan Road". */
  nameEn?: string;
  points: XY[];
  /** Node ids (shared between roads at crossings). */
  nodes: number[];
}

interface Line {
  key: string;
  cls: RoadClass | 'cutter';
  nodes: number[];
  grid: boolean;
  zone?: number; // cutter: index into zones, -1 = boundary
}

export function makeRoads(
  seed: number,
  boundary: Ring,
  grid: Grid,
  zones: LandZone[],
  densityAt: (p: XY) => number,
  villageRings: Ring[],
): Road[] {
  const xs: number[] = [];
  const ys: number[] = [];
  const addNode = (p: XY): number => {
    xs.push(p[0]);
    ys.push(p[1]);
    return xs.length - 1;
  };
  const pt = (n: number): XY => [xs[n], ys[n]];

  // 1. Grid nodes and iso-lines, trimmed to the district's bounding box.
  const [bx0, by0, bx1, by1] = bboxOf(boundary);
  const margin = 300;
  const inBox = (p: XY) => p[0] > bx0 - margin && p[0] < bx1 + margin && p[1] > by0 - margin && p[1] < by1 + margin;
  const nU = grid.uLines.length;
  const nV = grid.vLines.length;
  const gridNode = new Int32Array(nU * nV).fill(-1);
  for (let i = 0; i < nU; i++)
    for (let j = 0; j < nV; j++) {
      const p = grid.warp(grid.uLines[i].pos, grid.vLines[j].pos);
      if (inBox(p)) gridNode[i * nV + j] = addNode(p);
    }
  const lines: Line[] = [];
  const runs = (ids: number[]): number[][] => {
    const out: number[][] = [];
    let cur: number[] = [];
    for (const id of ids) {
      if (id >= 0) cur.push(id);
      else if (cur.length) {
        out.push(cur);
        cur = [];
      }
    }
    if (cur.length) out.push(cur);
    return out.filter((r) => r.length >= 2);
  };
  grid.uLines.forEach((l, i) => {
    const ids = grid.vLines.map((_, j) => gridNode[i * nV + j]);
    runs(ids).forEach((r, k) => lines.push({ key: `u${i}.${k}`, cls: l.cls, nodes: r, grid: true }));
  });
  grid.vLines.forEach((l, j) => {
    const ids = grid.uLines.map((_, i) => gridNode[i * nV + j]);
    runs(ids).forEach((r, k) => lines.push({ key: `v${j}.${k}`, cls: l.cls, nodes: r, grid: true }));
  });
  for (const d of grid.diagonals) {
    const pts = d.line.filter(inBox);
    lines.push({ key: d.key, cls: 'arterial', nodes: pts.map(addNode), grid: false });
  }
  lines.push({ key: 'boundary', cls: 'cutter', nodes: [...boundary, boundary[0]].map(addNode), grid: false, zone: -1 });
  zones.forEach((z, k) =>
    lines.push({ key: `zone${k}`, cls: 'cutter', nodes: [...z.ring, z.ring[0]].map(addNode), grid: false, zone: k }),
  );

  // 2. Crossings of the non-grid lines with everything, via a spatial hash of segments.
  const B = 300;
  const buckets = new Map<string, number[]>();
  const segLine: number[] = [];
  const segIdx: number[] = [];
  lines.forEach((l, li) => {
    for (let s = 0; s + 1 < l.nodes.length; s++) {
      const a = pt(l.nodes[s]);
      const b = pt(l.nodes[s + 1]);
      const id = segLine.length;
      segLine.push(li);
      segIdx.push(s);
      for (let gx = Math.floor(Math.min(a[0], b[0]) / B); gx <= Math.floor(Math.max(a[0], b[0]) / B); gx++)
        for (let gy = Math.floor(Math.min(a[1], b[1]) / B); gy <= Math.floor(Math.max(a[1], b[1]) / B); gy++) {
          const key = `${gx},${gy}`;
          let arr = buckets.get(key);
          if (!arr) buckets.set(key, (arr = []));
          arr.push(id);
        }
    }
  });
  const inserts: { seg: number; t: number; node: number }[][] = lines.map(() => []);
  const tested = new Set<number>();
  const nSeg = segLine.length;
  const bucketKeys = [...buckets.keys()].sort();
  for (const key of bucketKeys) {
    const arr = buckets.get(key)!;
    for (let x = 0; x < arr.length; x++)
      for (let y = x + 1; y < arr.length; y++) {
        const s1 = arr[x];
        const s2 = arr[y];
        const l1 = lines[segLine[s1]];
        const l2 = lines[segLine[s2]];
        if (segLine[s1] === segLine[s2]) continue;
        if (l1.grid && l2.grid) continue;
        if (l1.cls === 'cutter' && l2.cls === 'cutter') continue;
        const pairKey = Math.min(s1, s2) * nSeg + Math.max(s1, s2);
        if (tested.has(pairKey)) continue;
        tested.add(pairKey);
        const a1 = l1.nodes[segIdx[s1]];
        const b1 = l1.nodes[segIdx[s1] + 1];
        const a2 = l2.nodes[segIdx[s2]];
        const b2 = l2.nodes[segIdx[s2] + 1];
        if (a1 === a2 || a1 === b2 || b1 === a2 || b1 === b2) continue;
        const hit = segIntersectParams(pt(a1), pt(b1), pt(a2), pt(b2));
        if (!hit) continue;
        const [t, s] = hit;
        const p: XY = [xs[a1] + (xs[b1] - xs[a1]) * t, ys[a1] + (ys[b1] - ys[a1]) * t];
        let node = -1;
        for (const cand of [a1, b1, a2, b2]) if (node < 0 && Math.hypot(xs[cand] - p[0], ys[cand] - p[1]) < 0.3) node = cand;
        if (node < 0) node = addNode(p);
        if (node !== a1 && node !== b1) inserts[segLine[s1]].push({ seg: segIdx[s1], t, node });
        if (node !== a2 && node !== b2) inserts[segLine[s2]].push({ seg: segIdx[s2], t: s, node });
      }
  }
  lines.forEach((l, li) => {
    const ins = inserts[li];
    if (!ins.length) return;
    ins.sort((a, b) => a.seg - b.seg || a.t - b.t || a.node - b.node);
    const out: number[] = [];
    let k = 0;
    for (let s = 0; s < l.nodes.length; s++) {
      out.push(l.nodes[s]);
      while (k < ins.length && ins[k].seg === s) out.push(ins[k++].node);
    }
    l.nodes = out.filter((n, i) => i === 0 || n !== out[i - 1]);
  });

  // 3. Keep or drop each edge by its midpoint.
  const zoneBoxes = zones.map((z) => bboxOf(z.ring));
  const zoneAt = (p: XY): number[] => {
    const out: number[] = [];
    zones.forEach((z, k) => {
      const b = zoneBoxes[k];
      if (p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && pointInRing(p, z.ring)) out.push(k);
    });
    return out;
  };
  const villageBoxes = villageRings.map(bboxOf);
  const inVillage = (p: XY) =>
    villageRings.some((r, k) => {
      const b = villageBoxes[k];
      return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && pointInRing(p, r);
    });
  const blocks = (cls: RoadClass, z: LandZone): boolean => {
    if (z.cls === 'park') return true;
    if (z.cls === 'water') return z.linear ? cls === 'local' : true;
    if (z.cls === 'rail') return cls !== 'arterial';
    return cls === 'local'; // industry
  };
  const keepEdge = (l: Line, a: number, b: number): boolean => {
    const cls = l.cls as RoadClass;
    const m: XY = [(xs[a] + xs[b]) / 2, (ys[a] + ys[b]) / 2];
    if (!pointInRing(m, boundary)) return false;
    for (const k of zoneAt(m)) if (blocks(cls, zones[k])) return false;
    if (cls !== 'local') return true;
    const dens = densityAt(m);
    if (dens < 700 && !inVillage(m)) return false;
    // a few missing links make T-junctions, as real street networks have
    return hash2(seed, Math.min(a, b), Math.max(a, b)) / 4294967295 > (dens < 4000 ? 0.08 : 0.06);
  };

  interface Chain {
    line: Line;
    nodes: number[];
  }
  const chains: Chain[] = [];
  for (const l of lines) {
    if (l.cls === 'cutter') continue;
    let cur: number[] = [];
    for (let s = 0; s + 1 < l.nodes.length; s++) {
      const a = l.nodes[s];
      const b = l.nodes[s + 1];
      if (keepEdge(l, a, b)) {
        if (!cur.length) cur.push(a);
        cur.push(b);
      } else if (cur.length) {
        chains.push({ line: l, nodes: cur });
        cur = [];
      }
    }
    if (cur.length) chains.push({ line: l, nodes: cur });
  }

  // Split local streets where they cross an arterial, so each spans one superblock.
  const arterialNodes = new Set<number>();
  for (const c of chains) if (c.line.cls === 'arterial') for (const n of c.nodes) arterialNodes.add(n);
  const split: Chain[] = [];
  for (const c of chains) {
    if (c.line.cls !== 'local') {
      split.push(c);
      continue;
    }
    let cur: number[] = [c.nodes[0]];
    for (let i = 1; i < c.nodes.length; i++) {
      cur.push(c.nodes[i]);
      if (arterialNodes.has(c.nodes[i]) && i < c.nodes.length - 1) {
        split.push({ line: c.line, nodes: cur });
        cur = [c.nodes[i]];
      }
    }
    split.push({ line: c.line, nodes: cur });
  }

  // 4. Trim local dead ends back to the last junction.
  const use = new Map<number, number>();
  const addUse = (n: number, d: number) => use.set(n, (use.get(n) ?? 0) + d);
  for (const c of split) for (const n of new Set(c.nodes)) addUse(n, 1);
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of split) {
      if (c.line.cls !== 'local' || c.nodes.length < 2) continue;
      for (const end of [0, 1]) {
        while (c.nodes.length >= 2) {
          const n = end === 0 ? c.nodes[0] : c.nodes[c.nodes.length - 1];
          if ((use.get(n) ?? 0) >= 2) break;
          addUse(n, -1);
          if (end === 0) c.nodes.shift();
          else c.nodes.pop();
          changed = true;
        }
      }
      if (c.nodes.length < 2) {
        for (const n of c.nodes) addUse(n, -1);
        c.nodes = [];
      }
    }
  }

  // Drop unshared vertices that lie in water (bridge decks need only their two banks).
  const waterZones = zones.map((z, k) => (z.cls === 'water' ? k : -1)).filter((k) => k >= 0);
  const inWater = (n: number) =>
    waterZones.some((k) => {
      const b = zoneBoxes[k];
      return xs[n] >= b[0] && xs[n] <= b[2] && ys[n] >= b[1] && ys[n] <= b[3] && pointInRing(pt(n), zones[k].ring);
    });
  for (const c of split) {
    if (c.nodes.length < 3) continue;
    c.nodes = c.nodes.filter((n, i) => i === 0 || i === c.nodes.length - 1 || (use.get(n) ?? 0) >= 2 || !inWater(n));
  }

  // Names: one per named grid line (north to south, west to east) and for the two extra arterials.
  const named = new Map<string, { name: string; nameEn: string }>();
  let ai = 2;
  let si = 0;
  const lineKeyBase = (key: string) => key.split('.')[0];
  const order = [...grid.vLines.map((l, j) => ({ l, key: `v${j}` })).reverse(), ...grid.uLines.map((l, i) => ({ l, key: `u${i}` }))];
  const keptBases = new Set(split.filter((c) => c.nodes.length >= 2).map((c) => lineKeyBase(c.line.key)));
  for (const { l, key } of order) {
    if (!keptBases.has(key) || l.cls === 'local') continue;
    if (l.cls === 'arterial') {
      const [zh, py] = ARTERIAL_NAMES[ai++ % ARTERIAL_NAMES.length];
      named.set(key, { name: `${zh}路`, nameEn: `${py} Road` });
    } else {
      const [zh, py] = SECONDARY_NAMES[si++ % SECONDARY_NAMES.length];
      named.set(key, { name: `${zh}街`, nameEn: `${py} Street` });
    }
  }
  named.set('diagonal', { name: `${ARTERIAL_NAMES[0][0]}路`, nameEn: `${ARTERIAL_NAMES[0][1]} Road` });
  named.set('ring', { name: '南环路', nameEn: 'Nanhuan Road' });

  const rank: Record<RoadClass, number> = { arterial: 0, secondary: 1, local: 2 };
  const chainLength = (c: Chain) => {
    let t = 0;
    for (let i = 1; i < c.nodes.length; i++) t += Math.hypot(xs[c.nodes[i]] - xs[c.nodes[i - 1]], ys[c.nodes[i]] - ys[c.nodes[i - 1]]);
    return t;
  };
  const kept = split
    .filter((c) => c.nodes.length >= 2 && chainLength(c) >= 2)
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank[a.c.line.cls as RoadClass] - rank[b.c.line.cls as RoadClass] || a.i - b.i);
  return kept.map(({ c }, k) => {
    const cls = c.line.cls as RoadClass;
    const road: Road = { id: `r${String(k + 1).padStart(5, '0')}`, cls, points: c.nodes.map(pt), nodes: c.nodes };
    const nm = cls === 'local' ? undefined : named.get(lineKeyBase(c.line.key));
    if (nm) {
      road.name = nm.name;
      road.nameEn = nm.nameEn;
    }
    return road;
  });
}

function segIntersectParams(a: XY, b: XY, c: XY, d: XY): [number, number] | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-9) return null;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / den;
  const s = (qx * ry - qy * rx) / den;
  if (t < -1e-9 || t > 1 + 1e-9 || s < -1e-9 || s > 1 + 1e-9) return null;
  return [Math.max(0, Math.min(1, t)), Math.max(0, Math.min(1, s))];
}
