import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { buildProblem, problemFromMatrix, solveLscp, solveMclp, solvePCenter, solvePMedian } from '../../../src/core/siting/index.ts';
import { geodesicRule } from '../../../src/core/distance/geodesic-rule.ts';
import { planarInstance } from './synthetic.ts';

describe('siting errors and edge cases', () => {
  it('infeasible LSCP names the demand no candidate reaches', async () => {
    const cost = Float64Array.from([100, 5000, 200, 9000, 8000, 7000]);
    const problem = problemFromMatrix({
      demandIds: ['d1', 'd2', 'd3'],
      demandNames: ['Chenzhai', 'Wangzhuang', 'Liulin'],
      siteIds: ['a', 'b'],
      cost,
    });
    // Default target (100 %): the reachable demand is covered and the rest listed in the result.
    const r = await solveLscp(problem, 1000);
    expect(r.objective).toBe(1);
    expect(r.unreachable).toEqual(['d3']);
    expect(r.uncovered).toEqual(['d3']);
    // A target that cannot be met is an error naming the unreachable demand.
    const err = await solveLscp(problem, 1000, 0.9).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toMatch(/no site reaches 1 demand point\(s\): Liulin/);
    expect((err as InputError).reason).not.toMatch(/^infeasible$/);
  });

  it('rejects p larger than the number of candidates', async () => {
    const problem = planarInstance(1, 10, 4);
    for (const run of [() => solvePMedian(problem, 5), () => solveMclp(problem, 5, 1000), () => solvePCenter(problem, 5)]) {
      await expect(run()).rejects.toThrow(/asked for 5 new sites but there are only 4 candidate sites/);
    }
    await expect(solvePMedian(problem, -1)).rejects.toThrow(InputError);
    await expect(solvePMedian(problem, 1.5)).rejects.toThrow(/whole number/);
  });

  it('rejects empty demand', async () => {
    const problem = problemFromMatrix({ demandIds: [], siteIds: ['a'], cost: new Float64Array(0) });
    await expect(solvePMedian(problem, 1)).rejects.toThrow(/no demand points/);
    await expect(solveLscp(problem, 100)).rejects.toThrow(/no demand points/);
  });

  it('p = 0 keeps only the existing facilities', async () => {
    const problem = planarInstance(2, 20, 5, 1);
    const r = await solvePMedian(problem, 0);
    expect(r.selected).toEqual([]);
    expect(r.existing).toEqual(['e0']);
    expect(r.assignment.every((a) => a === 'e0')).toBe(true);
  });

  it('p-median lists demand no site can reach instead of failing', async () => {
    const cost = Float64Array.from([10, 20, Infinity, Infinity, 30, 5]);
    const problem = problemFromMatrix({ demandIds: ['x', 'y', 'z'], siteIds: ['a', 'b'], cost });
    const r = await solvePMedian(problem, 1);
    expect(r.unreachable).toEqual(['y']);
    expect(r.assignment[1]).toBeNull();
    expect(r.selected).toEqual(['b']);
    expect(r.objective).toBe(25);
  });

  it('rejects duplicate ids, negative weights and a rule over other demand', () => {
    const demand = [
      { id: 'a', weight: 1, lngLat: [113.6, 34.7] as const },
      { id: 'a', weight: 2, lngLat: [113.61, 34.7] as const },
    ];
    const rule = geodesicRule(demand.map((d) => d.lngLat));
    expect(() => buildProblem({ demand, candidates: [{ id: 's', lngLat: [113.6, 34.7] }], rule })).toThrow(/duplicate id 'a'/);
    const neg = [{ ...demand[0], weight: -1 }];
    expect(() => buildProblem({ demand: neg, candidates: [], rule: geodesicRule([neg[0].lngLat]) })).toThrow(/non-negative/);
    expect(() => buildProblem({ demand: neg, candidates: [], rule })).toThrow(/rule built over 2/);
  });

  it('rejects a negative radius and a bad LSCP target', async () => {
    const problem = planarInstance(3, 10, 4);
    await expect(solveMclp(problem, 1, -5)).rejects.toThrow(/radius/);
    await expect(solveLscp(problem, 100, 1.5)).rejects.toThrow(/target/);
  });

  it('refuses an exact model above the size limit', async () => {
    const problem = planarInstance(4, 30, 10);
    await expect(solvePMedian(problem, 2, { solver: 'exact', exactMaxVariables: 50 })).rejects.toThrow(/the MILP would have \d+ variables/);
  });
});
