import { describe, expect, it } from 'vitest';
import {
  buildRoadGraph,
  InputError,
  networkDistance,
  networkDistanceForMode,
  networkRule,
  readCrossingPoints,
  walkNetwork,
  type LngLat,
  type NetworkDistance,
} from '../../../src/core/index.ts';
import { fixture, ll } from './fixtures.ts';

// barrier.geojson: an arterial along x = 0 from y = -1000 to 1000; local streets w0/e0 cross it
// at y = 0, w2/e2 meet it from both sides at y = 200. 7 edges, 8 nodes, one component.
const roads = fixture('barrier.geojson');
const school = { id: 'school', lngLat: ll(-100, 10) }; // 10 m north of w0
const demand: LngLat[] = [
  ll(100, 10), // 0: across the arterial
  ll(-5, 100), // 1: on the arterial's west sidewalk
  ll(5, 100), // 2: on its east sidewalk
  ll(0, 1400), // 3: 400 m beyond the arterial's north end, off every road
];

/** Demand index → walking distance from the school, within `radiusM`. */
function distances(d: NetworkDistance, radiusM = Infinity): Map<number, number> {
  const r = d.rule(demand).reach(school, radiusM);
  return new Map(Array.from(r.indices, (i, k) => [i, Math.round(r.distancesM[k] * 10) / 10]));
}

describe('networkDistance: one builder for the CLI and the app', () => {
  it('walks across the arterial without a barrier: 10 + 100 + 100 + 10 m to the cell across', () => {
    const d = networkDistanceForMode(roads, 'network');
    expect(distances(d, 500)).toEqual(new Map([[0, 220], [1, 215], [2, 215]]));
    expect(d.description).toBe(
      'distance: walking network over roads (7 edges, 1 component, largest 8 of 8 nodes), points up to 250 m off a road',
    );
    expect(d.network.barrier).toBeNull();
  });

  it('without crossing arterials: the east side only round the far end, 10 + 100 + 1000 + 1000 + 100 + 10 m', () => {
    const d = networkDistanceForMode(roads, 'network-no-arterial', 'barrier.geojson');
    expect(distances(d, 500)).toEqual(new Map([[1, 215]]));
    // To the east sidewalk at y = 100: up the west one to y = 1000 and back down 900 m: 10 + 100 + 1000 + 900 + 5.
    expect(distances(d)).toEqual(new Map([[0, 2220], [1, 215], [2, 2015]]));
    expect(d.description).toBe(
      'distance: walking network over barrier.geojson (7 edges, 1 component, largest 8 of 8 nodes), points up to 250 m off a road; ' +
        'arterial crossed only at 0 crossings',
    );
  });

  it('gives the same distances as the CLI path built them before (graph, walk network, rule at 250 m)', () => {
    for (const [mode, barrier] of [['network', null], ['network-no-arterial', { classes: ['arterial'], crossings: [] }]] as const) {
      const legacy = networkRule(walkNetwork(buildRoadGraph(roads, { source: 'roads' }), { barrier }), demand, { maxSnapM: 250 });
      const viaMode = networkDistanceForMode(roads, mode).rule(demand);
      const viaOptions = networkDistance(roads, { roadsSource: 'roads', noCross: barrier ? ['arterial'] : undefined }).rule(demand);
      for (const rule of [viaMode, viaOptions]) {
        expect(rule.reach(school, Infinity)).toEqual(legacy.reach(school, Infinity));
        expect(rule.reach({ id: 'east', lngLat: ll(150, 190) }, 600)).toEqual(legacy.reach({ id: 'east', lngLat: ll(150, 190) }, 600));
      }
    }
  });

  it('crosses at marked crossings and every Nth junction, as the CLI options ask', () => {
    const { points } = readCrossingPoints(fixture('barrier-crossings.geojson'), 'crossings.geojson');
    const marked = networkDistance(roads, { roadsSource: 'barrier.geojson', noCross: ['arterial'], crossings: points, crossingsSource: 'crossings.geojson' });
    // Up the west sidewalk to the zebra at y = 200, back down the east one: 10 + 100 + 200 + 200 + 100 + 10.
    expect(distances(marked, 700).get(0)).toBe(620);
    expect(marked.description).toMatch(/; arterial crossed only at 1 crossing$/);
    const everyFirst = networkDistance(roads, { roadsSource: 'r', noCross: ['arterial'], everyNthJunction: 1 });
    expect(distances(everyFirst, 500).get(0)).toBe(220);
  });

  it('collects the network warnings and, after a rule is built, the points off every road', () => {
    const { points } = readCrossingPoints(fixture('barrier-crossings.geojson'), 'crossings.geojson');
    const d = networkDistance(roads, { roadsSource: 'barrier.geojson', noCross: ['arterial'], crossings: points, crossingsSource: 'crossings.geojson', maxSnapM: 300 });
    const names = (i: number) => `cell ${String.fromCharCode(65 + i)}`;
    const before = d.warnings(names, { demand: 'pop.geojson', sites: 'sites' });
    expect(before).toEqual([{ source: 'crossings.geojson', feature: 'crossing 2', reason: 'no node of a road that cannot be crossed within 25 m: ignored' }]);
    d.rule(demand);
    expect(d.warnings(names, { demand: 'pop.geojson', sites: 'sites' })).toEqual([
      ...before,
      { source: 'pop.geojson', feature: 'cell D', reason: 'farther than 300 m from every road: unreachable on the walking network' },
    ]);
    expect(d.description).toMatch(/points up to 300 m off a road/);
  });

  it('refuses classes the layer does not have, naming the ones it has, and bad numbers', () => {
    const unknown = () => networkDistance(roads, { roadsSource: 'barrier.geojson', noCross: ['motorway'] });
    expect(unknown).toThrow(InputError);
    expect(unknown).toThrow("noCross: must name road classes of barrier.geojson (arterial, local), got 'motorway'");
    expect(() => networkDistance(roads, { roadsSource: 'r', noCross: [] })).toThrow("noCross: must name road classes of r (arterial, local), got ''");
    expect(() => networkDistance(roads, { roadsSource: 'r', crossings: [ll(0, 200)] })).toThrow(/noCross: crossings and every-Nth-junction crossings need/);
    expect(() => networkDistance(roads, { roadsSource: 'r', maxSnapM: -1 })).toThrow('maxSnapM: must be a number ≥ 0, got -1');
    expect(() => networkDistance(roads, { roadsSource: 'r', noCross: ['arterial'], everyNthJunction: 0.5 })).toThrow(
      'everyNthJunction: must be a whole number ≥ 1, got 0.5',
    );
  });

  it('says a layer without arterials cannot keep walkers from crossing them, rather than ignoring the barrier', () => {
    const grid = fixture('grid.geojson');
    expect(() => networkDistanceForMode(grid, 'network-no-arterial', 'my-roads.geojson')).toThrow(
      "my-roads.geojson: walking without crossing arterial roads needs roads of class 'arterial'; this layer has local",
    );
    expect(networkDistanceForMode(grid, 'network').description).toMatch(/12 edges, 1 component, largest 9 of 9 nodes/);
  });
});
