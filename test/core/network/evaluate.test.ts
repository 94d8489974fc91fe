import type { Feature, FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import {
  buildRoadGraph,
  createWhatIfSession,
  evaluate,
  networkIsochrone,
  networkReachLines,
  networkRule,
  recommendSites,
  walkNetwork,
  type EvaluateInput,
  type LngLat,
  type NetworkRule,
} from '../../../src/core/index.ts';
import { fixture, ll } from './fixtures.ts';

const point = (lngLat: LngLat, properties: Record<string, unknown>): Feature<Point> => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lngLat[0], lngLat[1]] },
});
const collection = (features: Feature<Point>[]): FeatureCollection<Point> => ({ type: 'FeatureCollection', features });

// The barrier fixture: a primary school west of the arterial; 1,000 residents on each side.
const graph = buildRoadGraph(fixture('barrier.geojson'));
const residents = [point(ll(-100, 40), { id: 'west', population: 1000 }), point(ll(100, 40), { id: 'east', population: 1000 })];
const input: EvaluateInput = {
  population: collection(residents),
  facilities: collection([point(ll(-100, 10), { id: 'school', type: 'primary', capacity: 500 })]),
};

describe('evaluate() and recommendSites() with the walking network', () => {
  it('covers the cell across the arterial by straight line and plain network, not with the barrier rule', () => {
    const straight = evaluate(input, { type: 'primary' });
    const network = evaluate(input, { type: 'primary', distanceRule: (points) => networkRule(graph, points) });
    const barrier = evaluate(input, { type: 'primary', distanceRule: (points) => networkRule(graph, points, { barrier: {} }) });
    expect(straight.summary.coveragePct).toBe(100);
    expect(network.summary.coveragePct).toBe(100);
    expect(network.cells.find((c) => c.id === 'east')?.nearestDistanceM).toBeCloseTo(10 + 100 + 100 + 40, 1);
    expect(barrier.summary.coveragePct).toBe(50);
    expect(barrier.cells.find((c) => c.id === 'east')).toMatchObject({ covered: false, nearestFacilityId: null, served: 0 });
    expect(barrier.facilities[0].cellsInCatchment).toBe(1);
  });

  it('hands its warnings to the caller, demand named by the cells evaluate returns', () => {
    let rule: NetworkRule | undefined;
    const far = { ...input, population: collection([...residents, point(ll(0, 2000), { id: 'hamlet', population: 10 })]) };
    const result = evaluate(far, { type: 'primary', distanceRule: (points) => (rule = networkRule(graph, points)) });
    expect(rule?.warnings((i) => result.cells[i].id).map((w) => w.feature)).toEqual(['hamlet']);
  });

  it('recommends the site the barrier rule leaves unserved', async () => {
    const candidates = [
      { id: 'west-site', lngLat: ll(-150, 30) },
      { id: 'east-site', lngLat: ll(150, 30) },
    ];
    const options = { model: 'mclp' as const, p: 1, candidateSpacingM: 100, candidates };
    const plain = await recommendSites(input, { type: 'primary', distanceRule: (points) => networkRule(graph, points) }, options);
    expect(plain.before.coveragePct).toBe(100);
    const net = walkNetwork(graph, { barrier: {} });
    const barrier = await recommendSites(input, { type: 'primary', distanceRule: (points) => networkRule(net, points) }, options);
    expect(barrier.before.coveragePct).toBe(50);
    expect(barrier.proposals.map((p) => p.id)).toEqual(['east-site']);
    expect(barrier.after.coveragePct).toBe(100);
  });

  it('answers what-if edits by walking distance: a site moved across the arterial serves the other side', () => {
    const net = walkNetwork(graph, { barrier: {} });
    const session = createWhatIfSession(input, { type: 'primary', distanceRule: (points) => networkRule(net, points) });
    expect(session.summary().summary.coveragePct).toBe(50);
    expect(session.addSite({ id: 'new', lngLat: ll(-150, 30), seats: 500 }).summary.coveragePct).toBe(50);
    expect(session.moveSite('new', ll(150, 30)).summary.coveragePct).toBe(100);
  });
});

describe('isochrones', () => {
  const at = (x: number, y: number): number[] => [...ll(x, y)];
  const site: LngLat = ll(-100, 10);

  it('cuts reached streets where the distance runs out: 150 m from a grid corner is 400 m of street', () => {
    const grid = walkNetwork(buildRoadGraph(fixture('grid.geojson')));
    const lines = networkReachLines(grid, ll(0, 0), 150);
    expect(lines?.geometry.type).toBe('MultiLineString');
    let total = 0;
    const m = (a: number[], b: number[]) => Math.hypot((a[0] - b[0]) * 91_404.5, (a[1] - b[1]) * 111_195.1);
    for (const line of lines!.geometry.coordinates) for (let i = 0; i + 1 < line.length; i++) total += m(line[i], line[i + 1]);
    expect(total).toBeCloseTo(100 + 100 + 4 * 50, 0);
  });

  it('draws the catchment as a band round the reached streets, stopping at the arterial under the barrier rule', () => {
    const plain = networkIsochrone(walkNetwork(graph), site, 500);
    const barrier = networkIsochrone(walkNetwork(graph, { barrier: {} }), site, 500);
    for (const shape of [plain, barrier]) {
      expect(shape).not.toBeNull();
      expect(booleanPointInPolygon(at(-100, 0), shape!)).toBe(true);
      expect(booleanPointInPolygon(at(-100, 40), shape!)).toBe(true); // within the 50 m band
      expect(booleanPointInPolygon(at(-100, 100), shape!)).toBe(false); // 100 m from every street
    }
    expect(booleanPointInPolygon(at(100, 0), plain!)).toBe(true);
    expect(booleanPointInPolygon(at(100, 0), barrier!)).toBe(false);
    expect(JSON.parse(JSON.stringify(barrier))).toEqual(barrier);
  });

  it('is null for a site too far from every road', () => {
    expect(networkIsochrone(walkNetwork(graph), ll(-800, 500), 500)).toBeNull();
  });
});
