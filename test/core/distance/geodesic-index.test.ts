import { describe, expect, it } from 'vitest';
import { geodesicIndexRule, geodesicRule, type LngLat } from '../../../src/core/index.ts';

function scatter(n: number, seed: number): LngLat[] {
  let a = seed;
  const rand = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, () => [113.6 + rand() * 0.05, 34.7 + rand() * 0.05] as const);
}

describe('geodesicIndexRule', () => {
  const demand = scatter(3000, 7);
  const fast = geodesicIndexRule(Float64Array.from(demand, (p) => p[0]), Float64Array.from(demand, (p) => p[1]));
  const reference = geodesicRule(demand);
  const sites = scatter(25, 99).map((lngLat, i) => ({ id: `s${i}`, lngLat }));

  it('reach() matches the reference geodesic rule, nearest first', () => {
    for (const site of sites) {
      const a = fast.reach(site, 700);
      const b = reference.reach(site, 700);
      expect([...a.indices]).toEqual([...b.indices]);
      a.distancesM.forEach((d, k) => expect(d).toBeCloseTo(b.distancesM[k], 6));
    }
  });

  it('reachAll() gives every site the same set of cells and distances as reach()', () => {
    const table = fast.reachAll(sites, 700);
    expect(table.offsets.length).toBe(sites.length + 1);
    sites.forEach((site, s) => {
      const rows = [];
      for (let p = table.offsets[s]; p < table.offsets[s + 1]; p++) rows.push([table.indices[p], table.distancesM[p]]);
      rows.sort((x, y) => x[0] - y[0]);
      const one = fast.reach(site, 700);
      const expected = [...one.indices].map((i, k) => [i, one.distancesM[k]]).sort((x, y) => x[0] - y[0]);
      expect(rows).toEqual(expected);
    });
    expect(table.indices.length).toBeGreaterThan(sites.length * 10);
  });

  it('handles infinite radius, no demand and sites without coordinates', () => {
    expect(fast.reach(sites[0], Infinity).indices.length).toBe(demand.length);
    const empty = geodesicIndexRule(new Float64Array(0), new Float64Array(0));
    expect(empty.reachAll(sites, 500).indices.length).toBe(0);
    expect(() => fast.reach({ id: 'nowhere' }, 500)).toThrow(/nowhere: site has no coordinates/);
  });
});
