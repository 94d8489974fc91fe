import { describe, expect, it } from 'vitest';
import { buildRoadGraph, geodesicRule, networkRule, readCrossingPoints, walkNetwork, type LngLat, type NetworkRuleOptions } from '../../../src/core/index.ts';
import { fixture, ll } from './fixtures.ts';

// An arterial along x = 0; a local street crosses it at y = 0, others meet it at y = 200.
const graph = buildRoadGraph(fixture('barrier.geojson'));
const school = { id: 'school', lngLat: ll(-100, 10) }; // 10 m north of the west street w0
const demand: LngLat[] = [
  ll(100, 10), // 0: across the arterial, 200 m away in a straight line
  ll(-5, 100), // 1: on the arterial's west sidewalk
  ll(5, 100), // 2: on the arterial's east sidewalk
  ll(-150, 210), // 3: west street at y = 200
];

function distance(options: NetworkRuleOptions, i: number, radiusM = 500): number | undefined {
  const r = networkRule(graph, demand, options).reach(school, radiusM);
  const k = Array.from(r.indices).indexOf(i);
  return k < 0 ? undefined : r.distancesM[k];
}

describe('barrier rule: arterials are crossed only at crossings', () => {
  it('straight line and plain network reach the cell across the arterial; the barrier rule does not', () => {
    expect(Array.from(geodesicRule(demand).reach(school, 500).indices)).toContain(0);
    expect(distance({}, 0)).toBeCloseTo(10 + 100 + 100 + 10, 1);
    expect(distance({ barrier: {} }, 0)).toBeUndefined();
    // Walking round the arterial's ends (1 km away) is the only way without a crossing.
    expect(distance({ barrier: {} }, 0, Infinity)).toBeCloseTo(10 + 100 + 1000 + 1000 + 100 + 10, 1);
  });

  it('lets the pedestrian walk along the sidewalk on their own side, not the other', () => {
    expect(distance({ barrier: {} }, 1)).toBeCloseTo(10 + 100 + 100 + 5, 1);
    expect(distance({ barrier: {} }, 2)).toBeUndefined();
    expect(distance({}, 2)).toBeCloseTo(10 + 100 + 100 + 5, 1);
    // Up the west sidewalk to y = 200, then west along w2.
    expect(distance({ barrier: {} }, 3)).toBeCloseTo(10 + 100 + 200 + 150 + 10, 1);
  });

  it('crosses at a marked crossing: along the west sidewalk to y = 200, back down the east one', () => {
    const { points, warnings } = readCrossingPoints(fixture('barrier-crossings.geojson'), 'crossings.geojson');
    expect(points).toHaveLength(2); // `crossing: no` is not a crossing
    expect(warnings).toEqual([]);
    const net = walkNetwork(graph, { barrier: { crossings: points }, crossingsSource: 'crossings.geojson' });
    expect(net.barrier?.crossingNodes).toHaveLength(1);
    expect(net.warnings).toEqual([
      { source: 'crossings.geojson', feature: 'crossing 2', reason: 'no node of a road that cannot be crossed within 25 m: ignored' },
    ]);
    const r = networkRule(net, demand).reach(school, 700);
    const d = new Map(Array.from(r.indices, (i, k) => [i, r.distancesM[k]]));
    expect(d.get(0)).toBeCloseTo(10 + 100 + 200 + 200 + 100 + 10, 1);
    expect(d.get(2)).toBeCloseTo(10 + 100 + 200 + 100 + 5, 1);
  });

  it('opens every Nth junction along the arterial, counted from its start', () => {
    // Junctions from the south end: (0, 0) is the 1st, (0, 200) the 2nd.
    expect(distance({ barrier: { everyNthJunction: 1 } }, 0)).toBeCloseTo(220, 1);
    expect(distance({ barrier: { everyNthJunction: 2 } }, 0, 700)).toBeCloseTo(620, 1);
    expect(distance({ barrier: { everyNthJunction: 3 } }, 0, 700)).toBeUndefined();
  });

  it('splits a junction into sectors: four corners where two arterials cross', () => {
    const cross = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { class: 'arterial' }, geometry: { type: 'LineString', coordinates: [ll(0, -500), ll(0, 0), ll(0, 500)] } },
        { type: 'Feature', properties: { class: 'arterial' }, geometry: { type: 'LineString', coordinates: [ll(-500, 0), ll(0, 0), ll(500, 0)] } },
      ],
    };
    const g = buildRoadGraph(cross);
    expect(walkNetwork(g).stateCount).toBe(g.nodeCount);
    const net = walkNetwork(g, { barrier: {} });
    expect(net.stateCount).toBe(g.nodeCount - 1 + 4);
    const rule = networkRule(net, [ll(100, 5), ll(100, -5), ll(-100, 5)]);
    const r = rule.reach({ id: 'ne-corner', lngLat: ll(5, 100) }, 500);
    // Round the north-east corner only: south of the east arm and west of the north arm are across.
    expect(Array.from(r.indices)).toEqual([0]);
    expect(r.distancesM[0]).toBeCloseTo(5 + 100 + 100 + 5, 1);
  });

  it('ignores, with a warning, crossings on a network with no road of the barrier class', () => {
    const net = walkNetwork(buildRoadGraph(fixture('grid.geojson')), { barrier: { crossings: [ll(0, 0)] } });
    expect(net.barrier?.crossingNodes).toHaveLength(0);
    expect(net.stateCount).toBe(9);
    expect(net.warnings.map((w) => w.feature)).toEqual(['crossing 1']);
  });

  it('needs barrier options on walkNetwork when given a prepared network', () => {
    expect(() => networkRule(walkNetwork(graph), demand, { barrier: {} })).toThrow(/walkNetwork/);
  });
});
