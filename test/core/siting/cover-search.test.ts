import { describe, expect, it } from 'vitest';
import { CoverSearch } from '../../../src/core/siting/heuristics/max-cover.ts';
import { coverageLists } from '../../../src/core/siting/problem.ts';
import { reduceCover } from '../../../src/core/siting/models/cover-reduce.ts';
import { solveMclp } from '../../../src/core/siting/index.ts';
import { seededRandom } from '../../../src/core/siting/random.ts';
import { bruteForce, coverValue, planarInstance } from './synthetic.ts';

/** Covered weight of a set of sites, counted from scratch. */
function covered(cover: { start: Int32Array; demand: Int32Array }, w: Float64Array, sites: number[]): number {
  const hit = new Set<number>();
  for (const j of sites) for (let k = cover.start[j]; k < cover.start[j + 1]; k++) hit.add(cover.demand[k]);
  let v = 0;
  for (const u of hit) v += w[u];
  return v;
}

describe('covering swap search', () => {
  it('keeps every swap profit equal to a recount after random moves', () => {
    const problem = planarInstance(61, 60, 15);
    const cover = coverageLists(problem, 2000);
    const p = 4;
    const search = new CoverSearch({ cover, weights: problem.weights, nSites: 15, swappable: new Uint8Array(15).fill(1), fixed: [], p });
    search.reset([0, 1, 2, 3]);
    const rand = seededRandom(5);
    for (let step = 0; step < 40; step++) {
      const sol = [...search.sol];
      const base = covered(cover, problem.weights, sol);
      expect(search.covered).toBeCloseTo(base, 9);
      for (let i = 0; i < 15; i++) {
        if (sol.includes(i)) continue;
        for (let s = 0; s < p; s++) {
          const next = sol.map((x, k) => (k === s ? i : x));
          expect(search.swapProfit(i, s)).toBeCloseTo(covered(cover, problem.weights, next) - base, 9);
        }
      }
      let i = Math.floor(rand() * 15);
      while (sol.includes(i)) i = (i + 1) % 15;
      search.swap(i, Math.floor(rand() * p));
    }
  });

  it('the reduced instance keeps the optimum: brute force over all candidates equals the exact solver', async () => {
    for (const seed of [62, 63]) {
      const problem = planarInstance(seed, 50, 12, 1);
      const red = reduceCover(problem, coverageLists(problem, 2500), 3, { dominance: true });
      expect(red.nCandidates).toBeLessThanOrEqual(12);
      const brute = bruteForce(problem, 3, (open) => coverValue(problem, open, 2500), 'max');
      const exact = await solveMclp(problem, 3, 2500, { solver: 'exact', timeLimitS: 30 });
      expect(exact.objective).toBeCloseTo(brute.best, 9);
      const heuristic = await solveMclp(problem, 3, 2500);
      expect(heuristic.objective).toBeCloseTo(brute.best, 9);
    }
  });
});
