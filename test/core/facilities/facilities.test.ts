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

  describe('facilities without a capacity', () => {
    const primary = { classSize: 45, maxSchoolSeats: 2000 };
    const at = (n: number) => ({ type: 'Point', coordinates: [113.6 + n / 1000, 34.7] });

    it('take classes × class size (3 × 45 = 135), or the standard size when flagged assumed (⌊2000/45⌋ × 45 = 1,980)', () => {
      const { facilities, warnings } = readFacilities(
        fc(
          fac({ id: 'given', type: 'primary', capacity: 900, classes: 3 }, at(1)),
          fac({ id: 'classes', type: 'primary', capacity: null, classes: 3 }, at(2)),
          fac({ id: 'assumed', type: 'primary', capacity: null, capacity_assumed: true }, at(3)),
          fac({ id: 'assumedGiven', type: 'primary', capacity: 1500, capacity_assumed: true }, at(4)),
          fac({ id: 'none', type: 'primary' }, at(5)),
        ),
        'primary',
        'f',
        primary,
      );
      expect(facilities.map((f) => [f.id, f.capacity, f.capacitySource ?? 'given'])).toEqual([
        ['given', 900, 'given'],
        ['classes', 135, 'classes'],
        ['assumed', 1980, 'standard'],
        ['assumedGiven', 1500, 'standard'],
      ]);
      expect(warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual(['none: no capacity (seats or visits a day); skipped']);
    });

    it('without the standard, classes and the flag give nothing: the rest decide', () => {
      const { facilities, warnings } = readFacilities(fc(fac({ id: 'classes', type: 'primary', classes: 3 }), fac({ id: 'ok', type: 'primary', capacity: 10 }, at(1))), 'primary', 'f');
      expect(facilities.map((f) => f.id)).toEqual(['ok']);
      expect(warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual(['classes: no capacity (seats or visits a day); skipped']);
    });

    it('clinics have no classes: a class count gives no capacity', () => {
      const { facilities } = readFacilities(fc(fac({ id: 'h', type: 'health_station', classes: 3 })), 'health_station', 'f', { classSize: null, maxSchoolSeats: 100 });
      expect(facilities.map((f) => [f.capacity, f.capacitySource])).toEqual([[0, 'none']]);
    });

    it('when none of the type has one: all kept with capacity 0, for coverage only, and one warning', () => {
      const { facilities, warnings } = readFacilities(
        fc(fac({ id: 'a', type: 'primary' }, at(1)), fac({ id: 'b', type: 'primary', capacity: '' }, at(2)), fac({ id: 'j', type: 'junior', capacity: 900 }, at(3))),
        'primary',
        'f',
        primary,
      );
      expect(facilities.map((f) => [f.id, f.capacity, f.capacitySource])).toEqual([
        ['a', 0, 'none'],
        ['b', 0, 'none'],
      ]);
      expect(warnings).toEqual([
        { source: 'f', feature: 'type primary', reason: 'no facility of type primary has a capacity: coverage only; allocation (served, unserved, shortfall) needs capacities' },
      ]);
    });
  });
});
