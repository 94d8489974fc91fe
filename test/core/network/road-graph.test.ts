import { describe, expect, it } from 'vitest';
import { buildRoadGraph, InputError, type RoadGraph } from '../../../src/core/index.ts';
import { fixture } from './fixtures.ts';

const lengths = (g: RoadGraph) => Array.from(g.edgeLengthM, (m) => Math.round(m * 100) / 100).sort((a, b) => a - b);

describe('buildRoadGraph', () => {
  it('joins roads at shared vertices: a 3 × 3 grid is 9 nodes and 12 edges of 100 m', () => {
    const g = buildRoadGraph(fixture('grid.geojson'));
    expect(g.nodeCount).toBe(9);
    expect(g.edgeCount).toBe(12);
    expect(lengths(g)).toEqual(new Array(12).fill(100));
    expect(g.components).toEqual({ count: 1, nodeCounts: [9], edgeCounts: [12], lengthsM: [expect.closeTo(1200, 1)] });
    expect(g.classNames).toEqual(['local']);
    expect(g.warnings).toEqual([]);
    // Compressed adjacency: the centre node has 4 edges, corners 2.
    const degrees = Array.from({ length: 9 }, (_, v) => g.adjStart[v + 1] - g.adjStart[v]).sort();
    expect(degrees).toEqual([2, 2, 2, 2, 3, 3, 3, 3, 4]);
  });

  it('keeps a road’s edges consecutive and in order along it', () => {
    const g = buildRoadGraph(fixture('grid.geojson'));
    const roads = Array.from(g.edgeRoad);
    expect(roads).toEqual([...roads].sort((a, b) => a - b));
    for (let e = 0; e + 1 < g.edgeCount; e++) {
      if (g.edgeRoad[e] === g.edgeRoad[e + 1]) expect(g.edgeTo[e]).toBe(g.edgeFrom[e + 1]);
    }
  });

  it('joins a T junction at a shared vertex, and a dangling end 1 m from a segment by splitting it', () => {
    const g = buildRoadGraph(fixture('t-junction.geojson'));
    // (0,0) (100,0) (300,0) (500,0) (100,150) (400,120) and (400,1), which splits main's last segment.
    expect(g.nodeCount).toBe(7);
    expect(g.edgeCount).toBe(6);
    expect(lengths(g)).toEqual([100, 100, 100.01, 119, 150, 200]);
    expect(g.components.count).toBe(1);
  });

  it('joins ends 1.5 m apart but not 2.5 m apart (2 m tolerance), and reports the components', () => {
    const g = buildRoadGraph(fixture('near-ends.geojson'));
    expect(g.components).toMatchObject({ count: 2, nodeCounts: [3, 2], edgeCounts: [2, 1] });
    expect(g.components.lengthsM[0]).toBeCloseTo(200, 2);
    const wide = buildRoadGraph(fixture('near-ends.geojson'), { joinToleranceM: 3 });
    expect(wide.components.count).toBe(1);
    const exact = buildRoadGraph(fixture('near-ends.geojson'), { joinToleranceM: 0 });
    expect(exact.components.count).toBe(3);
  });

  it('reports separate networks, largest first', () => {
    const g = buildRoadGraph(fixture('components.geojson'));
    expect(g.components).toMatchObject({ count: 2, nodeCounts: [4, 2], edgeCounts: [4, 1] });
    expect(new Set(g.componentOfNode)).toEqual(new Set([0, 1]));
  });

  it('skips non-line features with a warning naming them, and refuses a layer with no roads', () => {
    const roads = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'p1' }, geometry: { type: 'Point', coordinates: [113.6, 34.7] } },
        { type: 'Feature', properties: { id: 'bad' }, geometry: { type: 'LineString', coordinates: [[113.6, 34.7], [999, 34.7]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [[[113.6, 34.7], [113.601, 34.7]]] } },
      ],
    };
    const g = buildRoadGraph(roads, { source: 'streets.geojson' });
    expect(g.edgeCount).toBe(1);
    expect(g.classNames).toEqual(['unclassified']);
    expect(g.warnings).toEqual([
      { source: 'streets.geojson', feature: 'p1', reason: 'not a LineString (Point): skipped' },
      { source: 'streets.geojson', feature: 'bad', reason: 'has coordinates that are not [longitude, latitude] pairs: skipped' },
    ]);
    expect(() => buildRoadGraph({ type: 'FeatureCollection', features: [] }, { source: 'empty.geojson' })).toThrow(InputError);
    expect(() => buildRoadGraph({ type: 'FeatureCollection', features: [] }, { source: 'empty.geojson' })).toThrow(/empty.geojson: no roads/);
    const stub = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[113.6, 34.7], [113.60001, 34.7]] } };
    expect(() => buildRoadGraph(stub, { source: 'stub.geojson' })).toThrow('stub.geojson: no roads: every road is shorter than the 2 m join tolerance');
  });

  it('is plain data that survives structured cloning (a Web Worker can post it)', () => {
    const g = buildRoadGraph(fixture('grid.geojson'));
    const copy = structuredClone(g);
    expect(copy.edgeLengthM).toEqual(g.edgeLengthM);
    expect(copy.components).toEqual(g.components);
  });
});
