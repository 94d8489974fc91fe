import { describe, expect, it } from 'vitest';
import { listsFromDense, type DemandLists } from '../../../src/core/siting/demand-lists.ts';
import { MedianSearch } from '../../../src/core/siting/heuristics/median-search.ts';
import { seededRandom } from '../../../src/core/siting/random.ts';
import { planarInstance } from './synthetic.ts';

/**
 * The swap search keeps gain, loss and extra incrementally; every swap's profit must equal the
 * change of the objective computed from scratch. The reference here is a plain loop: each point
 * at its cheapest open listed site, or at its list's bound `beyond` when that is lower (or when no
 * listed site is open), as `DemandLists` defines the cut objective.
 */
function plainObjective(lists: DemandLists, weights: Float64Array, open: Set<number>): number {
  let total = 0;
  for (let u = 0; u < lists.n; u++) {
    let best = lists.beyond[u];
    for (let k = lists.start[u]; k < lists.start[u + 1]; k++) if (open.has(lists.site[k])) best = Math.min(best, lists.cost[k]);
    total += weights[u] * best;
  }
  return total;
}

describe('MedianSearch bookkeeping', () => {
  for (const keep of [Infinity, 5]) {
    it(`every swap profit equals the objective change after a run of swaps (lists ${keep === Infinity ? 'complete' : `cut at ${keep}`})`, () => {
      const nCand = 14;
      const nExisting = 2;
      const problem = planarInstance(11, 70, nCand, nExisting);
      if (problem.costs.kind !== 'dense') throw new Error('dense expected');
      const m = nCand + nExisting;
      const lists = listsFromDense(problem.costs.cost, 70, m, keep === Infinity ? m : keep);
      const weights = Float64Array.from(problem.weights);
      // Sentinel for points with no listed site: larger than any real cost.
      const big = 1e9;
      if (keep === Infinity) lists.beyond.fill(big);
      const swappable = new Uint8Array(m);
      swappable.fill(1, 0, nCand);
      const fixed = Int32Array.from([nCand, nCand + 1]);
      const p = 4;
      const search = new MedianSearch({ lists, weights, nSites: m, swappable, fixed, p, big });
      search.reset([0, 1, 2, 3]);
      const rand = seededRandom(5);
      const openSet = (): Set<number> => new Set([...fixed, ...search.solution()]);
      for (let step = 0; step < 40; step++) {
        const before = plainObjective(lists, weights, openSet());
        expect(search.objective()).toBeCloseTo(before, 6);
        for (let i = 0; i < nCand; i++) {
          if (search.open[i]) continue;
          for (let s = 0; s < p; s++) {
            const after = new Set(openSet());
            after.delete(search.sol[s]);
            after.add(i);
            expect(search.swapProfit(i, s)).toBeCloseTo(before - plainObjective(lists, weights, after), 6);
          }
        }
        let i = Math.floor(rand() * nCand);
        while (search.open[i]) i = (i + 1) % nCand;
        search.swap(i, Math.floor(rand() * p));
      }
    });
  }
});

/** The instance above: 70 points, 14 candidates and 2 existing sites, lists complete or cut at `keep`. */
function searchAfterSwaps(keep: number, swaps: number): { search: MedianSearch; lists: DemandLists; weights: Float64Array; fixed: Int32Array; nCand: number } {
  const nCand = 14;
  const problem = planarInstance(11, 70, nCand, 2);
  if (problem.costs.kind !== 'dense') throw new Error('dense expected');
  const m = nCand + 2;
  const lists = listsFromDense(problem.costs.cost, 70, m, keep === Infinity ? m : keep);
  if (keep === Infinity) lists.beyond.fill(1e9);
  const weights = Float64Array.from(problem.weights);
  const swappable = new Uint8Array(m);
  swappable.fill(1, 0, nCand);
  const fixed = Int32Array.from([nCand, nCand + 1]);
  const search = new MedianSearch({ lists, weights, nSites: m, swappable, fixed, p: 4, big: 1e9 });
  search.reset([0, 1, 2, 3]);
  const rand = seededRandom(9);
  for (let step = 0; step < swaps; step++) {
    let i = Math.floor(rand() * nCand);
    while (search.open[i]) i = (i + 1) % nCand;
    search.swap(i, Math.floor(rand() * 4));
  }
  return { search, lists, weights, fixed, nCand };
}

describe('MedianSearch moves held for drop–add', () => {
  for (const keep of [Infinity, 5]) {
    const label = keep === Infinity ? 'complete' : `cut at ${keep}`;

    it(`bestSwap with a held site and slot returns the best of the other swaps, by brute force (lists ${label})`, () => {
      for (const swaps of [0, 7, 23]) {
        const { search, lists, weights, fixed, nCand } = searchAfterSwaps(keep, swaps);
        const open = new Set([...fixed, ...search.solution()]);
        const before = plainObjective(lists, weights, open);
        for (const [tabuSite, tabuSlot] of [
          [-1, -1],
          [search.open[5] ? 6 : 5, 2],
        ]) {
          search.tabuSite = tabuSite;
          search.tabuSlot = tabuSlot;
          let best = -Infinity;
          for (let i = 0; i < nCand; i++) {
            if (open.has(i) || i === tabuSite) continue;
            for (let s = 0; s < 4; s++) {
              if (s === tabuSlot) continue;
              const after = new Set(open);
              after.delete(search.sol[s]);
              after.add(i);
              best = Math.max(best, before - plainObjective(lists, weights, after));
            }
          }
          const mv = search.bestSwap();
          expect(mv.profit).toBeCloseTo(best, 6);
          expect(mv.i).not.toBe(tabuSite);
          expect(mv.s).not.toBe(tabuSlot);
        }
        search.tabuSite = -1;
        search.tabuSlot = -1;
      }
    });

    it(`overlaps(i, s) is false only when swapping i into slot s changes the objective by i's gain less the slot's loss (lists ${label})`, () => {
      const { search, lists, weights, fixed, nCand } = searchAfterSwaps(keep, 13);
      const open = new Set([...fixed, ...search.solution()]);
      const before = plainObjective(lists, weights, open);
      let apart = 0;
      for (let i = 0; i < nCand; i++) {
        if (open.has(i)) continue;
        const withI = new Set(open).add(i);
        const gain = before - plainObjective(lists, weights, withI);
        expect(search.insertGain(i)).toBeCloseTo(gain, 6);
        for (let s = 0; s < 4; s++) {
          const without = new Set(open);
          without.delete(search.sol[s]);
          const loss = plainObjective(lists, weights, without) - before;
          const swapped = new Set(without).add(i);
          const joint = before - plainObjective(lists, weights, swapped) - (gain - loss);
          if (!search.overlaps(i, s)) {
            expect(joint).toBeCloseTo(0, 6);
            apart++;
          } else expect(joint).toBeGreaterThan(0);
        }
      }
      // Both cases occur on this instance.
      expect(apart).toBeGreaterThan(0);
      expect(apart).toBeLessThan((nCand - 4) * 4);
    });
  }
});
