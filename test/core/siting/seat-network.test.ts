import { describe, expect, it } from 'vitest';
import { SeatNetwork } from '../../../src/core/siting/heuristics/seat-network.ts';
import { coverageLists, problemFromMatrix, type CoverageLists } from '../../../src/core/siting/problem.ts';
import { seededRandom } from '../../../src/core/siting/random.ts';
import { planarInstance } from './synthetic.ts';

/**
 * An independent maximum flow for the same network (Edmonds–Karp on a dense capacity matrix):
 * source → demand (weight) → open site within reach → sink (seats).
 */
function edmondsKarp(cover: CoverageLists, weights: Float64Array, capacity: Float64Array, open: readonly number[]): number {
  const n = weights.length;
  const size = n + open.length + 2;
  const s = size - 2;
  const t = size - 1;
  const cap = Array.from({ length: size }, () => new Float64Array(size));
  for (let u = 0; u < n; u++) cap[s][u] = weights[u];
  open.forEach((j, k) => {
    cap[n + k][t] = capacity[j];
    for (let e = cover.start[j]; e < cover.start[j + 1]; e++) cap[cover.demand[e]][n + k] = Infinity;
  });
  let total = 0;
  for (;;) {
    const prev = new Int32Array(size).fill(-1);
    prev[s] = s;
    const queue = [s];
    while (queue.length > 0 && prev[t] < 0) {
      const v = queue.shift()!;
      for (let w = 0; w < size; w++) if (prev[w] < 0 && cap[v][w] > 1e-12) (prev[w] = v), queue.push(w);
    }
    if (prev[t] < 0) return total;
    let f = Infinity;
    for (let v = t; v !== s; v = prev[v]) f = Math.min(f, cap[prev[v]][v]);
    for (let v = t; v !== s; v = prev[v]) {
      cap[prev[v]][v] -= f;
      cap[v][prev[v]] += f;
    }
    total += f;
  }
}

describe('seat network', () => {
  it('splits blocks between sites to seat the most people', () => {
    // Block A (30) reaches sites 0 and 1; block B (20) only site 0. Seats 25 each: B → 0 (20),
    // A → 0 (5) + 1 (25): all 50 seated.
    const cost = Float64Array.from([100, 100, 100, Infinity]);
    const problem = problemFromMatrix({ demandIds: ['A', 'B'], siteIds: ['s0', 's1'], cost, weights: Float64Array.from([30, 20]) });
    const cover = coverageLists(problem, 500);
    const flow = new SeatNetwork(cover, problem.weights, Float64Array.from([25, 25]), [0, 1]).flow([]);
    expect(flow.served).toBeCloseTo(50, 9);
    expect(flow.seated[0]).toBeCloseTo(30, 9);
    expect(flow.seated[1]).toBeCloseTo(20, 9);
    // Site 1 alone seats 25 of A; site 0 standing, adding site 1 reroutes A's people through it.
    expect(new SeatNetwork(cover, problem.weights, Float64Array.from([25, 25]), []).served([1])).toBeCloseTo(25, 9);
    expect(new SeatNetwork(cover, problem.weights, Float64Array.from([25, 25]), [0]).served([1])).toBeCloseTo(50, 9);
  });

  it('adds new sites to the existing facilities’ flow: the same maximum as a flow from scratch, query after query', () => {
    const nCandidates = 15;
    const problem = planarInstance(7, 60, nCandidates, 4, [40, 25, 60, 10]);
    const cover = coverageLists(problem, 2500);
    const capacity = Float64Array.from(problem.capacity, (c, j) => (j < nCandidates ? 70 : c));
    const fixed = [15, 16, 17, 18];
    const network = new SeatNetwork(cover, problem.weights, capacity, fixed);
    expect(network.baseServed).toBeCloseTo(edmondsKarp(cover, problem.weights, capacity, fixed), 9);
    const rand = seededRandom(3);
    for (let q = 0; q < 40; q++) {
      const open = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 5) }, () => Math.floor(rand() * nCandidates)))];
      const expected = edmondsKarp(cover, problem.weights, capacity, [...fixed, ...open]);
      expect(network.served(open)).toBeCloseTo(expected, 9);
      const flow = network.flow(open);
      expect(flow.served).toBeCloseTo(expected, 9);
      // Where people are seated adds up, no block beyond its people, each at a site in reach.
      expect(flow.seated.reduce((a, b) => a + b, 0)).toBeCloseTo(expected, 9);
      flow.seated.forEach((x, u) => expect(x).toBeLessThanOrEqual(problem.weights[u] + 1e-9));
      flow.mainSite.forEach((j, u) => {
        if (j < 0) return expect(flow.seated[u]).toBe(0);
        expect([...fixed, ...open]).toContain(j);
        expect(Array.from(cover.demand.subarray(cover.start[j], cover.start[j + 1]))).toContain(u);
      });
    }
  });
});
