/**
 * Land without residents: a reservoir and the river flowing out of it, a railway line with a
 * marshalling yard, industrial zones, and parks placed inside arterial superblocks.
 */
import { featureCollection, intersect, polygon } from '@turf/turf';
import type { Polygon, MultiPolygon, Feature } from 'geojson';
import type { LandUseClass } from '../../src/core/schema.ts';
import { childRng, uniform, type Rng } from './rng.ts';
import { blob, edgeDistance, ringArea, shapeDistance, strip, type Ring, type XY } from './geom.ts';
import { arterialPolylines, type Grid } from './grid.ts';

export interface LandZone {
  id: string;
  cls: LandUseClass;
  name: string;
  ring: Ring;
  /** River or railway: arterials (and, over the river, secondaries) cross it on bridges. */
  linear?: boolean;
}

function closed(r: Ring): XY[] {
  return [...r, r[0]];
}

/** Clip a metre ring to the boundary (planar clipping in metres); may split into parts. */
export function clipToBoundary(ring: Ring, boundary: Ring): Ring[] {
  const f = intersect(featureCollection([polygon([closed(ring)]), polygon([closed(boundary)])])) as Feature<
    Polygon | MultiPolygon
  > | null;
  if (!f) return [];
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys
    .map((p) => p[0].slice(0, -1).map(([x, y]) => [x, y] as XY))
    .filter((r) => ringArea(r) > 20_000);
}

function superellipse(rng: Rng, c: XY, rx: number, ry: number, n: number, rough: number): (warpFn: (p: XY) => XY) => Ring {
  const phases = [uniform(rng, 0, 6.28), uniform(rng, 0, 6.28)];
  const amps = [uniform(rng, 0.02, rough), uniform(rng, 0.01, rough / 2)];
  return (warpFn) => {
    const out: Ring = [];
    for (let i = 0; i < n; i++) {
      const th = (2 * Math.PI * i) / n;
      const c4 = Math.abs(Math.cos(th)) ** 4 + Math.abs(Math.sin(th)) ** 4;
      const k = c4 ** -0.25 * (1 + amps[0] * Math.sin(2 * th + phases[0]) + amps[1] * Math.sin(5 * th + phases[1]));
      out.push(warpFn([c[0] + rx * Math.cos(th) * k, c[1] + ry * Math.sin(th) * k]));
    }
    return out;
  };
}

export function riverLine(): XY[] {
  const a: XY = [-1800, -6650];
  const b: XY = [5600, 5600];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const tx = (b[0] - a[0]) / len;
  const ty = (b[1] - a[1]) / len;
  const out: XY[] = [];
  for (let s = 0; s <= len; s += 60) {
    const off = 260 * Math.sin(s / 950) + 110 * Math.sin(s / 410 + 1.3);
    out.push([a[0] + tx * s - ty * off, a[1] + ty * s + tx * off]);
  }
  return out;
}

export function railLine(): XY[] {
  const out: XY[] = [];
  for (let y = 12800; y >= -12800; y -= 100) out.push([-300 + 1500 * (y / 12800) + 250 * Math.sin(y / 9000), y]);
  return out;
}

export function makeLandUse(seed: number, boundary: Ring, grid: Grid): LandZone[] {
  const rng = childRng(seed, 'landuse');
  const zones: { cls: LandUseClass; name: string; ring: Ring; linear?: boolean }[] = [];

  // Reservoir in the southern hills, and the river that leaves it to the north-east.
  const lake = blob([-2350, -7050], 700, 470, 0.5, 48, (i) => 1 + 0.09 * Math.sin(3 * i * 0.1309 + 1) + 0.05 * Math.sin(7 * i * 0.1309));
  zones.push({ cls: 'water', name: '南岗水库', ring: lake });
  zones.push({ cls: 'water', name: '秀水河', ring: strip(riverLine(), () => 32), linear: true });

  // Railway line (90 m corridor) widening to a marshalling yard (~340 m) north of the centre.
  const rail = railLine();
  zones.push({
    cls: 'rail',
    name: '铁路干线与南仓编组站',
    ring: strip(rail, (s) => {
      const y = 12800 - s;
      const yard = Math.min(Math.max(0, (y - 4300) / 500), 1, Math.max(0, (7300 - y) / 500));
      return 45 + 125 * yard;
    }),
    linear: true,
  });

  // Industrial zones, aligned to the street grid.
  const industry: { c: XY; rx: number; ry: number; name: string }[] = [
    { c: [-3300, 7200], rx: 700, ry: 480, name: '西郊纺织工业区' },
    { c: [1100, -2300], rx: 520, ry: 430, name: '南站物流园' },
    { c: [2900, -6300], rx: 620, ry: 430, name: '南部装备制造园' },
    { c: [-4600, -3700], rx: 430, ry: 380, name: '西南建材工业园' },
    { c: [3400, 2300], rx: 330, ry: 260, name: '东部老厂区' },
  ];
  for (const z of industry) {
    const uv = grid.unwarp(z.c);
    const ring = superellipse(rng, uv, z.rx, z.ry, 40, 0.06)((p) => grid.warp(p[0], p[1]));
    zones.push({ cls: 'industry', name: z.name, ring });
  }

  // Parks inside arterial superblocks, kept off arterials, rail, river and industry.
  const arterials = arterialPolylines(grid);
  const blockers = zones.map((z) => z.ring);
  const parks: { c: XY; km2: number; name: string }[] = [
    { c: [1700, 6300], km2: 0.85, name: '人和公园' },
    { c: [-1500, 8300], km2: 0.32, name: '碧水公园' },
    { c: [3600, 8200], km2: 0.18, name: '塔湾游园' },
    { c: [-2600, 3300], km2: 0.45, name: '西岗公园' },
    { c: [2300, 700], km2: 0.26, name: '静湖公园' },
    { c: [-1900, -3800], km2: 0.6, name: '新城中央公园' },
    { c: [600, -8600], km2: 1.5, name: '南岗森林公园' },
    { c: [-400, 3900], km2: 0.13, name: '槐荫游园' },
  ];
  const artU = grid.uLines.filter((l) => l.cls === 'arterial').map((l) => l.pos);
  const artV = grid.vLines.filter((l) => l.cls === 'arterial').map((l) => l.pos);
  const interval = (arr: number[], x: number): [number, number] => {
    for (let i = 0; i + 1 < arr.length; i++) if (arr[i] <= x && x < arr[i + 1]) return [arr[i], arr[i + 1]];
    return [x - 700, x + 700];
  };
  for (const p of parks) {
    const uv = grid.unwarp(p.c);
    const [ua, ub] = interval(artU, uv[0]);
    const [va, vb] = interval(artV, uv[1]);
    const maxRx = (ub - ua) / 2 - 110;
    const maxRy = (vb - va) / 2 - 110;
    const ratio = uniform(rng, 0.75, 1.3);
    let ry = Math.sqrt((p.km2 * 1e6) / 3.708 / ratio);
    let rx = ry * ratio;
    const f = Math.min(1, maxRx / rx, maxRy / ry);
    rx *= f;
    ry *= f;
    // centre the park in the free part of its superblock, near the wished position
    const cu = Math.max(ua + rx + 110, Math.min(ub - rx - 110, uv[0]));
    const cv = Math.max(va + ry + 110, Math.min(vb - ry - 110, uv[1]));
    let placed: Ring | null = null;
    for (let attempt = 0; attempt < 30 && !placed; attempt++) {
      const shrink = 1 - attempt * 0.02;
      const ring = superellipse(rng, [cu, cv], rx * shrink, ry * shrink, 44, 0.06)((q) => grid.warp(q[0], q[1]));
      const ok =
        arterials.every((a) => shapeDistance(ring, true, a, false) > 45) &&
        blockers.every((b) => shapeDistance(ring, true, b, true) > 40) &&
        edgeDistance(ring, true, boundary, true) > 60;
      if (ok) placed = ring;
    }
    if (placed) {
      zones.push({ cls: 'park', name: p.name, ring: placed });
      blockers.push(placed);
    }
  }

  const out: LandZone[] = [];
  for (const z of zones) {
    for (const part of clipToBoundary(z.ring, boundary)) {
      const zone: LandZone = { id: `lu${String(out.length + 1).padStart(2, '0')}`, cls: z.cls, name: z.name, ring: part };
      if (z.linear) zone.linear = true;
      out.push(zone);
    }
  }
  return out;
}

