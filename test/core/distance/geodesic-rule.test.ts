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

  it('orders points at the same distance by index, for a few points and for many', () => {
    // Points on a ring around the site (equal distances in pairs mirrored east–west) and repeats
    // of the same place: every tie is broken by the lower index, as a plain sort of (distance, index) does.
    const centre: LngLat = [113.7, 34.75];
    const ring = (count: number): LngLat[] =>
      Array.from({ length: count }, (_, k) => {
        const a = (Math.PI * (k % (count / 2))) / (count / 2);
        const r = 0.001 * (1 + (k % 3));
        return [centre[0] + (k < count / 2 ? 1 : -1) * r * Math.cos(a), centre[1] + r * Math.sin(a)] as LngLat;
      });
    for (const points of [ring(12), [...ring(60), ...ring(60), [centre[0], centre[1]] as LngLat]]) {
      const r = geodesicRule(points).reach({ id: 'c', lngLat: centre }, 1_000);
      const d = (p: LngLat) => distance(point([...centre]), point([...p]), { units: 'meters' });
      const expected = points.map((p, i) => ({ i, d: d(p) })).sort((a, b) => a.d - b.d || a.i - b.i);
      expect([...r.indices]).toEqual(expected.map((x) => x.i));
      // A repeated place is as far, bit for bit: point i comes before its repeat i + 60.
      if (points.length > 12) for (let i = 0; i < 60; i++) expect(r.indices.indexOf(i)).toBeLessThan(r.indices.indexOf(i + 60));
    }
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
