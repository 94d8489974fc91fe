import { describe, expect, it } from 'vitest';
import { defaultIterations } from '../../../src/core/siting/heuristics/pmedian.ts';
import { solvePMedian } from '../../../src/core/siting/index.ts';
import { bruteForce, medianValue, planarInstance } from './synthetic.ts';

describe('p-median', () => {
  for (const [seed, p, existing] of [
    [1, 3, 0],
    [2, 4, 0],
    [3, 5, 2],
  ] as const) {
    const problem = planarInstance(seed, 40, 12, existing);
    const brute = bruteForce(problem, p, (open) => medianValue(problem, open), 'min');

    it(`heuristic finds the brute-force optimum (seed ${seed}, p ${p}, existing ${existing})`, async () => {
      const r = await solvePMedian(problem, p, { seed: 7 });
      expect(r.solver).toBe('heuristic');
      expect(r.objective).toBeCloseTo(brute.best, 6);
      expect(r.selected).toHaveLength(p);
      expect(r.perSiteGain).toHaveLength(p);
      expect(r.existing).toHaveLength(existing);
      // Ranked by marginal gain, largest first.
      for (let k = 1; k < p; k++) expect(r.perSiteGain[k]).toBeLessThanOrEqual(r.perSiteGain[k - 1] + 1e-9);
    });

    it(`HiGHS proves the same optimum (seed ${seed})`, async () => {
      const r = await solvePMedian(problem, p, { solver: 'exact', timeLimitS: 30 });
      expect(r.solver).toBe('exact');
      expect(r.objective).toBeCloseTo(brute.best, 6);
      expect(r.gap).toBe(0);
      expect(r.bound).toBeCloseTo(brute.best, 4);
    });
  }

  it('assigns every demand point to its nearest open site and is serialisable', async () => {
    const problem = planarInstance(4, 30, 10, 1);
    const r = await solvePMedian(problem, 2);
    const open = [...r.selected, ...r.existing].map((id) => problem.siteIds.indexOf(id));
    r.assignment.forEach((site, u) => {
      const j = problem.siteIds.indexOf(site!);
      const costs = open.map((k) => (problem.costs.kind === 'dense' ? problem.costs.cost[u * problem.siteIds.length + k] : NaN));
      expect(problem.costs.kind === 'dense' && problem.costs.cost[u * problem.siteIds.length + j]).toBe(Math.min(...costs));
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('is deterministic per seed', async () => {
    const problem = planarInstance(5, 60, 12);
    const a = await solvePMedian(problem, 4, { seed: 3 });
    const b = await solvePMedian(problem, 4, { seed: 3 });
    expect(a.selected).toEqual(b.selected);
  });

  it('stops when cancelled and still returns a solution', async () => {
    const problem = planarInstance(6, 60, 12);
    const r = await solvePMedian(problem, 4, { cancel: { cancelled: true } });
    expect(r.selected).toHaveLength(4);
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await solvePMedian(planarInstance(7, 40, 12), 3, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1);
  });
});

describe('p-median default effort', () => {
  it('gives 10 p iterated-search rounds up to 2,000, fewer when n × rounds would pass 2,000,000, never under 30', () => {
    // By hand: min(2000, 10 p, floor(2,000,000 / n)), at least 30.
    expect(defaultIterations(5, 100)).toBe(50);
    expect(defaultIterations(200, 900)).toBe(2000);
    expect(defaultIterations(100, 20_000)).toBe(100);
    expect(defaultIterations(100, 1_000_000)).toBe(30);
    expect(defaultIterations(1, 50)).toBe(30);
  });
});
