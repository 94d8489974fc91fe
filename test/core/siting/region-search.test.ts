import { describe, expect, it } from 'vitest';
import { listsFromDense, type DemandLists } from '../../../src/core/siting/demand-lists.ts';
import { MedianSearch } from '../../../src/core/siting/heuristics/median-search.ts';
import { regionSearch } from '../../../src/core/siting/heuristics/region-search.ts';
import { seededRandom } from '../../../src/core/siting/random.ts';
import { subsets } from './synthetic.ts';

/** Each point at its cheapest open listed site (or its list's bound `beyond`), as `DemandLists` defines the objective. */
function plainObjective(lists: DemandLists, weights: Float64Array, open: Iterable<number>): number {
  const set = new Set(open);
  let total = 0;
  for (let u = 0; u < lists.n; u++) {
    let best = lists.beyond[u];
    for (let k = lists.start[u]; k < lists.start[u + 1]; k++) if (set.has(lists.site[k])) best = Math.min(best, lists.cost[k]);
    total += weights[u] * best;
  }
  return total;
}

/**
 * Two towns on a line, 1,000 m apart, a demand point and a candidate on every metre of each:
 * A = 0..20 m (weight 1 a point), B = 1,000..1,020 m (weight 4). Two sites in each town at their
 * best (4 and 15: 0..9 cost 25 and 10..20 cost 30; the same in B) cost 55 + 4 · 55 = 275. One site
 * in A at 10 (cost 2 · (1 + … + 10) = 110) and three in B at 1,003, 1,010 and 1,017 (three runs of
 * seven points, 12 each) cost 110 + 4 · 36 = 254, yet no single swap from the first plan improves
 * it: the site left in A would stand at 4 or 15, and a third site in B beside two at 1,004 and
 * 1,015 gains too little (checked below over every swap).
 */
function twoTowns(): { lists: DemandLists; weights: Float64Array; xs: number[] } {
  const xs = [...Array.from({ length: 21 }, (_, k) => k), ...Array.from({ length: 21 }, (_, k) => 1000 + k)];
  const n = xs.length;
  const cost = new Float64Array(n * n);
  for (let u = 0; u < n; u++) for (let j = 0; j < n; j++) cost[u * n + j] = Math.abs(xs[u] - xs[j]);
  return { lists: listsFromDense(cost, n, n), weights: Float64Array.from(xs, (x) => (x < 500 ? 1 : 4)), xs };
}

/** A region's plan as its swaps left it (no further improvement), so the tests see the move alone. */
const settled = (s: MedianSearch): { sites: number[]; objective: number } => ({ sites: s.solution(), objective: s.objective() });

function searchOn(lists: DemandLists, weights: Float64Array, p: number): MedianSearch {
  return new MedianSearch({ lists, weights, nSites: lists.m, swappable: new Uint8Array(lists.m).fill(1), fixed: new Int32Array(0), p, big: 1e9 });
}

describe('regionSearch', () => {
  it('moves a site from a town with one too many to a town with one too few, re-spacing both: the brute-force optimum where single swaps are stuck', () => {
    const { lists, weights, xs } = twoTowns();
    const p = 4;
    let brute = Infinity;
    let bruteSites: number[] = [];
    for (const s of subsets(lists.m, p)) {
      const v = plainObjective(lists, weights, s);
      if (v < brute - 1e-9) {
        brute = v;
        bruteSites = [...s];
      }
    }
    expect(brute).toBeCloseTo(254, 9);
    expect(bruteSites.map((j) => xs[j])).toEqual([10, 1003, 1010, 1017]);

    const start = [4, 15, 1004, 1015].map((x) => xs.indexOf(x));
    const search = searchOn(lists, weights, p);
    search.reset(start);
    expect(search.objective()).toBeCloseTo(275, 9);
    // The premise: no single swap improves the start (checked plainly, not by the search's books).
    for (let s = 0; s < p; s++) {
      for (let i = 0; i < lists.m; i++) {
        if (start.includes(i)) continue;
        const next = start.map((j, t) => (t === s ? i : j));
        expect(plainObjective(lists, weights, next)).toBeGreaterThanOrEqual(275 - 1e-9);
      }
    }
    search.localSearch(1e-9);
    expect(search.objective()).toBeCloseTo(275, 9);

    const objective = regionSearch(search, lists, weights, { minusSize: 2, plusSize: 2, eps: 1e-9, big: 1e9, improve: settled, stopped: () => false });
    expect(objective).toBeCloseTo(brute, 9);
    expect(plainObjective(lists, weights, search.solution())).toBeCloseTo(brute, 9);
    expect(search.solution().map((j) => xs[j]).sort((a, b) => a - b)).toEqual([10, 1003, 1010, 1017]);
  });

  it('applies every improving pair its one sweep finds while their slots are untouched: two pairs of towns at once', () => {
    // Towns A, B, C, D as in twoTowns (weights 1, 4, 1, 4), 1,000 m apart: no point is ever better
    // served from another town, so the optimum is the best split of the 8 sites over the towns,
    // each town's cost with k sites found by brute force within the town alone.
    const offsets = [0, 1000, 2000, 3000];
    const xs = offsets.flatMap((o) => Array.from({ length: 21 }, (_, k) => o + k));
    const townWeight = [1, 4, 1, 4];
    const n = xs.length;
    const cost = new Float64Array(n * n);
    for (let u = 0; u < n; u++) for (let j = 0; j < n; j++) cost[u * n + j] = Math.abs(xs[u] - xs[j]);
    const lists = listsFromDense(cost, n, n);
    const weights = Float64Array.from(xs, (_, u) => townWeight[Math.floor(u / 21)]);
    const townCost = (k: number): number => {
      let best = Infinity;
      for (const s of subsets(21, k)) {
        let c = 0;
        for (let x = 0; x < 21; x++) c += Math.min(...s.map((j) => Math.abs(x - j)));
        best = Math.min(best, c);
      }
      return best;
    };
    const byK = [1, 2, 3, 4].map(townCost);
    let optimum = Infinity;
    for (const a of [1, 2, 3, 4]) for (const b of [1, 2, 3, 4]) for (const c of [1, 2, 3, 4]) {
      const d = 8 - a - b - c;
      if (d >= 1 && d <= 4) optimum = Math.min(optimum, byK[a - 1] + 4 * byK[b - 1] + byK[c - 1] + 4 * byK[d - 1]);
    }
    expect(optimum).toBeCloseTo(508, 9);

    const search = searchOn(lists, weights, 8);
    search.reset(offsets.flatMap((o) => [o + 4, o + 15].map((x) => xs.indexOf(x))));
    search.localSearch(1e-9);
    expect(search.objective()).toBeCloseTo(550, 9);
    const objective = regionSearch(search, lists, weights, { minusSize: 2, plusSize: 2, eps: 1e-9, big: 1e9, improve: settled, stopped: () => false, maxRounds: 1 });
    expect(objective).toBeCloseTo(optimum, 9);
    expect(plainObjective(lists, weights, search.solution())).toBeCloseTo(optimum, 9);
  });

  it('keeps a plan no region move improves, and never returns a worse one', () => {
    const { lists, weights, xs } = twoTowns();
    const optimum = [10, 1003, 1010, 1017].map((x) => xs.indexOf(x));
    const search = searchOn(lists, weights, 4);
    search.reset(optimum);
    expect(regionSearch(search, lists, weights, { minusSize: 2, plusSize: 2, eps: 1e-9, big: 1e9, improve: settled, stopped: () => false })).toBeCloseTo(254, 9);
    expect(search.solution().sort((a, b) => a - b)).toEqual(optimum);

    // Random planar instances with cut lists: the result is the objective of the plan left, no worse than the start.
    for (const seed of [1, 2, 3]) {
      const rand = seededRandom(seed);
      const n = 60;
      const m = 25;
      const pts = Array.from({ length: n + m }, () => [rand() * 1000, rand() * 1000]);
      const cost = new Float64Array(n * m);
      for (let u = 0; u < n; u++) for (let j = 0; j < m; j++) cost[u * m + j] = Math.hypot(pts[u][0] - pts[n + j][0], pts[u][1] - pts[n + j][1]);
      const cut = listsFromDense(cost, n, m, 8);
      const w = Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 9));
      const s = searchOn(cut, w, 6);
      s.reset([0, 1, 2, 3, 4, 5]);
      s.localSearch(1e-9);
      const before = s.objective();
      const after = regionSearch(s, cut, w, { minusSize: 3, plusSize: 3, eps: 1e-9, big: 1e9, improve: settled, stopped: () => false });
      expect(after).toBeLessThanOrEqual(before + 1e-9);
      expect(plainObjective(cut, w, s.solution())).toBeCloseTo(after, 6);
      expect(new Set(s.solution()).size).toBe(6);
    }
  });
});
