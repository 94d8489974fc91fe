import { describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import { catchmentCircle, catchmentStats, geodesicIndexRule, geodesicRule, reachTable } from '../../../src/core/index.ts';

const demand = [
  [113.65, 34.75],
  [113.65, 34.7545],
  [113.65, 34.77],
] as const;
const sites = [
  { id: 'S1', lngLat: [113.65, 34.751] as const },
  { id: 'S2', lngLat: [113.65, 34.757] as const },
];

describe('catchments', () => {
  it('gives the same membership through a per-site rule and a batch rule', () => {
    const slow = reachTable(geodesicRule(demand), sites, 500);
    const fast = reachTable(geodesicIndexRule(Float64Array.from(demand, (p) => p[0]), Float64Array.from(demand, (p) => p[1])), sites, 500);
    expect([...slow.offsets]).toEqual([0, 2, 3]);
    expect([...fast.offsets]).toEqual([0, 2, 3]);
    const rows = (t: typeof slow) => [...t.indices].map((c, p) => `${c}@${t.distancesM[p].toFixed(3)}`).sort();
    expect(rows(fast)).toEqual(rows(slow));
  });

  it('counts catchment demand, coverage and the nearest school', () => {
    const table = reachTable(geodesicRule(demand), sites, 500);
    const stats = catchmentStats(table, Float64Array.from([66, 132, 99]));
    expect([...stats.usersInCatchment]).toEqual([198, 132]);
    expect([...stats.cellsInCatchment]).toEqual([2, 1]);
    expect([...stats.covered]).toEqual([1, 1, 0]);
    expect([...stats.nearestSite]).toEqual([0, 1, -1]);
    // 0.001° along a meridian on the engine's sphere: 6,371,008.8 m × 0.001 × π / 180 = 111.19508 m.
    expect(stats.nearestDistanceM[0]).toBeCloseTo((6_371_008.8 * 0.001 * Math.PI) / 180, 6);
    expect(stats.nearestDistanceM[2]).toBe(Infinity);
  });

  it('draws a catchment circle whose vertices lie on the radius', () => {
    const c = catchmentCircle([113.65, 34.75], 500, 32);
    expect(c.geometry.coordinates[0].length).toBe(33);
    for (const v of c.geometry.coordinates[0]) {
      expect(distance([113.65, 34.75], v, { units: 'meters' })).toBeCloseTo(500, 6);
    }
  });
});
