import { describe, expect, it } from 'vitest';
import type { MappedLayer } from '../../../src/core/index.ts';
import { DISTRICT_LAYERS, type DistrictData } from '../../../src/app/data/district-data.ts';
import { mergeLayer } from '../../../src/app/data/merge-layer.ts';

const fc = <T,>(features: T[]) => ({ type: 'FeatureCollection' as const, features });
const point = (props: Record<string, unknown>) => ({ type: 'Feature' as const, properties: props, geometry: { type: 'Point' as const, coordinates: [113.6, 34.7] } });
const square = { type: 'Polygon' as const, coordinates: [[[113.6, 34.7], [113.61, 34.7], [113.61, 34.71], [113.6, 34.7]]] };

function demo(): DistrictData {
  return {
    demoLayers: [...DISTRICT_LAYERS],
    layerFiles: {},
    files: { population: 'demo-pop', facilities: 'demo-fac', villages: 'demo-vil' },
    boundary: fc([]),
    population: fc([]),
    villages: fc([]),
    facilities: fc([point({ id: 'p1', type: 'primary' }), point({ id: 'h1', type: 'health_station' })]),
    roads: fc([]),
    landuse: fc([]),
  } as unknown as DistrictData;
}

const layer = (role: MappedLayer['role'], features: unknown[]): MappedLayer =>
  ({ file: 'mine.csv', role, mapping: {}, collection: fc(features), report: { read: 1, used: 1, skipped: 0 }, warnings: [] }) as unknown as MappedLayer;

describe('mergeLayer', () => {
  it('replaces only the facility types the file holds, or adds to them', () => {
    const before = demo();
    const replaced = mergeLayer(before, layer('facilities', [point({ id: 'n1', type: 'primary' })]));
    expect(replaced.facilities.features.map((f) => f.properties.id)).toEqual(['h1', 'n1']);
    expect(replaced.demoLayers).toContain('facilities');
    expect(replaced.files.facilities).toBe('demo-fac + mine.csv');
    const added = mergeLayer(before, layer('facilities', [point({ id: 'n1', type: 'primary' })]), { replaceFacilities: false });
    expect(added.facilities.features.map((f) => f.properties.id)).toEqual(['p1', 'h1', 'n1']);
    expect(before.facilities.features).toHaveLength(2);
  });

  it('drops the synthetic mark of a layer the user replaced and names the file', () => {
    const next = mergeLayer(demo(), layer('population', [point({ id: 'c1', population: 10 })]));
    expect(next.demoLayers).not.toContain('population');
    expect(next.files.population).toBe('mine.csv');
    const all = mergeLayer(next, layer('facilities', [point({ id: 'a', type: 'primary' }), point({ id: 'b', type: 'health_station' })]));
    expect(all.demoLayers).not.toContain('facilities');
  });

  it('adds exclusion zones to the land use and keeps candidate sites apart', () => {
    const zones = mergeLayer(demo(), layer('exclusions', [{ type: 'Feature', properties: {}, geometry: square }]));
    expect(zones.landuse.features.map((f) => [f.properties.id, f.properties.class])).toEqual([['mine.csv#1', 'exclusion']]);
    const candidates = mergeLayer(demo(), layer('candidates', [point({ id: 's1' })]));
    expect(candidates.candidates?.features).toHaveLength(1);
    expect(candidates.facilities).toEqual(demo().facilities);
  });
});
