import { describe, expect, it } from 'vitest';
import { decayWeight, E2SFCA_STEPS, twoStepFca, type ReachTable } from '../../../src/core/index.ts';

const worked: ReachTable = {
  offsets: Int32Array.from([0, 2, 3]),
  indices: Int32Array.from([0, 1, 1]),
  distancesM: Float64Array.from([111.2, 389.2, 278.0]),
};
const users = Float64Array.from([66, 132, 99]);
const seats = Float64Array.from([90, 45]);

describe('2SFCA', () => {
  it('computes classic 2SFCA by hand', () => {
    const a = twoStepFca(worked, users, seats, 500, { kind: 'binary' });
    expect(a[0]).toBeCloseTo(90 / 198, 12);
    expect(a[1]).toBeCloseTo(90 / 198 + 45 / 132, 12);
    expect(a[2]).toBe(0);
  });

  it('computes E2SFCA with the 1 / 0.68 / 0.22 steps', () => {
    const a = twoStepFca(worked, users, seats, 500, E2SFCA_STEPS);
    const r1 = 90 / (66 + 132 * 0.22);
    const r2 = 45 / (132 * 0.68);
    expect(a[0]).toBeCloseTo(r1, 12);
    expect(a[1]).toBeCloseTo(r1 * 0.22 + r2 * 0.68, 12);
  });

  it('gives Gaussian weights from 1 at the site to 0 at the radius', () => {
    const g = { kind: 'gaussian' } as const;
    expect(decayWeight(g, 0, 500)).toBe(1);
    expect(decayWeight(g, 500, 500)).toBeCloseTo(0, 12);
    expect(decayWeight(g, 250, 500)).toBeGreaterThan(decayWeight(g, 400, 500));
    expect(decayWeight(g, 600, 500)).toBe(0);
    expect(decayWeight(E2SFCA_STEPS, 400, 500)).toBe(0.22);
  });

  it('gives 0, not NaN or Infinity, where a facility has nobody in reach', () => {
    const a = twoStepFca(worked, Float64Array.from([0, 0, 5]), seats, 500, { kind: 'binary' });
    expect([...a]).toEqual([0, 0, 0]);
  });
});
