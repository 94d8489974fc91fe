/**
 * Seeded, deterministic city-scale siting instances in a planar metre frame (no files): demand
 * clustered around neighbourhood centres like residents of a city, candidates half spread evenly
 * and half near demand. Distances are Euclidean metres through a grid index, so building the
 * problem costs only the pairs kept.
 */
import type { DistanceRule, LngLat, Reach, SiteRef } from '../../src/core/types.ts';
import { buildProblem, type SitingProblem } from '../../src/core/siting/problem.ts';
import { NearestCollector, nearestK } from '../../src/core/siting/demand-lists.ts';
import { seededRandom } from '../../src/core/siting/random.ts';

export interface CityPoints {
  demand: LngLat[];
  weights: number[];
  candidates: LngLat[];
}

/** `n` demand points around `clusters` centres in a `sizeM` square; `m` candidates. */
export function cityPoints(seed: number, n: number, m: number, sizeM = 30_000, clusters = 80): CityPoints {
  const rand = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: clusters }, () => ({ x: rand() * sizeM, y: rand() * sizeM, s: 250 + rand() * 1250, w: 0.2 + rand() }));
  let totalW = 0;
  for (const c of centres) totalW += c.w;
  const clamp = (v: number): number => Math.min(sizeM, Math.max(0, v));
  const demand: LngLat[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    if (rand() < 0.15) demand.push([rand() * sizeM, rand() * sizeM]);
    else {
      let r = rand() * totalW;
      let c = centres[0];
      for (const k of centres) {
        c = k;
        r -= k.w;
        if (r <= 0) break;
      }
      demand.push([clamp(c.x + gauss() * c.s), clamp(c.y + gauss() * c.s)]);
    }
    weights.push(1 + Math.floor(rand() * 40));
  }
  const candidates: LngLat[] = [];
  for (let j = 0; j < m; j++) {
    if (j % 2 === 0) candidates.push([rand() * sizeM, rand() * sizeM]);
    else {
      const d = demand[Math.floor(rand() * n)];
      candidates.push([clamp(d[0] + gauss() * 200), clamp(d[1] + gauss() * 200)]);
    }
  }
  return { demand, weights, candidates };
}

/** A DistanceRule over planar metres (site lngLat = [x, y]) with a uniform grid of the demand. */
export function planarRule(demand: readonly LngLat[], cellM = 500): DistanceRule {
  let maxX = 0;
  let maxY = 0;
  for (const [x, y] of demand) {
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const nx = Math.floor(maxX / cellM) + 1;
  const ny = Math.floor(maxY / cellM) + 1;
  const start = new Int32Array(nx * ny + 1);
  const cellOf = (x: number, y: number): number => Math.min(ny - 1, Math.max(0, Math.floor(y / cellM))) * nx + Math.min(nx - 1, Math.max(0, Math.floor(x / cellM)));
  for (const [x, y] of demand) start[cellOf(x, y) + 1]++;
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c];
  const items = new Int32Array(demand.length);
  const fill = start.slice(0, nx * ny);
  demand.forEach(([x, y], i) => (items[fill[cellOf(x, y)]++] = i));
  return {
    kind: 'matrix',
    demandCount: demand.length,
    reach(site: SiteRef, maxDistanceM: number): Reach {
      const [sx, sy] = site.lngLat!;
      const idx: number[] = [];
      const dist: number[] = [];
      const visit = (i: number): void => {
        const d = Math.hypot(demand[i][0] - sx, demand[i][1] - sy);
        if (d <= maxDistanceM) {
          idx.push(i);
          dist.push(d);
        }
      };
      if (maxDistanceM === Infinity) for (let i = 0; i < demand.length; i++) visit(i);
      else {
        const r = Math.ceil(maxDistanceM / cellM);
        const cx = Math.floor(sx / cellM);
        const cy = Math.floor(sy / cellM);
        for (let y = Math.max(0, cy - r); y <= Math.min(ny - 1, cy + r); y++) {
          for (let x = Math.max(0, cx - r); x <= Math.min(nx - 1, cx + r); x++) {
            for (let k = start[y * nx + x]; k < start[y * nx + x + 1]; k++) visit(items[k]);
          }
        }
      }
      const order = Int32Array.from(idx.keys()).sort((a, b) => dist[a] - dist[b] || idx[a] - idx[b]);
      return { indices: Int32Array.from(order, (k) => idx[k]), distancesM: Float64Array.from(order, (k) => dist[k]) };
    },
  };
}

/** The MCLP instance: coverage pairs within `radius` only. */
export function cityCoverageProblem(pts: CityPoints, radius: number): SitingProblem {
  return buildProblem({
    demand: pts.demand.map((lngLat, i) => ({ id: `d${i}`, weight: pts.weights[i], lngLat })),
    candidates: pts.candidates.map((lngLat, j) => ({ id: `c${j}`, lngLat })),
    rule: planarRule(pts.demand),
    maxCost: radius,
  });
}

/**
 * The p-median instance: each demand point's k nearest sites only (see `nearestK`), found through
 * a grid of the sites (rings around the point until k are certain), and exact costs of one site to
 * all demand on request, so nothing n × m is ever held.
 */
export function cityMedianProblem(pts: CityPoints, p: number): SitingProblem {
  const { demand, candidates } = pts;
  const n = demand.length;
  const m = candidates.length;
  const k = nearestK(m, p);
  const cellM = 1000;
  let maxX = 0;
  let maxY = 0;
  for (const [x, y] of [...demand, ...candidates]) {
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const nx = Math.floor(maxX / cellM) + 1;
  const ny = Math.floor(maxY / cellM) + 1;
  const cellStart = new Int32Array(nx * ny + 1);
  const cellOf = (x: number, y: number): number => Math.floor(y / cellM) * nx + Math.floor(x / cellM);
  for (const [x, y] of candidates) cellStart[cellOf(x, y) + 1]++;
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1] += cellStart[c];
  const items = new Int32Array(m);
  const fill = cellStart.slice(0, nx * ny);
  candidates.forEach(([x, y], j) => (items[fill[cellOf(x, y)]++] = j));
  const collect = new NearestCollector(n, m, k);
  const found = new Int32Array(m);
  for (let u = 0; u < n; u++) {
    const [x, y] = demand[u];
    const cx = Math.floor(x / cellM);
    const cy = Math.floor(y / cellM);
    let count = 0;
    // Ring r holds every site within r × cellM of the point's cell; once k + 1 sites lie within
    // that distance, no site outside ring r + 1 can be among them.
    for (let r = 0, certain = -1; r <= Math.max(nx, ny) && (certain < 0 || r <= certain); r++) {
      for (let gy = cy - r; gy <= cy + r; gy++) {
        for (let gx = cx - r; gx <= cx + r; gx++) {
          if (gx < 0 || gy < 0 || gx >= nx || gy >= ny || (Math.abs(gx - cx) !== r && Math.abs(gy - cy) !== r)) continue;
          for (let t = cellStart[gy * nx + gx]; t < cellStart[gy * nx + gx + 1]; t++) found[count++] = items[t];
        }
      }
      if (certain < 0 && count > k) certain = Math.ceil(Math.SQRT2 * (r + 1));
    }
    for (let t = 0; t < count; t++) {
      const j = found[t];
      collect.add(u, j, Math.hypot(candidates[j][0] - x, candidates[j][1] - y));
    }
  }
  const siteCosts = (j: number): Reach => {
    const [sx, sy] = candidates[j];
    return { indices: Int32Array.from({ length: n }, (_, u) => u), distancesM: Float64Array.from(demand, ([x, y]) => Math.hypot(x - sx, y - sy)) };
  };
  return {
    demandIds: demand.map((_, i) => `d${i}`),
    demandNames: demand.map((_, i) => `d${i}`),
    weights: Float64Array.from(pts.weights),
    siteIds: candidates.map((_, j) => `c${j}`),
    nCandidates: m,
    capacity: new Float64Array(m).fill(NaN),
    costs: { kind: 'nearest', lists: collect.finish(), siteCosts },
  };
}
