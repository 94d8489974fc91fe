import { describe, expect, it } from 'vitest';
import { buildDemandCells, type DemandCell } from '../../../src/core/demand/demand-cells.ts';
import { readPopulation, readPopulationFeatures } from '../../../src/core/demand/population.ts';
import type { PopulationTable } from '../../../src/core/demand/population-table.ts';
import { applyMapping, loadFile } from '../../../src/core/io/index.ts';

/** Every field a cell offers, read through its properties (a table's cells compute some when read). */
const fields = (c: DemandCell) => ({
  id: c.id,
  featureIndex: c.featureIndex,
  lngLat: [c.lngLat[0], c.lngLat[1]],
  residents: c.residents,
  users: c.users,
  villageId: c.villageId,
  villageName: c.villageName,
  villageShare: c.villageShare,
  villages: c.villages,
  migrants: c.migrants,
});

describe('demand cells of a population table', () => {
  it('read from the table’s columns, equal the cells of the same features as objects', async () => {
    const csv = ['id,lon,lat,population', 'a,113.650,34.750,100', ',113.652,34.751,250', 'c,113.7,34.7,0'].join('\n');
    const table = applyMapping(await loadFile(new TextEncoder().encode(csv), 'pop.csv', { role: 'population' }), 'population').table as PopulationTable;
    const options = { usersPer1000: 66, growthFactor: 1.5 };
    const fromTable = buildDemandCells(readPopulationFeatures(table).features, [], options).map(fields);
    const fromObjects = buildDemandCells(readPopulation(table).features, [], options).map(fields);
    expect(fromTable).toEqual(fromObjects);
    // By hand: 100 residents × 1.5 growth = 150; 150 × 66 / 1,000 = 9.9 pupils. The row without an id is named by its row number.
    expect(fromTable[0]).toEqual({ id: 'a', featureIndex: 0, lngLat: [113.65, 34.75], residents: 150, users: 9.9, villageId: null, villageName: null, villageShare: 0, villages: [], migrants: 0 });
    expect(fromTable.map((c) => c.id)).toEqual(['a', 'row 3', 'c']);
    expect(fromTable[1].residents).toBe(375);
  });
});
