import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellFeatures, facilityFeatures, summaryRecord } from '../../../src/core/export/index.ts';
import { applyMapping, evaluate, loadFile, type EvaluateOptions, type MappingOptions } from '../../../src/core/index.ts';
import { expectPlainAndFinite } from './plain-and-finite.ts';

/**
 * Facilities with and without capacities through mapping and evaluation, on hand-made files
 * (test/fixtures/io/mapping):
 * - population points P1 1,000 at (113.65, 34.75), P2 2,000 at (113.65, 34.752), P3 500 at
 *   (113.70, 34.75); at 100 pupils per 1,000: 100, 200 and 50 pupils, 350 in all;
 * - a school at P1's point reaches P1 (0 m) and P2 (≈ 222 m) within 500 m, not P3 (≈ 4.6 km), so
 *   coverage is 300 / 350 = 85.7 %; a school at (113.655, 34.755) reaches none of them (≥ 566 m).
 * The distances are checked below with the haversine formula, independently of the engine.
 */
const DIR = join(import.meta.dirname, '../../fixtures/io/mapping');
const OPTIONS: EvaluateOptions = { type: 'primary', overrides: { radiusM: 500, usersPer1000: 100 } };

const haversineM = ([lon1, lat1]: number[], [lon2, lat2]: number[]) => {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
};

async function layers(schools: string, mapping?: Parameters<typeof applyMapping>[2], options?: MappingOptions) {
  const popFile = await loadFile(readFileSync(join(DIR, 'population-points.geojson')), 'population-points.geojson');
  const population = applyMapping(popFile, 'population', { ...popFile.suggestedMapping, population: 'pop2016' }).collection;
  const facFile = await loadFile(readFileSync(join(DIR, schools)), schools);
  const facilities = applyMapping(facFile, 'facilities', mapping ?? facFile.suggestedMapping, options).collection;
  return { population, facilities };
}

describe('the fixture distances', () => {
  it('are on the side of 500 m the expectations assume', () => {
    const school = [113.65, 34.75];
    const far = [113.655, 34.755];
    expect(haversineM(school, [113.65, 34.752])).toBeLessThan(230);
    expect(haversineM(school, [113.7, 34.75])).toBeGreaterThan(4500);
    for (const p of [school, [113.65, 34.752], [113.7, 34.75]]) expect(haversineM(far, p)).toBeGreaterThan(560);
  });
});

describe('evaluate with mapped and missing capacities', () => {
  const level = { capacity: 'OTGC2016', type: 'Level', name: 'Name', id: 'SchoolID' };
  const levels = { Elementary: 'primary', High: 'junior' } as const;

  it('given capacities: the school with a null OTGC2016 is left out, nothing is assumed', async () => {
    const result = evaluate(await layers('schools-level.geojson', level, { typeValues: levels }), OPTIONS);
    expectPlainAndFinite(result);
    const s = result.summary;
    expect([s.residents, s.pupils, s.coveragePct, s.seats, s.servedPupils, s.unservedPupils, s.uncoveredPupils]).toEqual([3500, 350, 85.7, 400, 300, 50, 50]);
    expect([s.facilities, s.capacityKnown, s.assumedCapacities, s.capacitiesFromClasses]).toEqual([1, true, 0, 0]);
    expect(result.facilities.map((f) => [f.id, f.capacity, f.capacitySource, f.assumedCapacity])).toEqual([['A', 400, 'given', false]]);
  });

  it('assumed standard size: 1,980 seats (⌊2000 / 45⌋ × 45), flagged in the results, the summary and exports', async () => {
    const input = await layers('schools-level.geojson', level, { typeValues: levels, assumeCapacity: 'standard' });
    const result = evaluate(input, OPTIONS);
    expectPlainAndFinite(result);
    const s = result.summary;
    expect([s.facilities, s.seats, s.servedPupils, s.assumedCapacities, s.capacityKnown]).toEqual([2, 400 + 1980, 300, 1, true]);
    expect(result.facilities.map((f) => [f.id, f.capacity, f.capacitySource, f.assumedCapacity, f.allocated])).toEqual([
      ['A', 400, 'given', false, 300],
      ['C', 1980, 'standard', true, 0],
    ]);
    expect(facilityFeatures(result, input.facilities).map((f) => [f.properties.id, f.properties.capacity, f.properties.capacity_assumed])).toEqual([
      ['A', 400, false],
      ['C', 1980, true],
    ]);
    const record = summaryRecord(result, []);
    expect(record).toMatchObject({ assumedCapacities: 1, servedPupils: 300 });
    expect((record.facilityResults as { assumedCapacity: boolean }[]).map((f) => f.assumedCapacity)).toEqual([false, true]);
  });

  it('classes only: 3 classes × 45 = 135 seats; a school with neither is left out, or assumed on request', async () => {
    const result = evaluate(await layers('schools-classes.geojson'), OPTIONS);
    const s = result.summary;
    // P1's 100 pupils and 35 of P2's 200 get the 135 places; 165 in reach stay unserved, P3's 50 are out of reach.
    expect([s.seats, s.servedPupils, s.unservedInReachPupils, s.uncoveredPupils, s.capacitiesFromClasses, s.facilities]).toEqual([135, 135, 165, 50, 1, 1]);
    expect(result.facilities.map((f) => [f.id, f.capacity, f.capacitySource, f.assumedCapacity])).toEqual([['K1', 135, 'classes', false]]);
    expect(result.warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual(['K2: no capacity (seats or visits a day); skipped']);

    const assumed = evaluate(await layers('schools-classes.geojson', undefined, { assumeCapacity: 'standard' }), OPTIONS);
    expect(assumed.facilities.map((f) => [f.id, f.capacity, f.capacitySource])).toEqual([
      ['K1', 135, 'classes'],
      ['K2', 1980, 'standard'],
    ]);
    expect([assumed.summary.servedPupils, assumed.summary.assumedCapacities, assumed.summary.capacitiesFromClasses]).toEqual([135, 1, 1]);
    expect(assumed.warnings).toEqual([]);
  });

  it('no capacities at all: coverage still, allocation null in every output, never NaN', async () => {
    const input = await layers('schools-no-capacity.geojson');
    const result = evaluate(input, OPTIONS);
    expectPlainAndFinite(result);
    const s = result.summary;
    expect([s.residents, s.pupils, s.coveragePct, s.uncoveredPupils, s.facilities, s.capacityKnown]).toEqual([3500, 350, 85.7, 50, 2, false]);
    expect(result.warnings.map((w) => w.reason)).toEqual([
      'no facility of type primary has a capacity: coverage only; allocation (served, unserved, shortfall) needs capacities',
    ]);
    const record = summaryRecord(result, []);
    for (const key of ['seats', 'servedPupils', 'unservedPupils', 'unservedInReachPupils', 'servedPct', 'seatsNeeded', 'classesNeeded', 'schoolsNeeded', 'overCapacity']) {
      expect(record[key], key).toBeNull();
    }
    expect(record).toMatchObject({ coveragePct: 85.7, uncoveredPupils: 50, pupils: 350, capacityKnown: false });
    expect(record.equity).toMatchObject({ villageServedPct: null, otherServedPct: null, ratio: null, otherCoveragePct: 85.7 });
    expect((record.facilityResults as Record<string, unknown>[]).map((f) => [f.id, f.capacity, f.allocated, f.status, f.usersInCatchment])).toEqual([
      ['N1', null, null, null, 300],
      ['N2', null, null, null, 0],
    ]);
    expect(facilityFeatures(result, input.facilities).map((f) => [f.properties.capacity, f.properties.capacity_assumed, f.properties.utilisation])).toEqual([
      [null, false, null],
      [null, false, null],
    ]);
    expect(cellFeatures(result, input.population).map((f) => [f.properties.id, f.properties.covered, f.properties.served, f.properties.access_2sfca])).toEqual([
      ['P1', true, null, null],
      ['P2', true, null, null],
      ['P3', false, null, null],
    ]);
  });
});
