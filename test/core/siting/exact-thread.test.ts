import { describe, expect, it } from 'vitest';
import { nodeMilpRunner } from '../../../src/cli/highs-thread.ts';
import { LpBuilder, solveMilp, term } from '../../../src/core/siting/exact/highs.ts';
import { solvePMedian } from '../../../src/core/siting/index.ts';
import { bruteForce, costOf, medianValue, planarInstance } from './synthetic.ts';

/**
 * A p-median MILP of n demand points × n sites written out in full (n² assignment columns and
 * rows): HiGHS needs seconds to read and presolve it at n = 300, far more than the limits below.
 */
function bigPMedianLp(n: number, p: number): string {
  const problem = planarInstance(31, n, n);
  const lp = new LpBuilder('Minimize');
  const obj: string[] = [];
  for (let u = 0; u < n; u++) {
    const assign: string[] = [];
    for (let j = 0; j < n; j++) {
      const x = `x${u}_${j}`;
      lp.continuous(x, 0, 1);
      assign.push(x);
      obj.push(term(problem.weights[u] * costOf(problem, u, j), x));
      lp.row(`a${u}_${j}`, [x, `- y${j}`], '<=', 0);
    }
    lp.row(`d${u}`, assign, '=', 1);
  }
  const ys = Array.from({ length: n }, (_, j) => `y${j}`);
  ys.forEach((y) => lp.binary(y));
  lp.row('p', ys, '=', p);
  lp.setObjective(obj);
  return lp.text();
}

describe('HiGHS in a thread terminated at the time limit', () => {
  const lp = bigPMedianLp(300, 5);

  it('a 0.5 s limit on a model HiGHS cannot even presolve in time returns within 3× the limit, unproven', async () => {
    const limitS = 0.5;
    const t0 = performance.now();
    const ans = await solveMilp(lp, { deadline: t0 + limitS * 1000, runMilp: nodeMilpRunner });
    const wall = (performance.now() - t0) / 1000;
    expect(ans).toMatchObject({ status: 'time_limit', values: null, bound: null });
    expect(wall).toBeLessThan(3 * limitS);
  });

  it('cancelling stops the thread as well', async () => {
    const cancel = { cancelled: false };
    setTimeout(() => (cancel.cancelled = true), 200);
    const t0 = performance.now();
    const ans = await solveMilp(lp, { deadline: t0 + 60_000, runMilp: nodeMilpRunner, cancel });
    expect(ans.status).toBe('time_limit');
    expect((performance.now() - t0) / 1000).toBeLessThan(3);
  });

  it('an exact p-median stopped at its limit answers with the heuristic plan, status time_limit, its true cost', async () => {
    // 400 × 400: 160,000 assignment columns; the limit leaves time to build the model, not to solve it.
    const problem = planarInstance(32, 400, 400);
    const limitS = 4;
    const t0 = performance.now();
    const r = await solvePMedian(problem, 5, { solver: 'exact', timeLimitS: limitS, runMilp: nodeMilpRunner });
    const wall = (performance.now() - t0) / 1000;
    expect(wall).toBeLessThan(3 * limitS);
    expect(r).toMatchObject({ solver: 'exact', status: 'time_limit' });
    expect(r.selected).toHaveLength(5);
    const open = r.selected.map((id) => problem.siteIds.indexOf(id));
    expect(r.objective).toBeCloseTo(medianValue(problem, open), 6);
    if (r.bound === null) expect(r.gapPct).toBeNull();
    else expect(r.bound).toBeLessThanOrEqual(r.objective);
  });

  it('a quick model still returns optimal with the brute-force optimum', async () => {
    const problem = planarInstance(1, 40, 12);
    const brute = bruteForce(problem, 3, (open) => medianValue(problem, open), 'min');
    const r = await solvePMedian(problem, 3, { solver: 'exact', timeLimitS: 60, runMilp: nodeMilpRunner });
    expect(r).toMatchObject({ status: 'optimal', gapPct: 0 });
    expect(r.objective).toBeCloseTo(brute.best, 6);
    expect(r.bound!).toBeCloseTo(brute.best, 4);
  });
});
