import { describe, expect, it } from 'vitest';
import { cellBuffers, evaluate, packCells, packEvaluation, unpackCells, unpackEvaluation, type CellResult } from '../../../src/core/index.ts';
import { readInput } from '../expect-fixture.ts';

const cell = (over: Partial<CellResult>): CellResult => ({
  id: 'c',
  featureIndex: 0,
  lngLat: [113.65, 34.75],
  residents: 100,
  users: 6.6,
  served: 3.3,
  unserved: 3.3,
  covered: true,
  nearestFacilityId: 'A',
  nearestDistanceM: 120.5,
  servedById: 'A',
  access2sfca: 0.5,
  accessE2sfca: 0.25,
  villageId: 'V1',
  villageName: '陈寨',
  villageShare: 0.4,
  migrants: 24,
  ...over,
});

describe('packed cells', () => {
  it('unpack to exactly the cells packed, nulls and odd ids included', () => {
    const cells = [
      cell({}),
      cell({ id: 'no-facility', featureIndex: 7, covered: false, nearestFacilityId: null, nearestDistanceM: null, servedById: null, villageId: null, villageName: null, villageShare: 0, migrants: 0 }),
      cell({ id: '', featureIndex: 2, nearestFacilityId: 'B', servedById: 'A', villageId: 'V1', villageName: null }),
      cell({ id: 'x,y\n"z"', featureIndex: 3, nearestDistanceM: 0 }),
    ];
    expect(unpackCells(packCells(cells))).toEqual(cells);
    const withSeparator = [cell({ id: 'a\u0000b' }), cell({ id: 'c' })];
    expect(unpackCells(packCells(withSeparator))).toEqual(withSeparator);
    expect(unpackCells(packCells([]))).toEqual([]);
  });

  it('share id tables: each facility and village once', () => {
    const packed = packCells([cell({}), cell({ featureIndex: 1 }), cell({ featureIndex: 2, nearestFacilityId: 'B' })]);
    expect(packed.facilityIds).toEqual(['A', 'B']);
    expect(packed.villages).toEqual([{ id: 'V1', name: '陈寨' }]);
    expect(cellBuffers(packed)).toHaveLength(7);
  });

  it('carry a whole evaluation across and back unchanged', () => {
    const e = evaluate(
      {
        population: readInput('evaluate', 'worked-example-population.geojson'),
        facilities: readInput('evaluate', 'worked-example-facilities.geojson'),
        villages: readInput('evaluate', 'worked-example-villages.geojson'),
      },
      { type: 'primary' },
    );
    expect(unpackEvaluation(structuredClone(packEvaluation(e)))).toEqual(e);
  });
});
