import { describe, expect, it } from 'vitest';
import { buildDemandCells, readPopulation, readUrbanVillages } from '../../../src/core/index.ts';
import { expectFixture, readInput } from '../expect-fixture.ts';

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;

describe('demand cells and urban-village tagging', () => {
  const population = readPopulation(readInput('demand', 'straddling-cells.geojson')).features;
  const { villages } = readUrbanVillages(readInput('demand', 'straddling-villages.geojson'));

  it('splits cells straddling a village boundary by area share (fixture)', () => {
    const cells = buildDemandCells(population, villages, { usersPer1000: 66, growthFactor: 1.1 });
    expectFixture(
      'demand',
      'straddling-cells',
      cells.map((c) => ({
        id: c.id,
        residents: r6(c.residents),
        users: r6(c.users),
        villageId: c.villageId,
        villageName: c.villageName,
        villageShare: r6(c.villageShare),
        villages: c.villages.map((v) => ({ village: villages[v.village].id, share: r6(v.share) })),
        migrants: r6(c.migrants),
      })),
    );
  });

  it('gets the shares a hand calculation gives', () => {
    const cells = buildDemandCells(population, villages, { usersPer1000: 66 });
    const byId = Object.fromEntries(cells.map((c) => [c.id, c]));
    expect(byId.inside.villageShare).toBeCloseTo(1, 9);
    expect(byId['half-edge'].villageShare).toBeCloseTo(0.5, 6);
    expect(byId['two-villages'].villages.map((v) => v.share)).toEqual([expect.closeTo(0.5, 6), expect.closeTo(0.5, 6)]);
    // Half of 2,000 residents at 50 % migrants plus half at 80 %.
    expect(byId['two-villages'].migrants).toBeCloseTo(1000 * 0.5 + 1000 * 0.8, 4);
    expect(byId.outside.villageId).toBeNull();
    expect(byId.outside.migrants).toBe(0);
    expect(byId['point-in-v2'].villageId).toBe('V2');
    expect(byId.corner.villageShare).toBeCloseTo(0.25, 3);
    expect(byId.inside.users).toBe(66);
  });

  it('warns about villages without a polygon or a usable migrant share', () => {
    const { villages: vs, warnings } = readUrbanVillages(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'p' }, geometry: { type: 'Point', coordinates: [0, 0] } },
          {
            type: 'Feature',
            properties: { id: 'm', name: '丙村', migrant_share: 1.7 },
            geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
          },
        ],
      },
      'v.geojson',
    );
    expect(vs.map((v) => [v.id, v.migrantShare, v.nameEn])).toEqual([['m', 0, '丙村']]);
    expect(warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual([
      'p: geometry Point is not a valid polygon; skipped',
      'm: migrant_share 1.7 is above 1; migrants counted as 0',
    ]);
  });
});
