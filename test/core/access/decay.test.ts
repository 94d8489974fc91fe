import { describe, expect, it } from 'vitest';
import { decayWeight, e2sfcaZones, weightAt, E2SFCA_STEPS } from '../../../src/core/access/index.ts';

describe('decays', () => {
  it('binary: 1 up to and including the cutoff', () => {
    expect(weightAt({ kind: 'binary', cutoff: 30 }, 30)).toBe(1);
    expect(weightAt({ kind: 'binary', cutoff: 30 }, 30.0001)).toBe(0);
    expect(weightAt({ kind: 'binary', cutoff: 30 }, 0)).toBe(1);
  });

  it('exponential: e^(−β t)', () => {
    // β = 0.2, t = 10: e^−2 = 0.1353352832366127.
    expect(weightAt({ kind: 'exponential', beta: 0.2 }, 10)).toBeCloseTo(0.1353352832366127, 15);
    expect(weightAt({ kind: 'exponential', beta: 0.2 }, 0)).toBe(1);
    expect(weightAt({ kind: 'exponential', beta: 0.2, cutoff: 5 }, 10)).toBe(0);
  });

  it('power: t^−β capped at 1, so t ≤ 1 (and t = 0) weighs 1', () => {
    // β = 2: t = 4 → 1/16; t = 0.5 → 4, capped to 1; t = 0 → ∞, capped to 1.
    expect(weightAt({ kind: 'power', beta: 2 }, 4)).toBe(1 / 16);
    expect(weightAt({ kind: 'power', beta: 2 }, 0.5)).toBe(1);
    expect(weightAt({ kind: 'power', beta: 2 }, 0)).toBe(1);
    expect(weightAt({ kind: 'power', beta: 0 }, 0)).toBe(1);
  });

  it('step: the first zone whose upper cost t does not exceed; 0 beyond the last', () => {
    const zones = e2sfcaZones(30); // ≤ 10: 1, ≤ 20: 0.68, ≤ 30: 0.22
    expect(weightAt(zones, 10)).toBe(1);
    expect(weightAt(zones, 10.5)).toBe(0.68);
    expect(weightAt(zones, 20)).toBe(0.68);
    expect(weightAt(zones, 30)).toBe(0.22);
    expect(weightAt(zones, 31)).toBe(0);
  });

  it("Gaussian (Dai 2010): (e^(−½(t/c)²) − e^(−½)) / (1 − e^(−½)), 1 at 0 and 0 at the cutoff", () => {
    const g = { kind: 'gaussian', cutoff: 30 } as const;
    expect(weightAt(g, 0)).toBe(1);
    expect(weightAt(g, 30)).toBeCloseTo(0, 15);
    expect(weightAt(g, 31)).toBe(0);
    // t = 10: (e^(−1/18) − e^(−1/2)) / (1 − e^(−1/2)) = (0.9459594689 − 0.6065306597) / 0.3934693403 = 0.8626…
    expect(weightAt(g, 10)).toBeCloseTo((0.9459594689067654 - 0.6065306597126334) / (1 - 0.6065306597126334), 12);
  });

  it("the app's radius-relative decays are these decays at the radius", () => {
    for (const d of [0, 50, 120, 166, 300, 333, 400, 499, 500]) {
      expect(decayWeight({ kind: 'binary' }, d, 500)).toBe(weightAt({ kind: 'binary', cutoff: 500 }, d));
      expect(decayWeight({ kind: 'gaussian' }, d, 500)).toBe(weightAt({ kind: 'gaussian', cutoff: 500 }, d));
      expect(decayWeight(E2SFCA_STEPS, d, 500)).toBe(weightAt(e2sfcaZones(500), d));
    }
  });
});
