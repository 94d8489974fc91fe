import { describe, expect, it } from 'vitest';
import { solveCmclp, solveLscp, solveMclp, solvePCenter, solvePMedian } from '../../../src/core/siting/index.ts';
import { problemFromMatrix } from '../../../src/core/siting/problem.ts';
import { seededRandom } from '../../../src/core/siting/random.ts';

/**
 * Demand with fractional weights (pupils from residents × a rate) and unrounded metres, as the
 * app's problems have: sums of such numbers carry float noise (48784.15199999996).
 */
function noisyInstance(seed: number, nDemand: number, nCandidates: number) {
  const rand = seededRandom(seed);
  const pt = (): [number, number] => [rand() * 3_000, rand() * 3_000];
  const demand = Array.from({ length: nDemand }, pt);
  const sites = Array.from({ length: nCandidates + 1 }, pt);
  const cost = new Float64Array(nDemand * sites.length);
  demand.forEach((d, u) => sites.forEach((s, j) => (cost[u * sites.length + j] = Math.hypot(d[0] - s[0], d[1] - s[1]) * 1.000_000_1)));
  return problemFromMatrix({
    demandIds: demand.map((_, u) => `d${u}`),
    siteIds: sites.map((_, j) => (j < nCandidates ? `c${j}` : 'e0')),
    cost,
    weights: Float64Array.from(demand, () => 0.1 + rand() * 66.7),
    nCandidates,
    capacity: Float64Array.from(sites, (_, j) => (j < nCandidates ? NaN : 123.4)),
  });
}

/** A number written with more than two decimals. */
const RAW_FLOAT = /\d\.\d{3,}/;

describe('optimizer progress messages', () => {
  const problem = noisyInstance(7, 60, 14);
  const runs: [string, (onProgress: (f: number, m?: string) => void) => Promise<unknown>][] = [
    ['capacitated coverage', (onProgress) => solveCmclp(problem, 3, 900, 310.5, { solver: 'heuristic', seed: 1, onProgress })],
    ['maximal coverage', (onProgress) => solveMclp(problem, 3, 900, { solver: 'heuristic', seed: 1, onProgress })],
    ['fewest sites', (onProgress) => solveLscp(problem, 900, 0.8, { solver: 'heuristic', onProgress })],
    ['p-median', (onProgress) => solvePMedian(problem, 3, { solver: 'heuristic', seed: 1, onProgress })],
    ['p-center', (onProgress) => solvePCenter(problem, 3, { solver: 'heuristic', seed: 1, onProgress })],
  ];
  for (const [name, run] of runs) {
    it(`${name}: whole numbers only, no raw floats`, async () => {
      const messages: string[] = [];
      await run((_, m) => {
        if (m) messages.push(m);
      });
      expect(messages.length, 'some progress was reported').toBeGreaterThan(0);
      expect(messages.filter((m) => RAW_FLOAT.test(m))).toEqual([]);
      for (const m of messages) expect(m).toMatch(/\d/);
    });
  }
});
