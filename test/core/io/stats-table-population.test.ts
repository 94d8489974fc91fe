import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { featuresOf } from '../../../src/core/input/features.ts';
import { joinStatsTable } from '../../../src/core/io/stats-table-join.ts';
import { shareOut, tablePopulation } from '../../../src/core/io/stats-table-population.ts';
import type { StatsTable } from '../../../src/core/io/stats-table.ts';

/** An axis-aligned rectangle [west, south, east, north] as a GeoJSON polygon. */
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const layer = (...features: { properties: Record<string, unknown>; geometry: unknown }[]) =>
  featuresOf({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }, 'layer');

// Communities A (113.60–113.61), B (113.61–113.62), C (113.62–113.63), all 34.70–34.71.
const communities = layer(
  { properties: { id: 'A', name: '甲社区' }, geometry: box(113.6, 34.7, 113.61, 34.71) },
  { properties: { id: 'B', name: '乙社区' }, geometry: box(113.61, 34.7, 113.62, 34.71) },
  { properties: { id: 'C', name: '丙社区' }, geometry: box(113.62, 34.7, 113.63, 34.71) },
);
const table: StatsTable = {
  file: 'pop.xlsx',
  format: 'xlsx',
  sheet: 'S',
  sheets: ['S'],
  columns: ['社区名称', '常住人口', '户籍人口', '流动人口'],
  rows: [
    ['甲', 1000, 700, 300],
    ['乙', 401, null, null],
    ['丙', null, 90, 10],
  ],
  rowNumbers: [2, 3, 4],
  warnings: [],
};
const columns = { population: '常住人口', registered: '户籍人口', migrants: '流动人口' };
const join = joinStatsTable(table, '社区名称', communities, 'communities.geojson');

describe('shareOut', () => {
  it('whole totals in whole persons by largest remainder; fractions exactly', () => {
    // 401 by 1 : 3 → 100.25, 300.75 → 100, 300 and the one left to the larger remainder (.75).
    expect(shareOut(401, [1, 3])).toEqual([100, 301]);
    expect(shareOut(10, [0, 0])).toEqual([5, 5]);
    expect(shareOut(2.5, [1, 4])).toEqual([0.5, 2]);
  });
});

describe('tablePopulation', () => {
  it('without cells: each matched community is one population feature with its completed figures', () => {
    const result = tablePopulation(table, join, communities, 'communities.geojson', columns);
    // 甲: as given; 乙: total only; 丙: total = 90 + 10 = 100.
    expect(result.collection.features.map((f) => [f.properties.id, f.properties.population, f.properties.registered, f.properties.migrants])).toEqual([
      ['甲社区', 1000, 700, 300],
      ['乙社区', 401, undefined, undefined],
      ['丙社区', 100, 90, 10],
    ]);
    // Totals: 1000 + 401 + 100 = 1501; registered 700 + 90 = 790, migrants 300 + 10 = 310 (乙 gives none: warned).
    expect(result.totals).toEqual({ population: 1501, registered: 790, migrants: 310 });
    expect(result.spread).toBe('boundaries');
    expect(result.warnings.map((w) => w.reason)).toEqual(['some matched rows give no registered / migrants figures: the group totals count only the rows that do']);
  });

  it('with cells: spread by residents, by area where the cells have none; cells outside left out; a community without cells stays whole', () => {
    const cells = layer(
      // In A: residents 100, 300, 0 → weights 1 : 3 : 0.
      { properties: { id: 'a1', population: 100 }, geometry: box(113.601, 34.701, 113.602, 34.702) },
      { properties: { id: 'a2', population: 300 }, geometry: box(113.603, 34.701, 113.604, 34.702) },
      { properties: { id: 'a3', population: 0 }, geometry: box(113.605, 34.701, 113.606, 34.702) },
      // In B: no residents; areas 1 : 3 (widths 0.001° and 0.003° over the same latitudes).
      { properties: { id: 'b1', population: 0 }, geometry: box(113.611, 34.701, 113.612, 34.702) },
      { properties: { id: 'b2', population: 0 }, geometry: box(113.613, 34.701, 113.616, 34.702) },
      // Outside every community.
      { properties: { id: 'x', population: 50 }, geometry: { type: 'Point', coordinates: [113.7, 34.705] } },
    );
    const result = tablePopulation(table, join, communities, 'communities.geojson', columns, cells);
    // A: registered 700 → 175, 525, 0; migrants 300 → 75, 225, 0; population their sum 250, 750, 0.
    // B: 401 by area 1 : 3 → 100, 301 (shareOut above). C: no cell → one feature of 100.
    expect(result.collection.features.map((f) => [f.properties.id, f.properties.population, f.properties.registered, f.properties.migrants, f.properties.community])).toEqual([
      ['a1', 250, 175, 75, '甲'],
      ['a2', 750, 525, 225, '甲'],
      ['a3', 0, 0, 0, '甲'],
      ['b1', 100, undefined, undefined, '乙'],
      ['b2', 301, undefined, undefined, '乙'],
      ['丙社区', 100, 90, 10, undefined],
    ]);
    expect(result.cellsOutside).toBe(1);
    expect(result.communitiesWithoutCells).toEqual(['丙']);
    const sum = result.collection.features.reduce((s, f) => s + (f.properties.population as number), 0);
    expect(sum).toBe(result.totals.population);
  });

  it('a table with a total only drops the cells’ own registered / migrants split, which the new total would contradict', () => {
    const cells = layer({ properties: { id: 'b1', population: 10, registered: 8, migrants: 2 }, geometry: box(113.611, 34.701, 113.612, 34.702) });
    const result = tablePopulation(table, join, communities, 'communities.geojson', columns, cells);
    // 乙 gives 401 and no groups: the cell holds 401 and no split (8 + 2 would not be 401).
    const b1 = result.collection.features.find((f) => f.properties.id === 'b1')!;
    expect([b1.properties.population, 'registered' in b1.properties, 'migrants' in b1.properties]).toEqual([401, false, false]);
  });

  it('refuses a matched row whose figures contradict each other, naming the row', () => {
    const bad: StatsTable = { ...table, rows: [['甲', 1000, 1200, null]] };
    expect(() => tablePopulation(bad, joinStatsTable(bad, '社区名称', communities, 'c.geojson'), communities, 'c.geojson', columns)).toThrow(
      new InputError('pop.xlsx', 'row 2 (甲): registered 1200 is above the population 1000 (migrants would be -200)'),
    );
  });
});
