import { describe, expect, it } from 'vitest';
import type { MappedLayer } from '../../../src/core/index.ts';
import { DISTRICT_LAYERS, type DistrictData } from '../../../src/app/data/district-data.ts';
import { mergeLayer } from '../../../src/app/data/merge-layer.ts';
import { dataExtent, emptyDistrict, removeLayer, workspaceLayers } from '../../../src/app/data/workspace.ts';

const fc = <T,>(features: T[]) => ({ type: 'FeatureCollection' as const, features });
const point = (lng: number, lat: number, props: Record<string, unknown>) => ({ type: 'Feature' as const, properties: props, geometry: { type: 'Point' as const, coordinates: [lng, lat] } });
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Feature' as const,
  properties: {},
  geometry: { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
});

/** A demo district around Zhengzhou (113.5–113.7 E, 34.6–34.8 N) with one of every layer. */
function demo(): DistrictData {
  return {
    demoLayers: [...DISTRICT_LAYERS],
    layerFiles: {},
    files: { population: 'demo-pop', facilities: 'demo-fac', villages: 'demo-vil' },
    boundary: fc([box(113.5, 34.6, 113.7, 34.8)]),
    population: fc([point(113.6, 34.7, { id: 'c1', population: 10 })]),
    villages: fc([box(113.55, 34.65, 113.56, 34.66)]),
    facilities: fc([point(113.6, 34.7, { id: 'p1', type: 'primary' }), point(113.61, 34.71, { id: 'h1', type: 'health_station' })]),
    roads: fc([{ type: 'Feature', properties: { class: 'local' }, geometry: { type: 'LineString', coordinates: [[113.6, 34.7], [113.61, 34.7]] } }]),
    landuse: fc([box(113.62, 34.72, 113.63, 34.73)]),
    zones: fc([]),
  } as unknown as DistrictData;
}

const layer = (role: MappedLayer['role'], file: string, features: unknown[]): MappedLayer =>
  ({ file, role, mapping: {}, collection: fc(features), report: { read: 1, used: 1, skipped: 0 }, warnings: [] }) as unknown as MappedLayer;

describe('the workspace of layers', () => {
  it('sets the whole demo aside when the user’s data lie in another city, and draws the boundary around them', () => {
    // Wuhan, about 500 km from the demo district.
    const wuhan = mergeLayer(demo(), layer('population', 'wuhan.geojson', [point(114.3, 30.6, { population: 5 }), point(114.32, 30.58, { population: 7 })]));
    expect(wuhan.demoLayers).toEqual([]);
    expect(wuhan.facilities.features).toEqual([]);
    expect(wuhan.villages.features).toEqual([]);
    expect(wuhan.roads.features).toEqual([]);
    expect(wuhan.population.features).toHaveLength(2);
    expect(wuhan.layerFiles).toEqual({ population: 'wuhan.geojson' });
    expect(dataExtent(wuhan)).toEqual([114.3, 30.58, 114.32, 30.6]);
    expect(wuhan.boundary.features[0].geometry.coordinates[0]).toEqual([[114.3, 30.58], [114.32, 30.58], [114.32, 30.6], [114.3, 30.6], [114.3, 30.58]]);
    const listed = workspaceLayers(wuhan).filter((l) => l.origin !== 'empty');
    expect(listed.map((l) => [l.layer, l.origin, l.file, l.features])).toEqual([
      ['population', 'file', 'wuhan.geojson', 2],
      ['boundary', 'extent', null, 1],
    ]);

    // Schools loaded next, also in Wuhan: only they are the facilities.
    const schools = mergeLayer(wuhan, layer('facilities', 'schools.csv', [point(114.31, 30.59, { id: 's1', type: 'primary' })]));
    expect(schools.facilities.features.map((f) => f.properties.id)).toEqual(['s1']);
    expect(schools.demoLayers).toEqual([]);
  });

  it('keeps the demo inside its own district: a population file there replaces only the population', () => {
    const next = mergeLayer(demo(), layer('population', 'mine.geojson', [point(113.65, 34.75, { population: 9 })]));
    expect(next.demoLayers).toEqual(['villages', 'facilities', 'roads', 'landuse', 'boundary', 'zones']);
    expect(next.facilities.features).toHaveLength(2);
    expect(next.boundary).toEqual(demo().boundary);
  });

  it('flags a layer that lies apart from the population', () => {
    const near = mergeLayer(demo(), layer('population', 'mine.geojson', [point(113.65, 34.75, { population: 9 })]));
    const schools = mergeLayer(near, layer('facilities', 'far.csv', [point(113.9, 34.9, { id: 'f', type: 'primary' })]));
    const listed = Object.fromEntries(workspaceLayers(schools).map((l) => [l.layer, l.apart]));
    // The school at (113.9, 34.9) lies outside the demo district (113.5–113.7 E, 34.6–34.8 N), so the
    // demo is set aside whole; what remains is the user's population point (113.65, 34.75) and that
    // school, whose extent does not reach it. Empty layers and the boundary are never flagged.
    expect(schools.demoLayers).toEqual([]);
    expect(listed).toEqual({ population: false, villages: false, facilities: true, roads: false, landuse: false, boundary: false, zones: false });

    const wuhan = mergeLayer(demo(), layer('population', 'wuhan.geojson', [point(114.3, 30.6, { population: 5 })]));
    const zhengzhouSchools = mergeLayer(wuhan, layer('facilities', 'zz.csv', [point(113.6, 34.7, { id: 's', type: 'primary' })]));
    expect(workspaceLayers(zhengzhouSchools).find((l) => l.layer === 'facilities')!.apart).toBe(true);
  });

  it('removes a layer, and without a boundary of its own the district is the population’s extent', () => {
    const without = removeLayer(demo(), 'boundary');
    expect(without.demoLayers).not.toContain('boundary');
    expect(without.boundary.features[0].geometry.coordinates[0][0]).toEqual([113.6, 34.7]);
    expect(workspaceLayers(without).find((l) => l.layer === 'boundary')!.origin).toBe('extent');
    const noRoads = removeLayer(demo(), 'roads');
    expect(noRoads.roads.features).toEqual([]);
    expect(workspaceLayers(noRoads).find((l) => l.layer === 'roads')!.origin).toBe('empty');
  });

  it('starts an empty district with nothing to zoom to', () => {
    const d = emptyDistrict();
    expect(dataExtent(d)).toBeNull();
    expect(workspaceLayers(d).every((l) => l.origin === 'empty')).toBe(true);
  });

  it('keeps a raster population as its grid: the demo set aside, the boundary around the raster, populated pixels counted', () => {
    // 4 × 2 pixels of 0.01° over Wuhan, three of them without residents.
    const grid = { kind: 'population-grid' as const, west: 114.2, north: 30.62, stepLng: 0.01, stepLat: 0.01, width: 4, height: 2, row0: 0, col0: 0, residents: Float32Array.from([5, 0, 7, 0, 1, 0, 2, 3]) };
    const raster = { ...layer('population', 'wuhan.tif', []), grid } as MappedLayer;
    const wuhan = mergeLayer(demo(), raster);
    expect(wuhan.populationGrid).toBe(grid);
    expect(wuhan.demoLayers).toEqual([]);
    const [w, s, e, n] = dataExtent(wuhan)!;
    expect([w, s, e, n].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([114.2, 30.6, 114.24, 30.62]);
    const population = workspaceLayers(wuhan).find((l) => l.layer === 'population')!;
    expect([population.origin, population.file, population.features, population.raster]).toEqual(['file', 'wuhan.tif', 5, true]);
    const removed = removeLayer(wuhan, 'population');
    expect(removed.populationGrid).toBeUndefined();
    expect(workspaceLayers(removed).find((l) => l.layer === 'population')!.origin).toBe('empty');
  });
});
