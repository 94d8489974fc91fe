import { describe, expect, it } from 'vitest';
import { readFacilities } from '../../../src/core/index.ts';

const fac = (properties: Record<string, unknown>, geometry: unknown = { type: 'Point', coordinates: [113.6, 34.7] }) => ({
  type: 'Feature',
  properties,
  geometry,
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('readFacilities', () => {
  it('keeps the wanted type, names every skipped facility and why', () => {
    const { facilities, warnings } = readFacilities(
      fc(
        fac({ id: 'p1', name: '一小', name_en: 'No. 1', type: 'primary', capacity: 900 }),
        fac({ id: 'j1', type: 'junior', capacity: 1000 }),
        fac({ id: 'h1', type: 'hospital', capacity: 10 }),
        fac({ id: 'notype', capacity: 10 }),
        fac({ id: 'nocap', type: 'primary' }),
        fac({ id: 'zero', type: 'primary', capacity: 0 }),
        fac({ id: 'textcap', type: 'primary', capacity: 'big' }),
        fac({ id: 'poly', type: 'primary', capacity: 5 }, { type: 'Polygon', coordinates: [] }),
      ),
      'primary',
      'f.geojson',
    );
    expect(facilities).toEqual([
      { id: 'p1', featureIndex: 0, name: '一小', nameEn: 'No. 1', type: 'primary', lngLat: [113.6, 34.7], capacity: 900 },
    ]);
    expect(warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual([
      'h1: unknown facility type "hospital" (known: kindergarten, primary, junior, health_station, health_centre); skipped',
      'notype: type is missing; skipped',
      'nocap: no capacity (seats or visits a day); skipped',
      'zero: capacity is 0; skipped',
      'textcap: capacity is not a number ("big"); skipped',
      'poly: geometry Polygon is not a valid Point; skipped',
    ]);
  });

  it('warns when no facility of the type is usable, and refuses an empty layer', () => {
    const { facilities, warnings } = readFacilities(fc(fac({ id: 'j', type: 'junior', capacity: 5 })), 'primary', 'f');
    expect(facilities).toEqual([]);
    expect(warnings).toEqual([{ source: 'f', feature: 'type primary', reason: 'no usable facilities of type primary: all demand is unserved' }]);
    expect(() => readFacilities(fc(), 'primary', 'f')).toThrow(/f: no features/);
  });
});
