import { describe, expect, it } from 'vitest';
import { listsFromDense, NearestCollector } from '../../../src/core/siting/demand-lists.ts';
import { solvePMedian } from '../../../src/core/siting/index.ts';
import type { SitingProblem } from '../../../src/core/siting/problem.ts';
import type { Reach } from '../../../src/core/types.ts';
import { bruteForce, medianValue, planarInstance } from './synthetic.ts';

/** The same problem, but holding only each demand point's k nearest sites (the city-scale form). */
function asNearest(problem: SitingProblem, k: number): SitingProblem {
  if (problem.costs.kind !== 'dense') throw new Error('dense expected');
  const cost = problem.costs.cost;
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const collect = new NearestCollector(n, m, k);
  // Offered site by site, in reverse, to show the order does not matter.
  for (let j = m - 1; j >= 0; j--) for (let u = 0; u < n; u++) if (cost[u * m + j] !== Infinity) collect.add(u, j, cost[u * m + j]);
  const siteCosts = (j: number): Reach => ({ indices: Int32Array.from({ length: n }, (_, u) => u), distancesM: Float64Array.from({ length: n }, (_, u) => cost[u * m + j]) });
  return { ...problem, costs: { kind: 'nearest', lists: collect.finish(), siteCosts } };
}

describe('k-nearest lists', () => {
  it('keep the k cheapest sites in order and the (k+1)-th cost as the bound beyond', () => {
    // One demand point, five sites at 7, 3, Infinity, 5, 3 (ties by site index).
    const cost = Float64Array.from([7, 3, Infinity, 5, 3]);
    const dense = listsFromDense(cost, 1, 5, 2);
    expect(Array.from(dense.site)).toEqual([1, 4]);
    expect(Array.from(dense.cost)).toEqual([3, 3]);
    expect(dense.beyond[0]).toBe(5);
    const c = new NearestCollector(1, 5, 2);
    [0, 1, 3, 4].forEach((j) => c.add(0, j, cost[j]));
    const heap = c.finish();
    expect(Array.from(heap.site)).toEqual([1, 4]);
    expect(heap.beyond[0]).toBe(5);
    // k beyond the reachable sites: complete list, nothing beyond.
    const all = listsFromDense(cost, 1, 5, 10);
    expect(Array.from(all.site)).toEqual([1, 4, 3, 0]);
    expect(all.beyond[0]).toBe(Infinity);
  });

  for (const [seed, p, k] of [
    [71, 3, 4],
    [72, 4, 3],
  ] as const) {
    it(`p-median on k = ${k} nearest of 12 sites reaches the brute-force optimum, its objective recomputed exactly (seed ${seed})`, async () => {
      const problem = planarInstance(seed, 40, 12, 0);
      const brute = bruteForce(problem, p, (open) => medianValue(problem, open), 'min');
      const r = await solvePMedian(asNearest(problem, k), p, { seed: 3 });
      const open = r.selected.map((id) => problem.siteIds.indexOf(id));
      // The reported objective is the plan's true cost on the full matrix…
      expect(r.objective).toBeCloseTo(medianValue(problem, open), 6);
      // …and the plan is optimal here.
      expect(r.objective).toBeCloseTo(brute.best, 6);
    });
  }

  it('refuses the exact solver on cut lists', async () => {
    const problem = asNearest(planarInstance(73, 20, 8), 2);
    await expect(solvePMedian(problem, 2, { solver: 'exact' })).rejects.toThrow(/nearest sites; the exact model needs every pair/);
  });
});
