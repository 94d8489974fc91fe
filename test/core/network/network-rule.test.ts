import { describe, expect, it } from 'vitest';
import { buildProblem, buildRoadGraph, geodesicRule, InputError, networkRule, type LngLat, type Reach } from '../../../src/core/index.ts';
import { fixture, ll } from './fixtures.ts';

/** Distance from the rule to each demand index, or undefined where not reached. */
function distances(reach: Reach): Map<number, number> {
  return new Map(Array.from(reach.indices, (i, k) => [i, reach.distancesM[k]]));
}

describe('networkRule on a 3 × 3 grid (100 m blocks)', () => {
  const graph = buildRoadGraph(fixture('grid.geojson'));
  const demand: LngLat[] = [
    ll(200, 200), // 0: opposite corner: 400 m along the streets from (0, 0), 283 m straight
    ll(100, 50), // 1: on the middle column: 100 + 50
    ll(50, 130), // 2: 30 m off the middle row at (50, 100): 100 + 50 + 30
    ll(120, 5), // 3: 5 m off the bottom row at (120, 0)
    ll(600, 600), // 4: 565 m from the nearest road
  ];
  const rule = networkRule(graph, demand);

  it('measures shortest paths along the streets, snap distances included', () => {
    const d = distances(rule.reach({ id: 'corner', lngLat: ll(0, 0) }, 1000));
    expect(d.get(0)).toBeCloseTo(400, 1);
    expect(d.get(1)).toBeCloseTo(150, 1);
    expect(d.get(2)).toBeCloseTo(180, 1);
    expect(d.get(3)).toBeCloseTo(125, 1);
    expect(d.has(4)).toBe(false);
  });

  it('goes straight along a shared segment, and adds the site’s own snap distance', () => {
    // Site 10 m off the bottom row at (150, 0); demand 3 is on the same segment at (120, 0).
    const d = distances(rule.reach({ id: 's', lngLat: ll(150, 10) }, 1000));
    expect(d.get(3)).toBeCloseTo(10 + 30 + 5, 1);
    expect(d.get(0)).toBeCloseTo(10 + 50 + 200, 1);
    expect(d.get(1)).toBeCloseTo(10 + 50 + 50, 1);
  });

  it('returns demand within the radius only, sorted by distance', () => {
    const r = rule.reach({ id: 'corner', lngLat: ll(0, 0) }, 150.5);
    expect(Array.from(r.indices)).toEqual([3, 1]);
    expect(Array.from(r.distancesM)).toEqual([...r.distancesM].sort((a, b) => a - b));
    expect(Array.from(rule.reach({ id: 'corner', lngLat: ll(0, 0) }, 149.5).indices)).toEqual([3]);
  });

  it('answers reachAll as reach site by site, and reuses its buffers between queries', () => {
    const sites = [ll(0, 0), ll(150, 10), ll(200, 200), ll(0, 0)].map((lngLat, s) => ({ id: `s${s}`, lngLat }));
    const table = rule.reachAll(sites, 300);
    sites.forEach((site, s) => {
      const one = rule.reach(site, 300);
      expect(Array.from(table.indices.slice(table.offsets[s], table.offsets[s + 1]))).toEqual(Array.from(one.indices));
      expect(Array.from(table.distancesM.slice(table.offsets[s], table.offsets[s + 1]))).toEqual(Array.from(one.distancesM));
    });
    expect(table.offsets[1] - table.offsets[0]).toBe(table.offsets[4] - table.offsets[3]);
  });

  it('is longer than the straight line, never shorter', () => {
    const straight = distances(geodesicRule(demand).reach({ id: 'c', lngLat: ll(0, 0) }, 1000));
    const network = distances(rule.reach({ id: 'c', lngLat: ll(0, 0) }, 1000));
    for (const [i, m] of network) expect(m).toBeGreaterThanOrEqual(straight.get(i)!);
    // 200 √2 m across the grid's diagonal (the local frame is exact to millimetres here).
    expect(straight.get(0)).toBeCloseTo(200 * Math.SQRT2, 2);
  });

  it('warns about points farther than the snap limit, which no site reaches', () => {
    expect(Array.from(rule.unsnappedDemand)).toEqual([4]);
    expect(rule.reach({ id: 'far-school', lngLat: ll(600, 500) }, 5000).indices).toHaveLength(0);
    expect(rule.warnings((i) => `cell ${i}`, { demand: 'population.geojson', sites: 'facilities.geojson' })).toEqual([
      { source: 'population.geojson', feature: 'cell 4', reason: 'farther than 250 m from every road: unreachable on the walking network' },
      { source: 'facilities.geojson', feature: 'far-school', reason: 'farther than 250 m from every road: unreachable on the walking network' },
    ]);
    const generous = networkRule(graph, demand, { maxSnapM: 600 });
    expect(generous.unsnappedDemand).toHaveLength(0);
    expect(distances(generous.reach({ id: 'c', lngLat: ll(0, 0) }, 2000)).get(4)).toBeCloseTo(400 + Math.hypot(400, 400), 1);
  });

  it('refuses a site without coordinates', () => {
    expect(() => rule.reach({ id: 'nowhere' }, 100)).toThrow(InputError);
  });

  it('slots into buildProblem as any distance rule', () => {
    const problem = buildProblem({
      demand: demand.map((lngLat, i) => ({ id: `d${i}`, weight: 1, lngLat })),
      candidates: [{ id: 'c0', lngLat: ll(0, 0) }],
      rule,
      maxCost: 200,
    });
    expect(problem.costs.kind).toBe('sparse');
    if (problem.costs.kind !== 'sparse') return;
    expect(Array.from(problem.costs.demand)).toEqual([3, 1, 2]);
    expect(problem.costs.cost[2]).toBeCloseTo(180, 1);
  });
});

describe('networkRule on other shapes', () => {
  it('finds paths through a T junction and a joined dangling end', () => {
    const rule = networkRule(buildRoadGraph(fixture('t-junction.geojson')), [ll(400, 120), ll(0, 0)]);
    const d = distances(rule.reach({ id: 'stem-top', lngLat: ll(100, 150) }, 1000));
    // 150 down the stem, 200 along main, 100.005 to the joined end at (400, 1), 119 up `short`.
    expect(d.get(0)).toBeCloseTo(150 + 200 + Math.hypot(100, 1) + 119, 1);
    expect(d.get(1)).toBeCloseTo(250, 1);
  });

  it('walks across ends joined within the tolerance, not across a wider gap', () => {
    const rule = networkRule(buildRoadGraph(fixture('near-ends.geojson')), [ll(200, 0), ll(300, 0)]);
    const d = distances(rule.reach({ id: 'west', lngLat: ll(0, 0) }, Infinity));
    expect(d.get(0)).toBeCloseTo(200, 1);
    expect(d.has(1)).toBe(false);
  });

  it('reaches nothing on another component, even with no distance limit', () => {
    const rule = networkRule(buildRoadGraph(fixture('components.geojson')), [ll(100, 50), ll(1200, 5)]);
    const fromSquare = distances(rule.reach({ id: 'a', lngLat: ll(50, -5) }, Infinity));
    expect(fromSquare.get(0)).toBeCloseTo(5 + 50 + 50, 1);
    expect(fromSquare.has(1)).toBe(false);
    const fromStreet = distances(rule.reach({ id: 'b', lngLat: ll(1150, 0) }, Infinity));
    expect([...fromStreet.keys()]).toEqual([1]);
    expect(fromStreet.get(1)).toBeCloseTo(55, 1);
  });
});
