import { describe, expect, it } from 'vitest';
import { SeatNetwork } from '../../../src/core/siting/heuristics/seat-network.ts';
import { solveCmclp } from '../../../src/core/siting/index.ts';
import { coverageLists, problemFromMatrix } from '../../../src/core/siting/problem.ts';
import { bruteForce, planarInstance } from './synthetic.ts';

describe('capacitated MCLP', () => {
  const radius = 3000;
  for (const [seed, p, seats] of [
    [41, 2, 120],
    [42, 3, 80],
  ] as const) {
    // Two existing schools with few seats: their seats count first, new sites take the rest.
    const problem = planarInstance(seed, 40, 12, 2, [60, 40]);
    const cover = coverageLists(problem, radius);
    const capacity = Float64Array.from(problem.capacity, (c, j) => (j < 12 ? seats : c));
    const brute = bruteForce(problem, p, (open) => new SeatNetwork(cover, problem.weights, capacity, open).baseServed, 'max');
    for (const solver of ['heuristic', 'exact'] as const) {
      it(`${solver} seats the brute-force maximum (seed ${seed}, p ${p}, ${seats} seats)`, async () => {
        const r = await solveCmclp(problem, p, radius, seats, { solver });
        expect(r.objective).toBeCloseTo(brute.best, 6);
        expect(r.existing).toEqual(['e0', 'e1']);
        expect(r.perSiteGain.every((g) => g <= seats + 1e-9)).toBe(true);
      });
    }
  }

  it('needs the seats of existing facilities', async () => {
    const problem = planarInstance(43, 10, 5, 1);
    await expect(solveCmclp(problem, 1, 2000, 100)).rejects.toThrow(/e0: needs a capacity/);
  });
});
