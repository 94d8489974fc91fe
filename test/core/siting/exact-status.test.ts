import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOrlibPmed, shortestPathMatrix } from '../../../src/core/io/orlib.ts';
import { problemFromMatrix, solveLscp, solveMclp, solvePCenter, solvePMedian } from '../../../src/core/siting/index.ts';
import { bruteForce, coverValue, planarInstance } from './synthetic.ts';

const PMED = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'bench', 'pmed');

describe('honest exact runs', () => {
  it.skipIf(!existsSync(join(PMED, 'pmed11.txt')))('pmed11 with a tiny time limit returns the heuristic plan, status time_limit, within the wall clock', async () => {
    const inst = parseOrlibPmed(readFileSync(join(PMED, 'pmed11.txt'), 'utf8'), 'pmed11');
    const ids = Array.from({ length: inst.n }, (_, i) => String(i + 1));
    const problem = problemFromMatrix({ demandIds: ids, siteIds: ids, cost: shortestPathMatrix(inst) });
    // Published optimum (OR-Library pmedopt, ../shared/bench/pmed/optimal.csv).
    const optimum = Number(
      readFileSync(join(PMED, 'optimal.csv'), 'utf8')
        .split('\n')
        .find((l) => l.startsWith('pmed11,'))!
        .split(',')[3],
    );
    expect(optimum).toBe(7696);
    for (const limit of [0.05, 0.3]) {
      const t0 = performance.now();
      const r = await solvePMedian(problem, inst.p, { solver: 'exact', timeLimitS: limit });
      const wall = (performance.now() - t0) / 1000;
      expect(r.solver).toBe('exact');
      expect(r.selected).toHaveLength(5);
      expect(r.objective).toBeGreaterThanOrEqual(optimum);
      if (r.status === 'optimal') {
        expect(r.objective).toBe(optimum);
        expect(r.gapPct).toBe(0);
      } else {
        expect(r.status).toBe('time_limit');
        if (r.gapPct === null) expect(r.bound).toBeNull();
        else {
          expect(r.bound!).toBeLessThanOrEqual(r.objective);
          expect(r.gapPct).toBeCloseTo((100 * (r.objective - r.bound!)) / r.objective, 9);
        }
      }
      // The limit covers the whole solve; the slack is HiGHS's wasm start and one uninterruptible step.
      expect(wall).toBeLessThan(limit + 1.5);
    }
  });

  it('an exact run given time proves optimality: status optimal, gap 0, bound = objective', async () => {
    const problem = planarInstance(21, 30, 8);
    const brute = bruteForce(problem, 2, (open) => coverValue(problem, open, 2500), 'max');
    const r = await solveMclp(problem, 2, 2500, { solver: 'exact', timeLimitS: 30 });
    expect(r.objective).toBeCloseTo(brute.best, 9);
    expect(r).toMatchObject({ status: 'optimal', gapPct: 0 });
    expect(r.bound!).toBeCloseTo(brute.best, 6);
    const h = await solveMclp(problem, 2, 2500);
    expect(h).toMatchObject({ status: 'heuristic', bound: null, gapPct: null });
  });

  it('LSCP: zero-weight demand need not be covered, by the heuristic and the exact solver alike', async () => {
    // Three points, three sites, each site covering one point (cost 1; 100 elsewhere); point c
    // weighs 0. By hand: covering a and b takes 2 sites; c adds no weight, so 2 in both solvers.
    const cost = Float64Array.from([1, 100, 100, 100, 1, 100, 100, 100, 1]);
    const problem = problemFromMatrix({ demandIds: ['a', 'b', 'c'], siteIds: ['s1', 's2', 's3'], cost, weights: Float64Array.from([5, 3, 0]) });
    const heuristic = await solveLscp(problem, 10);
    const exact = await solveLscp(problem, 10, 1, { solver: 'exact', timeLimitS: 30 });
    expect(heuristic.objective).toBe(2);
    expect(exact.objective).toBe(2);
    expect(exact.status).toBe('optimal');
    expect(exact.selected.slice().sort()).toEqual(['s1', 's2']);
  });

  it('exact p-center and p-median report status and bound', async () => {
    const problem = planarInstance(22, 25, 8);
    const pc = await solvePCenter(problem, 2, { solver: 'exact', timeLimitS: 30 });
    expect(pc.status).toBe('optimal');
    expect(pc.bound!).toBeCloseTo(pc.objective, 6);
    const pm = await solvePMedian(problem, 2, { solver: 'exact', timeLimitS: 30 });
    expect(pm.status).toBe('optimal');
    expect(pm.gapPct).toBe(0);
  });
});

describe('p = 0 and unserved demand (p-median, p-center)', () => {
  // d1 reaches the candidate a at 5 and the existing e at 2; d2 reaches only a (1); d3 a at 3, e at 4.
  const cost = Float64Array.from([5, 2, 1, Infinity, 3, 4]);
  const problem = problemFromMatrix({ demandIds: ['d1', 'd2', 'd3'], siteIds: ['a', 'e'], cost, nCandidates: 1 });

  it('p = 0 with existing facilities: their objective, the demand they leave unserved counted and named', async () => {
    // By hand: e serves d1 (2) and d3 (4): 6; d2 (weight 1) has no open site in reach.
    const r = await solvePMedian(problem, 0);
    expect(r.objective).toBe(6);
    expect(r.selected).toEqual([]);
    expect(r.unservedWeight).toBe(1);
    expect(r.uncovered).toEqual(['d2']);
    expect(r.assignment).toEqual(['e', null, 'e']);
    const c = await solvePCenter(problem, 0);
    expect(c.objective).toBe(4);
    expect(c.unservedWeight).toBe(1);
  });

  it('p = 1 serves everyone: no unserved weight', async () => {
    // By hand: a open → d1 min(5, 2) = 2, d2 1, d3 min(3, 4) = 3: 6.
    const r = await solvePMedian(problem, 1);
    expect(r.objective).toBe(6);
    expect(r.unservedWeight).toBeUndefined();
  });

  it('p = 0 with no existing facility is an error, not a perfect score', async () => {
    const bare = problemFromMatrix({ demandIds: ['d1'], siteIds: ['a'], cost: Float64Array.from([3]) });
    await expect(solvePMedian(bare, 0)).rejects.toThrow(/p = 0 opens no site and there are no existing facilities/);
    await expect(solvePCenter(bare, 0)).rejects.toThrow(/p = 0 opens no site/);
  });
});
