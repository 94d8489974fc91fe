import { describe, expect, it } from 'vitest';
import { solveLscp, solveMclp, solvePCenter } from '../../../src/core/siting/index.ts';
import { bruteForce, centerValue, costOf, coverValue, planarInstance, subsets } from './synthetic.ts';

describe('MCLP', () => {
  for (const [seed, p, radius, existing] of [
    [11, 2, 2500, 0],
    [12, 3, 2000, 0],
    [13, 3, 2500, 2],
  ] as const) {
    const problem = planarInstance(seed, 50, 12, existing);
    const brute = bruteForce(problem, p, (open) => coverValue(problem, open, radius), 'max');
    for (const solver of ['heuristic', 'exact'] as const) {
      it(`${solver} covers the brute-force maximum (seed ${seed}, p ${p}, r ${radius}, existing ${existing})`, async () => {
        const r = await solveMclp(problem, p, radius, { solver, seed: 1 });
        expect(r.objective).toBeCloseTo(brute.best, 6);
        expect(r.coveredWeight).toBeCloseTo(brute.best, 6);
        const covered = problem.demandIds.filter((id) => !r.uncovered!.includes(id));
        expect(covered.length + r.uncovered!.length).toBe(problem.demandIds.length);
        // Gains add up to what the new sites cover beyond the existing ones.
        const base = coverValue(problem, Array.from({ length: existing }, (_, k) => 12 + k), radius);
        expect(r.perSiteGain.reduce((a, b) => a + b, 0)).toBeCloseTo(r.objective - base, 6);
        if (solver === 'exact') expect(r.gap).toBe(0);
      });
    }
  }
});

describe('LSCP', () => {
  const radius = 3000;
  const problem = planarInstance(21, 40, 12);
  // Smallest k whose best subset covers everything any site can reach.
  const reachable = coverValue(problem, Array.from({ length: 12 }, (_, j) => j), radius);
  let fewest = 0;
  while (![...subsets(12, fewest)].some((s) => coverValue(problem, s, radius) >= reachable - 1e-9)) fewest++;

  for (const solver of ['heuristic', 'exact'] as const) {
    it(`${solver} needs the brute-force minimum number of sites`, async () => {
      const r = await solveLscp(problem, radius, 1, { solver });
      expect(r.objective).toBe(fewest);
      expect(r.selected).toHaveLength(fewest);
      expect(r.coveredWeight).toBeCloseTo(reachable, 6);
    });
  }

  it('reaches a partial target with fewer sites', async () => {
    const total = problem.weights.reduce((a, b) => a + b, 0);
    const r = await solveLscp(problem, radius, 0.8, { solver: 'exact' });
    expect(r.coveredWeight!).toBeGreaterThanOrEqual(0.8 * total - 1e-9);
    // The weight it reports is what its sites cover, counted here by brute force.
    expect(r.coveredWeight).toBe(coverValue(problem, r.selected.map((id) => problem.siteIds.indexOf(id)), radius));
    expect(r.objective).toBeLessThanOrEqual(fewest);
    let k = 0;
    while (![...subsets(12, k)].some((s) => coverValue(problem, s, radius) >= 0.8 * total - 1e-9)) k++;
    expect(r.objective).toBe(k);
  });
});

describe('p-center', () => {
  for (const [seed, p] of [
    [31, 2],
    [32, 3],
  ] as const) {
    const problem = planarInstance(seed, 30, 12);
    const brute = bruteForce(problem, p, (open) => centerValue(problem, open), 'min');
    for (const solver of ['heuristic', 'exact'] as const) {
      it(`${solver} finds the brute-force minimum largest distance (seed ${seed}, p ${p})`, async () => {
        const r = await solvePCenter(problem, p, { solver, seed: 1 });
        expect(r.objective).toBeCloseTo(brute.best, 6);
        const open = r.selected.map((id) => problem.siteIds.indexOf(id));
        expect(centerValue(problem, open)).toBeCloseTo(brute.best, 6);
      });
    }
  }

  it('assignment uses the nearest open site', async () => {
    const problem = planarInstance(33, 20, 8);
    const r = await solvePCenter(problem, 2);
    const open = r.selected.map((id) => problem.siteIds.indexOf(id));
    r.assignment.forEach((site, u) => {
      const j = problem.siteIds.indexOf(site!);
      expect(costOf(problem, u, j)).toBe(Math.min(...open.map((k) => costOf(problem, u, k))));
    });
  });
});
