import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { hukouCounterfactual } from '../../../src/core/registration/hukou-counterfactual.ts';

/**
 * On the meridian 113.65° E (0.001° of latitude = 111.2 m); primary, zhengzhou-2035: 66 pupils per
 * 1,000 residents, radius 500 m, classes of 45, size cap 2,000 (1,980 seats in whole classes).
 *   R (34.75): 1,000 residents, all registered → 66 pupils
 *   M (34.80, 5.56 km north): 2,000 residents, all migrants → 132 pupils
 * Candidate sites stand on R and on M.
 */
const point = (id: string, lat: number, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties: { id, ...properties },
  geometry: { type: 'Point', coordinates: [113.65, lat] },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const population = collection(point('R', 34.75, { population: 1000, registered: 1000 }), point('M', 34.8, { population: 2000, migrants: 2000 }));
const candidates = [
  { id: 'cR', lngLat: [113.65, 34.75] as const },
  { id: 'cM', lngLat: [113.65, 34.8] as const },
];
const recommend = { model: 'cmclp' as const, candidateSpacingM: 250, candidates: candidates.map((c) => ({ id: c.id, lngLat: [c.lngLat[0], c.lngLat[1]] as [number, number] })) };

describe('hukouCounterfactual', () => {
  it('a Hukou plan that builds nothing where migrants live: R already has a school, so it builds nothing at all', async () => {
    // S at R, 90 seats: R's 66 pupils are served. Registered shortfall 0 → the Hukou plan builds no school.
    // Residents' shortfall: M's 132 pupils → ⌈132 / 2,000⌉ = 1 school, placed at cM (the only site over unserved pupils),
    // sized from the 132 it takes: ⌈132 / 45⌉ = 3 classes = 135 seats.
    const input = { population, facilities: collection(point('S', 34.75, { name: 'S', type: 'primary', capacity: 90 })) };
    const result = await hukouCounterfactual(input, { type: 'primary' }, recommend);
    expect(result.residential.proposals.map((p) => [p.id, p.seats, p.classes, p.pupilsServed])).toEqual([['cM', 135, 3, 132]]);
    expect(result.hukou.proposals).toEqual([]);
    // Against every resident: the residential plan leaves no one out; the Hukou plan leaves M's 132 pupils, all migrants' children.
    expect([result.residential.unservedPupils, result.residential.migrantUnservedPupils]).toEqual([0, 0]);
    expect([result.hukou.unservedPupils, result.hukou.registeredUnservedPupils, result.hukou.migrantUnservedPupils]).toEqual([132, 0, 132]);
    expect(result.hukou.leftOut).toEqual([{ id: 'M', featureIndex: 1, lngLat: [113.65, 34.8], unservedPupils: 132, migrantUnservedPupils: 132 }]);
    expect(result.hukou.byRegistration).toMatchObject({ available: true, migrants: { pupils: 132, servedPupils: 0, servedPct: 0 }, registered: { servedPct: 100 } });
    // Migrants' children served: 100 % under the residential plan, 0 % under the Hukou plan.
    expect(result.difference).toEqual({ newSchools: -1, unservedPupils: 132, registeredUnservedPupils: 0, migrantUnservedPupils: 132, migrantServedPctPoints: -100 });
  });

  it('with no school anywhere, one new school each: the residential plan puts it among the migrants, the Hukou plan among the registered', async () => {
    // A school 20 km away reaches no one. Residents: 66 + 132 = 198 unserved → 1 school; the capacitated model seats
    // the most pupils at cM (132 > 66). Registered: 66 unserved at R → 1 school at cR, sized ⌈66 / 45⌉ = 2 classes = 90 seats.
    const input = { population, facilities: collection(point('far', 34.93, { name: 'far', type: 'primary', capacity: 45 })) };
    const result = await hukouCounterfactual(input, { type: 'primary' }, recommend);
    expect(result.residential.proposals.map((p) => [p.id, p.seats])).toEqual([['cM', 135]]);
    expect(result.hukou.proposals.map((p) => [p.id, p.seats])).toEqual([['cR', 90]]);
    // Residential plan: R's 66 (registered) left out; Hukou plan: M's 132 (migrants) left out.
    expect([result.residential.unservedPupils, result.residential.registeredUnservedPupils, result.residential.migrantUnservedPupils]).toEqual([66, 66, 0]);
    expect([result.hukou.unservedPupils, result.hukou.registeredUnservedPupils, result.hukou.migrantUnservedPupils]).toEqual([132, 0, 132]);
    expect(result.difference).toMatchObject({ newSchools: 0, unservedPupils: 66, registeredUnservedPupils: -66, migrantUnservedPupils: 132 });
  });

  it('refuses when residents’ registration is not known', async () => {
    const unknown = { population: collection(point('R', 34.75, { population: 1000 })), facilities: collection(point('S', 34.75, { name: 'S', type: 'primary', capacity: 90 })) };
    await expect(hukouCounterfactual(unknown, { type: 'primary' }, recommend)).rejects.toThrow(InputError);
  });
});
