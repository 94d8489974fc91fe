import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../../src/core/index.ts';
import { AGGREGATE_ABOVE_CELLS, sitingDemand } from '../../../src/core/recommend/siting-demand.ts';

const cell = (id: string, lngLat: [number, number], users: number): CellResult => ({
  id,
  featureIndex: 0,
  lngLat,
  residents: users * 15,
  users,
  served: 0,
  unserved: users,
  covered: false,
  nearestFacilityId: null,
  nearestDistanceM: null,
  servedById: null,
  access2sfca: 0,
  accessE2sfca: 0,
  villageId: null,
  villageName: null,
  villageShare: 0,
  migrants: 0,
});

describe('sitingDemand', () => {
  it('gives a district its cells with users, one demand point each', () => {
    const { demand, aggregated } = sitingDemand([cell('a', [113.6, 34.7], 2), cell('empty', [113.61, 34.7], 0), cell('b', [113.62, 34.7], 3)], 500);
    expect(aggregated).toBe(false);
    expect(demand).toEqual([
      { id: 'd0', name: 'a', weight: 2, lngLat: [113.6, 34.7] },
      { id: 'd1', name: 'b', weight: 3, lngLat: [113.62, 34.7] },
    ]);
  });

  it('merges a city’s cells into squares at their users’ weighted centre, keeping every user', () => {
    // 60,000 cells at one place and 40,001 at another (2 users each), 15 km apart: two squares.
    const cells: CellResult[] = [];
    for (let i = 0; i < 60_000; i++) cells.push(cell(`a${i}`, [113.6, 34.7], 1));
    for (let i = 0; i < 40_001; i++) cells.push(cell(`b${i}`, [113.7, 34.8], 2));
    cells.push(cell('nobody', [113.65, 34.75], 0));
    expect(cells.filter((c) => c.users > 0).length).toBeGreaterThan(AGGREGATE_ABOVE_CELLS);
    const { demand, aggregated } = sitingDemand(cells, 500);
    expect(aggregated).toBe(true);
    expect(demand.map((d) => d.weight)).toEqual([60_000, 80_002]);
    expect(demand[0].lngLat![0]).toBeCloseTo(113.6, 9);
    expect(demand[0].lngLat![1]).toBeCloseTo(34.7, 9);
    expect(demand[1].lngLat![0]).toBeCloseTo(113.7, 9);
    expect(demand[0].name).toBe('a0 +59999');
  });

  it('puts a square’s point at the users’ weighted centre', () => {
    const cells: CellResult[] = [];
    // Two places 2 m apart in one 200 m square: 1 and 3 users per cell.
    for (let i = 0; i < 50_001; i++) cells.push(cell(`w${i}`, [113.60001, 34.70001], 1));
    for (let i = 0; i < 50_001; i++) cells.push(cell(`e${i}`, [113.600032, 34.70001], 3));
    const { demand } = sitingDemand(cells, 500);
    expect(demand).toHaveLength(1);
    expect(demand[0].weight).toBe(50_001 * 4);
    expect(demand[0].lngLat![0]).toBeCloseTo((113.60001 + 3 * 113.600032) / 4, 9);
    expect(demand[0].lngLat![1]).toBeCloseTo(34.70001, 9);
  });
});
