import { describe, expect, it } from 'vitest';
import { capacitatedPMedianHeuristic } from '../../../src/core/siting/heuristics/cpmedian.ts';
import { solveCapacitatedPMedian } from '../../../src/core/siting/index.ts';
import { problemFromMatrix } from '../../../src/core/siting/problem.ts';
import { planarInstance, subsets } from './synthetic.ts';

/** Brute force: every p-subset, every single-source assignment within capacity. */
function brute(cost: Float64Array, q: Float64Array, cap: number[], p: number, weighted: boolean): number {
  const n = q.length;
  const m = cap.length;
  let best = Infinity;
  for (const open of subsets(m, p)) {
    const load = new Array<number>(m).fill(0);
    const walk = (u: number, acc: number): void => {
      if (acc >= best) return;
      if (u === n) {
        best = acc;
        return;
      }
      for (const j of open) {
        if (load[j] + q[u] > cap[j]) continue;
        load[j] += q[u];
        walk(u + 1, acc + cost[u * m + j] * (weighted ? q[u] : 1));
        load[j] -= q[u];
      }
    };
    walk(0, 0);
  }
  return best;
}

describe('capacitated p-median', () => {
  for (const [seed, weighted] of [
    [51, true],
    [52, false],
  ] as const) {
    it(`exact equals brute force (seed ${seed}, ${weighted ? 'demand-weighted' : 'per point'})`, async () => {
      const base = planarInstance(seed, 9, 6);
      const cap = [45, 50, 60, 45, 55, 50];
      const problem = { ...base, capacity: Float64Array.from(cap) };
      const cost = base.costs.kind === 'dense' ? base.costs.cost : new Float64Array(0);
      const expected = brute(cost, base.weights, cap, 3, weighted);
      expect(expected).toBeLessThan(Infinity);
      const r = await solveCapacitatedPMedian(problem, 3, { weightedCost: weighted, timeLimitS: 30 });
      expect(r.objective).toBeCloseTo(expected, 6);
      expect(r.gap).toBe(0);
      // Every point assigned once, no site over capacity.
      const load = new Map<string, number>();
      r.assignment.forEach((s, u) => load.set(s!, (load.get(s!) ?? 0) + base.weights[u]));
      for (const [s, l] of load) expect(l).toBeLessThanOrEqual(cap[problem.siteIds.indexOf(s)]);
      // The heuristic is feasible and not far off on this size.
      const h = capacitatedPMedianHeuristic({
        cost,
        demand: base.weights,
        capacity: problem.capacity,
        nSites: 6,
        swappable: new Uint8Array(6).fill(1),
        fixed: new Int32Array(0),
        p: 3,
        weightedCost: weighted,
      });
      expect(h.objective).toBeGreaterThanOrEqual(expected - 1e-9);
      expect(h.objective).toBeLessThan(expected * 1.3);
    });
  }

  it('says when the sites cannot hold the demand', async () => {
    const problem = problemFromMatrix({
      demandIds: ['a', 'b'],
      siteIds: ['s'],
      cost: Float64Array.from([1, 2]),
      weights: Float64Array.from([5, 5]),
      capacity: Float64Array.from([6]),
    });
    await expect(solveCapacitatedPMedian(problem, 1)).rejects.toThrow(/hold 6, less than the demand 10/);
  });
});
