import { describe, expect, it } from 'vitest';
import { InputError, readPopulation } from '../../../src/core/index.ts';

const pt = (properties: Record<string, unknown>, coordinates: unknown = [113.6, 34.7]) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('readPopulation', () => {
  it('skips each kind of bad population with a warning naming the feature', () => {
    const { features, warnings } = readPopulation(
      fc(
        pt({ id: 'ok', population: 120 }),
        pt({ id: 'missing' }),
        pt({ id: 'text', population: 'many' }),
        pt({ id: 'neg', population: -3 }),
        pt({ id: 'nan', population: NaN }),
        pt({ population: null }),
        pt({ id: 'quoted', population: ' 250 ' }),
        { type: 'Feature', properties: { id: 'line', population: 5 }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
        { type: 'Feature', properties: { id: 'nogeom', population: 5 }, geometry: null },
        pt({ id: 'badxy', population: 5 }, [200, 'x']),
      ),
      'pop.geojson',
    );
    expect(features.map((f) => [f.id, f.population, f.featureIndex])).toEqual([
      ['ok', 120, 0],
      ['quoted', 250, 6],
    ]);
    expect(warnings.map((w) => `${w.source}: ${w.feature}: ${w.reason}`)).toEqual([
      'pop.geojson: missing: population is missing; skipped',
      'pop.geojson: text: population is not a number ("many"); skipped',
      'pop.geojson: neg: population is negative (-3); skipped',
      'pop.geojson: nan: population is NaN; skipped',
      'pop.geojson: feature 6: population is missing; skipped',
      'pop.geojson: line: unsupported geometry LineString (expected Point, Polygon or MultiPolygon); skipped',
      'pop.geojson: nogeom: no geometry; skipped',
      'pop.geojson: badxy: invalid point coordinates; skipped',
    ]);
  });

  it('places a polygon at its centroid and keeps the polygon for area splits', () => {
    const square = { type: 'Polygon', coordinates: [[[113, 34], [113.002, 34], [113.002, 34.002], [113, 34.002], [113, 34]]] };
    const { features } = readPopulation(fc({ type: 'Feature', id: 7, properties: { population: 10 }, geometry: square }));
    expect(features[0].id).toBe('7');
    expect(features[0].lngLat[0]).toBeCloseTo(113.001, 9);
    expect(features[0].lngLat[1]).toBeCloseTo(34.001, 9);
    expect(features[0].polygon).toEqual(square);
  });

  it('refuses empty, unusable and non-GeoJSON input', () => {
    expect(() => readPopulation(fc(), 'p')).toThrow(InputError);
    expect(() => readPopulation(fc(), 'p')).toThrow(/p: no features/);
    // Refused with each feature's reason, not just a count.
    expect(() => readPopulation(fc(pt({ population: -1 }), pt({})), 'p')).toThrow(
      'p: no usable population features (all 2 skipped): feature 1: population is negative (-1); feature 2: population is missing',
    );
    expect(() => readPopulation([1, 2], 'p')).toThrow(/expected a GeoJSON FeatureCollection, got an array/);
    expect(() => readPopulation({ type: 'Topology' }, 'p')).toThrow(/got type 'Topology'/);
  });
});
