import { describe, expect, it } from 'vitest';
import {
  balancedFloatingCatchment,
  computeAccess,
  costToClosest,
  cumulativeOpportunities,
  floatingCatchment,
  gravity,
  pairWeights,
  type OdMatrix,
} from '../../../src/core/access/index.ts';

/*
 * The worked example of every test here. Origins A, B, C (and D, in no pair) with population
 * 100, 200, 300 (D: 1000); destinations X, Y with supply 60, 30. Costs (minutes), one per pair
 * given; C → X is missing, so C never reaches X:
 *         X    Y
 *   A    10   30
 *   B    20   10
 *   C    —    40
 */
const od: OdMatrix = {
  originCount: 4,
  destinationCount: 2,
  origins: Int32Array.from([0, 0, 1, 1, 2]),
  destinations: Int32Array.from([0, 1, 0, 1, 1]),
  costs: Float64Array.from([10, 30, 20, 10, 40]),
};
const population = Float64Array.from([100, 200, 300, 1000]);
const supply = Float64Array.from([60, 30]);
const [A, B, C, D] = [0, 1, 2, 3];
const [X, Y] = [0, 1];

describe('2SFCA (Luo & Wang 2003)', () => {
  it('binary cutoff 30, inclusive: A → Y at exactly 30 counts, C → Y at 40 does not', () => {
    // W = 1 for AX, AY, BX, BY. Demand at X = 100 + 200 = 300, R_X = 60 / 300 = 0.2;
    // at Y = 100 + 200 = 300, R_Y = 30 / 300 = 0.1. A_A = 0.2 + 0.1 = 0.3, A_B = 0.3, A_C = 0.
    const r = floatingCatchment(od, pairWeights({ kind: 'binary', cutoff: 30 }, od.costs), population, supply);
    expect(r.ratios[X]).toBeCloseTo(0.2, 15);
    expect(r.ratios[Y]).toBeCloseTo(0.1, 15);
    expect(r.access[A]).toBeCloseTo(0.3, 15);
    expect(r.access[B]).toBeCloseTo(0.3, 15);
    expect(r.access[C]).toBe(0);
    // D has no pair: it neither competes for X nor gets a value.
    expect(r.access[D]).toBe(0);
    // Σ P_i A_i = 100 · 0.3 + 200 · 0.3 = 90 = 60 + 30, the supply reached.
    expect(100 * r.access[A] + 200 * r.access[B]).toBeCloseTo(90, 12);
  });

  it('binary cutoff 29 leaves A → Y out', () => {
    // Y is reached by B alone: R_Y = 30 / 200 = 0.15; A_A = 0.2, A_B = 0.2 + 0.15 = 0.35.
    const r = floatingCatchment(od, pairWeights({ kind: 'binary', cutoff: 29 }, od.costs), population, supply);
    expect(r.access[A]).toBeCloseTo(0.2, 15);
    expect(r.access[B]).toBeCloseTo(0.35, 15);
  });

  it('E2SFCA: zones ≤ 10 weight 1, ≤ 20 weight 0.5, ≤ 30 weight 0.25 (Luo & Qi 2009)', () => {
    // W: AX 1, AY 0.25, BX 0.5, BY 1, CY 0 (40 is beyond the last zone).
    // Demand X = 100 + 200 · 0.5 = 200, R_X = 0.3; Y = 100 · 0.25 + 200 = 225, R_Y = 30/225 = 2/15.
    // A_A = 0.3 + (2/15) · 0.25 = 1/3;  A_B = 0.3 · 0.5 + 2/15 = 17/60.
    const zones = { kind: 'step', steps: [{ upTo: 10, weight: 1 }, { upTo: 20, weight: 0.5 }, { upTo: 30, weight: 0.25 }] } as const;
    const r = computeAccess({ method: 'e2sfca', decay: zones }, od, population, supply);
    expect(r.values[A]).toBeCloseTo(1 / 3, 15);
    expect(r.values[B]).toBeCloseTo(17 / 60, 15);
    expect(r.values[C]).toBe(0);
  });

  it('gives 0, not NaN, where nobody with demand reaches a destination', () => {
    const r = floatingCatchment(od, pairWeights({ kind: 'binary', cutoff: 30 }, od.costs), Float64Array.from([0, 0, 5, 0]), supply);
    expect([...r.ratios]).toEqual([0, 0]);
    expect([...r.access]).toEqual([0, 0, 0, 0]);
  });
});

describe('BFCA (Paez, Higgins & Vivona 2019)', () => {
  const zones = { kind: 'step', steps: [{ upTo: 10, weight: 1 }, { upTo: 20, weight: 0.5 }, { upTo: 30, weight: 0.25 }] } as const;

  it('balances the weights by origin and by destination', () => {
    // W: AX 1, AY 0.25, BX 0.5, BY 1 (CY 0). Row sums A 1.25, B 1.5; column sums X 1.5, Y 1.25.
    // G (by origin): AX 0.8, AY 0.2, BX 1/3, BY 2/3.  H (by destination): AX 2/3, BX 1/3, AY 0.2, BY 0.8.
    // P̂_X = 100 · 0.8 + 200 / 3 = 440/3;  P̂_Y = 100 · 0.2 + 200 · 2/3 = 460/3  (sum 300 = 100 + 200).
    // L_X = 60 / (440/3) = 9/22;  L_Y = 30 / (460/3) = 9/46.
    // A_A = 9/22 · 2/3 + 9/46 · 0.2 = 3/11 + 9/230;  A_B = 9/22 · 1/3 + 9/46 · 0.8 = 3/22 + 36/230.
    const r = balancedFloatingCatchment(od, pairWeights(zones, od.costs), population, supply);
    expect(r.demandAllocated[X]).toBeCloseTo(440 / 3, 12);
    expect(r.demandAllocated[Y]).toBeCloseTo(460 / 3, 12);
    expect(r.levelOfService[X]).toBeCloseTo(9 / 22, 15);
    expect(r.levelOfService[Y]).toBeCloseTo(9 / 46, 15);
    expect(r.access[A]).toBeCloseTo(3 / 11 + 9 / 230, 15);
    expect(r.access[B]).toBeCloseTo(3 / 22 + 36 / 230, 15);
    expect(r.access[C]).toBe(0);
  });

  it('preserves the totals: Σ P̂_j = Σ P_i of the origins that reach, Σ A_i = Σ L_j', () => {
    const r = balancedFloatingCatchment(od, pairWeights(zones, od.costs), population, supply);
    expect(r.demandAllocated[X] + r.demandAllocated[Y]).toBeCloseTo(100 + 200, 12);
    expect(r.access[A] + r.access[B] + r.access[C]).toBeCloseTo(r.levelOfService[X] + r.levelOfService[Y], 14);
    // Σ P_i A_i = 100 · 0.311858… + 200 · 0.292885… = 89.763…, not the supply 90: keeping Σ P·A
    // at the supply is 2SFCA's property, not BFCA's.
    expect(100 * r.access[A] + 200 * r.access[B]).not.toBeCloseTo(90, 2);
  });
});

describe('gravity (Hansen 1959)', () => {
  it('exponential β = 0.1 over every pair given', () => {
    // A_A = 60 e^−1 + 30 e^−3;  A_B = 60 e^−2 + 30 e^−1;  A_C = 30 e^−4 (no X).
    const w = pairWeights({ kind: 'exponential', beta: 0.1 }, od.costs);
    const a = gravity(od, w, supply);
    expect(a[A]).toBeCloseTo(60 * Math.exp(-1) + 30 * Math.exp(-3), 12);
    expect(a[B]).toBeCloseTo(60 * Math.exp(-2) + 30 * Math.exp(-1), 12);
    expect(a[C]).toBeCloseTo(30 * Math.exp(-4), 12);
    // Passive: the population reaching X = 100 e^−1 + 200 e^−2; Y = 100 e^−3 + 200 e^−1 + 300 e^−4.
    const p = gravity(od, w, population, true);
    expect(p[X]).toBeCloseTo(100 * Math.exp(-1) + 200 * Math.exp(-2), 12);
    expect(p[Y]).toBeCloseTo(100 * Math.exp(-3) + 200 * Math.exp(-1) + 300 * Math.exp(-4), 12);
  });

  it('power β = 1: weights 1/t', () => {
    // W: AX 0.1, AY 1/30, BX 0.05, BY 0.1, CY 0.025. A_A = 6 + 1 = 7; A_B = 3 + 3 = 6; A_C = 0.75.
    const a = computeAccess({ method: 'gravity', decay: { kind: 'power', beta: 1 } }, od, population, supply).values;
    expect(a[A]).toBeCloseTo(7, 13);
    expect(a[B]).toBeCloseTo(6, 13);
    expect(a[C]).toBeCloseTo(0.75, 13);
  });

  it('a decay cutoff drops the pairs beyond it', () => {
    // exponential β = 0.1 within 20: A keeps X only (60 e^−1), C nothing.
    const a = computeAccess({ method: 'gravity', decay: { kind: 'exponential', beta: 0.1, cutoff: 20 } }, od, population, supply).values;
    expect(a[A]).toBeCloseTo(60 * Math.exp(-1), 12);
    expect(a[C]).toBe(0);
  });
});

describe('cumulative opportunities', () => {
  it('active: opportunities within the cutoff, inclusive', () => {
    // Within 20: A reaches X (60); B reaches X at 20 and Y at 10 (90); C nothing.
    expect([...cumulativeOpportunities(od, 20, supply)]).toEqual([60, 90, 0, 0]);
    // Within 30 A also reaches Y at exactly 30: 90.
    expect(cumulativeOpportunities(od, 30, supply)[A]).toBe(90);
  });

  it('passive: population reaching each destination', () => {
    // Within 20: X is reached by A (10) and B (20): 300; Y by B (10) only: 200.
    expect([...cumulativeOpportunities(od, 20, population, true)]).toEqual([300, 200]);
    // Within 40: Y by A, B and C: 600.
    expect(computeAccess({ method: 'cumulative', cutoff: 40, passive: true }, od, population, supply).values[Y]).toBe(600);
  });
});

describe('cost to the closest n opportunities (R accessibility cost_to_closest)', () => {
  it('n = 1: the cost to the nearest destination holding any', () => {
    // A: X at 10; B: Y at 10; C: Y at 40 (X is missing for C, not 0).
    expect([...costToClosest(od, 1, supply)].slice(0, 3)).toEqual([10, 10, 40]);
    // D reaches nothing.
    expect(costToClosest(od, 1, supply)[D]).toBe(Infinity);
  });

  it('n = 50: the cost where the running total first reaches 50', () => {
    // A: X (10, 60) → 60 ≥ 50 at 10. B: Y (10, 30) → 30; X (20, 60) → 90 ≥ 50 at 20.
    // C: Y (40, 30) → 30 < 50: never.
    expect([...costToClosest(od, 50, supply)].slice(0, 3)).toEqual([10, 20, Infinity]);
    // n = 90: A needs X and Y: at 30.
    expect(costToClosest(od, 90, supply)[A]).toBe(30);
  });

  it('destinations without opportunities do not count', () => {
    // With X empty, A's nearest opportunity is Y at 30.
    expect(costToClosest(od, 1, Float64Array.from([0, 30]))[A]).toBe(30);
  });

  it('passive: the cost within which n people live; maxCost drops dearer pairs', () => {
    // X: A (10, 100), B (20, 200) → 300 ≥ 250 at 20. Y: B (10, 200), A (30, 100) → 300 at 30.
    expect([...costToClosest(od, 250, population, true)]).toEqual([20, 30]);
    // Within 25, Y has only B's 200: never 250.
    expect(computeAccess({ method: 'nearest', n: 250, maxCost: 25, passive: true }, od, population, supply).values[Y]).toBe(Infinity);
  });

  it('ties in cost give one answer whatever their order', () => {
    // Two destinations at cost 5 holding 1 and 5; n = 3 is reached at 5 either way round.
    const tie: OdMatrix = { originCount: 1, destinationCount: 2, origins: Int32Array.from([0, 0]), destinations: Int32Array.from([0, 1]), costs: Float64Array.from([5, 5]) };
    expect(costToClosest(tie, 3, Float64Array.from([1, 5]))[0]).toBe(5);
    expect(costToClosest(tie, 3, Float64Array.from([5, 1]))[0]).toBe(5);
  });
});

describe('computeAccess', () => {
  it('refuses specs it cannot compute', () => {
    expect(() => computeAccess({ method: 'gravity', decay: { kind: 'exponential', beta: -1 } }, od, population, supply)).toThrow('β must be a non-negative number');
    expect(() => computeAccess({ method: 'nearest', n: 0 }, od, population, supply)).toThrow('n must be a positive number');
    expect(() => computeAccess({ method: '2sfca', decay: { kind: 'step', steps: [{ upTo: 20, weight: 1 }, { upTo: 10, weight: 0.5 }] } }, od, population, supply)).toThrow(
      'zone 2: upper costs must ascend',
    );
  });
});
