import { describe, expect, it } from 'vitest';
import { distance, point } from '@turf/turf';
import { geodesicRule } from '../../../src/core/distance/geodesic-rule.ts';
import type { LngLat } from '../../../src/core/types.ts';

function grid(n: number, stepDeg: number): LngLat[] {
  const pts: LngLat[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pts.push([113.6 + i * stepDeg, 34.7 + j * stepDeg]);
  return pts;
}

describe('geodesicRule', () => {
  const demand = grid(40, 0.0013);
  const rule = geodesicRule(demand);
  const site = { id: 's', lngLat: [113.625, 34.725] as const };

  it('finds exactly the points a brute-force haversine finds, nearest first', () => {
    const r = rule.reach(site, 500);
    const brute = demand
      .map((p, i) => ({ i, d: distance(point([...site.lngLat]), point([...p]), { units: 'meters' }) }))
      .filter((x) => x.d <= 500);
    expect([...r.indices].sort((a, b) => a - b)).toEqual(brute.map((b) => b.i));
    for (let k = 1; k < r.distancesM.length; k++) expect(r.distancesM[k]).toBeGreaterThanOrEqual(r.distancesM[k - 1]);
    for (let k = 0; k < r.indices.length; k++) {
      const b = brute.find((x) => x.i === r.indices[k])!;
      expect(r.distancesM[k]).toBeCloseTo(b.d, 6);
    }
    expect(r.indices.length).toBeGreaterThan(30);
  });

  it('returns every point at infinite radius and none beyond the data', () => {
    expect(rule.reach(site, Infinity).indices.length).toBe(demand.length);
    expect(rule.reach({ id: 'far', lngLat: [120, 30] }, 1000).indices.length).toBe(0);
  });

  it('handles no demand and refuses a site without coordinates', () => {
    expect(geodesicRule([]).reach(site, 500).indices.length).toBe(0);
    expect(() => rule.reach({ id: 'x' }, 500)).toThrow(/x: site has no coordinates/);
  });
});
