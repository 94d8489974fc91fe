import { describe, expect, it } from 'vitest';
import type { FacilityResult, VillageEquity } from '../../../src/core/index.ts';
import { facilitiesTable, featuresTable, placeOf, villagesTable } from '../../../src/app/tables/tables.ts';
import { selectionOfPick } from '../../../src/app/tables/pick-selection.ts';

const facility = (id: string, extra: Partial<FacilityResult> = {}): FacilityResult =>
  ({ id, name: `学校${id}`, nameEn: '', type: 'primary', lngLat: [113.6, 34.7], capacity: 900, usersInCatchment: 1000, allocated: 900, utilisation: 1, catchmentUtilisation: 1.111, status: 'over', cellsInCatchment: 3, featureIndex: 0, ...extra }) as FacilityResult;

describe('the planner tables', () => {
  it('facilities: proposed sites are left to their own table; shares as percentages; no capacity, no allocation', () => {
    const t = facilitiesTable([facility('S1'), facility('P1'), facility('S2', { capacity: 0, capacitySource: 'none' })], new Set(['P1']));
    expect(t.rows.map((r) => r.id)).toEqual(['S1', 'S2']);
    expect(t.rows[0].values).toMatchObject({ capacity: 900, utilisation: 100, catchmentUtilisation: 111.1, status: 'over' });
    expect(t.rows[1].values).toMatchObject({ capacity: null, allocated: null, utilisation: null, status: null, usersInCatchment: 1000 });
    expect(t.rows[0].place).toEqual({ lngLat: [113.6, 34.7] });
  });

  it('villages: each row framed by its polygon and outlined by it', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [[[113.6, 34.7], [113.62, 34.7], [113.62, 34.71], [113.6, 34.7]]] };
    const v = { id: 'v1', name: '陈寨', nameEn: 'Chenzhai', residents: 1000, migrants: 600, users: 66, unservedUsers: 20, coveragePct: 80, servedPct: 69.7 } as VillageEquity;
    const t = villagesTable([v], { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'v1', name: '陈寨', population: 1000, migrant_share: 0.6 } as never, geometry: polygon }] });
    expect(t.rows[0].values.name).toBe('陈寨 (Chenzhai)');
    expect(t.rows[0].place).toEqual({ bounds: [113.6, 34.7, 113.62, 34.71] });
    expect(t.rows[0].shape).toBe(polygon);
  });

  it("a layer's features: columns from their properties (numbers where every value is one), ids from `id` or the position", () => {
    const t = featuresTable([
      { type: 'Feature', properties: { id: 'c1', population: 10, note: 'x' }, geometry: { type: 'Point', coordinates: [1, 2] } },
      { type: 'Feature', properties: { population: '', note: 5, extra: { a: 1 } }, geometry: null },
    ]);
    expect(t.columns.map((c) => [c.key, c.kind])).toEqual([['id', 'text'], ['population', 'number'], ['note', 'text'], ['extra', 'text']]);
    expect(t.rows.map((r) => r.id)).toEqual(['c1', '2']);
    expect(t.rows[1].values.extra).toBe('{"a":1}');
    expect(t.rows[1].place).toBeNull();
    expect(placeOf({ type: 'LineString', coordinates: [[1, 1], [3, 2]] })).toEqual({ bounds: [1, 1, 3, 2] });
  });
});

describe('selectionOfPick', () => {
  it('names the row of what was clicked', () => {
    expect(selectionOfPick('utilisation', { id: 'S1' }, 'primary')).toEqual({ selection: { table: 'facilities', id: 'S1' } });
    expect(selectionOfPick('utilisation-b', { id: 'S1' }, 'primary')).toEqual({ selection: { table: 'facilities', id: 'S1' } });
    expect(selectionOfPick('facilities', { properties: { id: 'K1', type: 'kindergarten' } }, 'primary')).toEqual({ selection: { table: 'features', id: 'K1' }, layer: 'facilities' });
    expect(selectionOfPick('facilities', { properties: { id: 'S2', type: 'primary' } }, 'primary')).toEqual({ selection: { table: 'facilities', id: 'S2' } });
    expect(selectionOfPick('villages', { properties: { id: 'v3' } }, 'primary')).toEqual({ selection: { table: 'villages', id: 'v3' } });
    expect(selectionOfPick('proposals', { id: 'P2' }, 'primary')).toEqual({ selection: { table: 'proposals', id: 'P2' } });
    expect(selectionOfPick('shortfall', { id: 'c9' }, 'primary')).toEqual({ selection: { table: 'features', id: 'c9' }, layer: 'population' });
    expect(selectionOfPick('catchments', { id: 'S1' }, 'primary')).toBeNull();
    expect(selectionOfPick(undefined, null, 'primary')).toBeNull();
  });
});
