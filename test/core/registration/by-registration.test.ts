import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate/evaluate.ts';
import { InputError } from '../../../src/core/errors.ts';

/**
 * Everything on the meridian 113.65° E: 0.001° of latitude = 6,371,008.8 m × 0.001 × π / 180 =
 * 111.2 m. Primary, zhengzhou-2035: 66 pupils per 1,000 residents, radius 500 m.
 */
const point = (id: string, lat: number, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties: { id, ...properties },
  geometry: { type: 'Point', coordinates: [113.65, lat] },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const square = (lat: number, half = 0.0004) => [
  [
    [113.65 - half, lat - half],
    [113.65 + half, lat - half],
    [113.65 + half, lat + half],
    [113.65 - half, lat + half],
    [113.65 - half, lat - half],
  ],
];

/**
 * Two cells, two schools of 44 seats.
 *   A (34.7500): 1,000 residents, 500 registered, 500 migrants → 66 pupils: 33 + 33
 *   B (34.7540): 1,000 residents, all registered → 66 pupils: 66 + 0
 *   S1 (34.7510): A–S1 0.001° = 111.2 m, B–S1 0.003° = 333.6 m
 *   S2 (34.7560): B–S2 0.002° = 222.4 m; A–S2 0.006° = 667.2 m, out of reach
 * Pairs nearest first: A–S1, B–S2, B–S1.
 */
const twoSchools = {
  population: collection(point('A', 34.75, { population: 1000, registered: 500, migrants: 500 }), point('B', 34.754, { population: 1000, registered: 1000, migrants: 0 })),
  facilities: collection(
    point('S1', 34.751, { name: 'S1', type: 'primary', capacity: 44 }),
    point('S2', 34.756, { name: 'S2', type: 'primary', capacity: 44 }),
  ),
};

describe('byRegistration: proportional against registered-first admission (two schools, by hand)', () => {
  it('proportional: the default allocation, each cell’s served pupils split by its groups', () => {
    // A–S1: min(66, 44) = 44 placed (A 22 left, S1 full); B–S2: 44 (B 22 left, S2 full); B–S1: S1 full.
    // A's 44 served split ½ / ½: 22 registered, 22 migrants; B's 44 all registered.
    // registered: 33 + 66 = 99 pupils, 22 + 44 = 66 served → 66.7 %; migrants: 33 pupils, 22 served → 66.7 %.
    const result = evaluate(twoSchools, { type: 'primary', registration: {} });
    const plain = evaluate(twoSchools, { type: 'primary' });
    expect(result.summary).toEqual(plain.summary);
    expect(result.summary.servedPupils).toBe(88);
    expect(plain.byRegistration).toBeUndefined();
    expect(result.byRegistration).toEqual({
      available: true,
      admission: 'proportional',
      registered: { residents: 1500, pupils: 99, coveredPupils: 99, servedPupils: 66, unservedPupils: 33, coveragePct: 100, servedPct: 66.7 },
      migrants: { residents: 500, pupils: 33, coveredPupils: 33, servedPupils: 22, unservedPupils: 11, coveragePct: 100, servedPct: 66.7 },
      servedRatio: 1,
      coverageRatio: 1,
      sources: { fromFeatures: 2000, fromVillages: 0, fromStatedShare: 0, statedMigrantShare: null },
    });
  });

  it('registered-first: registered pupils take the seats first, migrants the seats left', () => {
    // Pass 1, registered (A 33, B 66): A–S1 33 (S1 11 free); B–S2 44 (B 22 left, S2 full); B–S1 11 (B 11 left, S1 full).
    // Pass 2, migrants (A 33): no seat left anywhere → 0.
    // registered 33 + 55 = 88 of 99 served = 88.9 %; migrants 0 of 33 = 0 %; ratio 0 / 88.9 = 0.
    const result = evaluate(twoSchools, { type: 'primary', registration: { admission: 'registered-first' } });
    expect(result.byRegistration).toMatchObject({
      available: true,
      admission: 'registered-first',
      registered: { pupils: 99, servedPupils: 88, unservedPupils: 11, servedPct: 88.9 },
      migrants: { pupils: 33, servedPupils: 0, unservedPupils: 33, servedPct: 0 },
      servedRatio: 0,
    });
    // Both schools are still full: 88 seats taken either way, now A gets 33 and B 55.
    expect(result.summary.servedPupils).toBe(88);
    expect(result.facilities.map((f) => f.allocated)).toEqual([44, 44]);
    expect(result.cells.map((c) => c.served)).toEqual([33, 55]);
  });
});

describe('byRegistration: where the split comes from', () => {
  // Cell V wholly inside a village with migrant_share 0.6; cell O outside it; no group figures.
  // V: 1,000 residents → 600 migrants; O: 500 residents.
  const villageInput = {
    population: collection(
      { type: 'Feature', properties: { id: 'V', population: 1000 }, geometry: { type: 'Polygon', coordinates: square(34.75) } },
      { type: 'Feature', properties: { id: 'O', population: 500 }, geometry: { type: 'Polygon', coordinates: square(34.76) } },
    ),
    facilities: collection(point('S', 34.7505, { name: 'S', type: 'primary', capacity: 1000 })),
    villages: collection({ type: 'Feature', properties: { id: 'U', name: '陈寨', migrant_share: 0.6 }, geometry: { type: 'Polygon', coordinates: square(34.75, 0.001) } }),
  };

  it('without figures or a stated share, residents outside villages are not known: not available, with the reason', () => {
    const result = evaluate(villageInput, { type: 'primary', registration: {} });
    expect(result.byRegistration).toEqual({
      available: false,
      admission: 'proportional',
      reason:
        'the registration of 500 residents outside urban villages is not known: give the population registered / migrants figures (户籍人口, 流动人口), or state the migrants’ share outside villages',
      unknownResidents: 500,
      registered: null,
      migrants: null,
    });
    expect(() => evaluate(villageInput, { type: 'primary', registration: { admission: 'registered-first' } })).toThrow(InputError);
  });

  it('the village share inside, a stated 0.1 outside: migrants 600 + 50 = 650, registered 400 + 450 = 850', () => {
    // S (34.7505) is 55.6 m from V and 0.0095° = 1,056 m from O: V covered and served, O not.
    // Pupils: V 66 (migrants 39.6, registered 26.4), O 33 (migrants 3.3, registered 29.7).
    // migrants 39.6 + 3.3 = 42.9 → 43; registered 26.4 + 29.7 = 56.1 → 56 (total 99 − 43).
    // Served (proportional): V's 66 → migrants 39.6, registered 26.4; coverage migrants 39.6 / 42.9 = 92.3 %, registered 26.4 / 56.1 = 47.1 %.
    const result = evaluate(villageInput, { type: 'primary', registration: { migrantShareOutsideVillages: 0.1 } });
    expect(result.byRegistration).toEqual({
      available: true,
      admission: 'proportional',
      registered: { residents: 850, pupils: 56, coveredPupils: 26, servedPupils: 26, unservedPupils: 30, coveragePct: 47.1, servedPct: 47.1 },
      migrants: { residents: 650, pupils: 43, coveredPupils: 40, servedPupils: 40, unservedPupils: 3, coveragePct: 92.3, servedPct: 92.3 },
      servedRatio: 1.96,
      coverageRatio: 1.96,
      sources: { fromFeatures: 0, fromVillages: 1000, fromStatedShare: 500, statedMigrantShare: 0.1 },
    });
  });

  it('a feature’s own figures win over its village’s share', () => {
    // V gives 900 registered / 100 migrants although its village says 0.6; O gives 500 / 0.
    const own = {
      ...villageInput,
      population: collection(
        { type: 'Feature', properties: { id: 'V', population: 1000, registered: 900 }, geometry: { type: 'Polygon', coordinates: square(34.75) } },
        { type: 'Feature', properties: { id: 'O', population: 500, migrants: 0 }, geometry: { type: 'Polygon', coordinates: square(34.76) } },
      ),
    };
    const result = evaluate(own, { type: 'primary', registration: {} });
    expect(result.byRegistration).toMatchObject({ available: true, registered: { residents: 1400 }, migrants: { residents: 100 }, sources: { fromFeatures: 1500, fromVillages: 0 } });
  });

  it('a raster has no groups: split by the stated share alone', () => {
    // Two pixels of 0.001° with 1,000 and 3,000 residents; 0.25 migrants outside villages → 250 + 750 = 1,000 migrants.
    const grid = { kind: 'population-grid', west: 113.65, north: 34.76, stepLng: 0.001, stepLat: 0.001, width: 2, height: 1, row0: 0, col0: 0, residents: new Float32Array([1000, 3000]) };
    const result = evaluate({ population: grid, facilities: twoSchools.facilities }, { type: 'primary', registration: { migrantShareOutsideVillages: 0.25 } });
    expect(result.byRegistration).toMatchObject({ available: true, registered: { residents: 3000 }, migrants: { residents: 1000 }, sources: { fromFeatures: 0, fromStatedShare: 4000 } });
  });

  it('refuses a feature whose migrants exceed its residents, naming it', () => {
    const bad = { ...twoSchools, population: collection(point('A', 34.75, { population: 100, migrants: 150 })) };
    expect(() => evaluate(bad, { type: 'primary', registration: {} })).toThrow('population: A: migrants 150 are above the population 100 (registered would be -50)');
  });
});
