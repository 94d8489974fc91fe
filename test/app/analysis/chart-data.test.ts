import { describe, expect, it } from 'vitest';
import type { CellResult, FacilityResult } from '../../../src/core/index.ts';
import { distanceBands, utilisationBars } from '../../../src/app/analysis/chart-data.ts';

const cell = (users: number, villageShare: number, nearestDistanceM: number | null) => ({ users, villageShare, nearestDistanceM }) as CellResult;

describe('distanceBands', () => {
  it('splits pupils by village share into quarter-radius bands, shares of each group', () => {
    // Radius 400: bands of 100 m. Villages: 10 at 50 m, 30 (half of 60) at 150 m. Rest: 30 at 150 m, 40 with no facility.
    const bands = distanceBands([cell(10, 1, 50), cell(60, 0.5, 150), cell(40, 0, null), cell(0, 1, 900)], 400);
    expect(bands).toHaveLength(9);
    expect(bands[0]).toEqual({ fromM: 0, toM: 100, villagesPct: 25, restPct: 0 });
    expect(bands[1]).toEqual({ fromM: 100, toM: 200, villagesPct: 75, restPct: (100 * 30) / 70 });
    expect(bands[8]).toEqual({ fromM: 800, toM: null, villagesPct: 0, restPct: (100 * 40) / 70 });
  });

  it('puts everything from twice the radius on into the last band', () => {
    const bands = distanceBands([cell(5, 0, 799.9), cell(5, 0, 800), cell(10, 0, 5000)], 400);
    expect(bands[7].restPct).toBe(25);
    expect(bands[8].restPct).toBe(75);
  });
});

describe('utilisationBars', () => {
  const f = (id: string, utilisation: number, catchmentUtilisation: number, extra: Partial<FacilityResult> = {}) =>
    ({ id, name: id, nameEn: '', capacity: 100, utilisation, catchmentUtilisation, ...extra }) as FacilityResult;
  it('lists facilities with capacities, most asked of first, proposals apart', () => {
    const bars = utilisationBars([f('a', 0.5, 0.5), f('b', 1, 1.4), f('c', 0, 0, { capacity: 0, capacitySource: 'none' }), f('P1', 1, 2)], new Set(['P1']));
    expect(bars).toEqual([
      { id: 'b', name: 'b', utilisationPct: 100, demandPct: 140 },
      { id: 'a', name: 'a', utilisationPct: 50, demandPct: 50 },
    ]);
  });
});
