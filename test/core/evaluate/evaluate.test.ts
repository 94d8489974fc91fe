import { describe, expect, it } from 'vitest';
import { evaluate, InputError } from '../../../src/core/index.ts';
import { readInput } from '../expect-fixture.ts';
import { expectPlainAndFinite } from './plain-and-finite.ts';

const input = {
  population: readInput('evaluate', 'worked-example-population.geojson'),
  facilities: readInput('evaluate', 'worked-example-facilities.geojson'),
  villages: readInput('evaluate', 'worked-example-villages.geojson'),
};

describe('evaluate', () => {
  it('returns plain, finite data and reports progress from 0 to 1 in order', () => {
    const seen: number[] = [];
    const result = evaluate(input, { type: 'primary' }, (f) => seen.push(f));
    expectPlainAndFinite(result);
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
  });

  it('applies the growth factor and edited standards', () => {
    const grown = evaluate(input, { type: 'primary', growthFactor: 1.5 });
    expect(grown.summary.residents).toBe(6750);
    expect(grown.summary.pupils).toBe(Math.round(297 * 1.5));
    const wide = evaluate(input, { type: 'primary', overrides: { radiusM: 3000, usersPer1000: 70, classSize: 40 } });
    expect(wide.summary.coveragePct).toBe(100);
    expect(wide.summary.pupils).toBe(315);
    expect(wide.summary.classesNeeded).toBe(Math.ceil((315 - 135) / 40));
    expect(wide.summary.standard.sources.radiusM).toMatch(/user value/);
    expect(() => evaluate(input, { type: 'primary', growthFactor: -1 })).toThrow(InputError);
    expect(() => evaluate(input, { type: 'primary', growthFactor: NaN })).toThrow('growthFactor: is not a number, got NaN');
    expect(() => evaluate(input, { type: 'primary', growthFactor: 11 })).toThrow('growthFactor: must be between 0.01 and 10, got 11');
  });

  it('evaluates clinics in visits a day, without classes', () => {
    const facilities = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'H', type: 'health_station', capacity: 20 }, geometry: { type: 'Point', coordinates: [113.65, 34.751] } }],
    };
    const result = evaluate({ ...input, facilities }, { type: 'health_station', overrides: { usersPer1000: 10 } });
    expect(result.summary.units.users).toBe('patient visits a day');
    expect(result.summary.pupils).toBe(45);
    expect(result.summary.servedPupils).toBe(20);
    expect(result.summary.classesNeeded).toBeNull();
    expectPlainAndFinite(result);
  });

  it('reports nulls, not NaN, when there is nothing to divide by', () => {
    const noVillages = evaluate({ population: input.population, facilities: input.facilities }, { type: 'primary' });
    expect(noVillages.summary.equity.villageCoveragePct).toBeNull();
    expect(noVillages.summary.equity.ratio).toBeNull();
    expect(noVillages.summary.equity.otherCoveragePct).toBe(66.7);
    const nobody = evaluate(input, { type: 'primary', overrides: { usersPer1000: 0 } });
    expect(nobody.summary.coveragePct).toBeNull();
    expect(nobody.summary.schoolsNeeded).toBe(0);
    expect(JSON.stringify(nobody)).not.toMatch(/NaN|Infinity/);
  });

  it('names the layer and feature in every warning, and keeps going', () => {
    const population = {
      type: 'FeatureCollection',
      features: [
        ...(input.population as { features: unknown[] }).features,
        { type: 'Feature', properties: { population: 'lots' }, geometry: { type: 'Point', coordinates: [113.65, 34.75] } },
      ],
    };
    const result = evaluate({ ...input, population, sources: { population: 'pop.geojson' } }, { type: 'primary' });
    expect(result.warnings).toEqual([{ source: 'pop.geojson', feature: 'feature 4', reason: 'population is not a number ("lots"); skipped' }]);
    expect(result.summary.pupils).toBe(297);
  });

  it('evaluates with no facility of the type: everyone unserved, with a warning', () => {
    const result = evaluate(input, { type: 'junior' });
    expect(result.summary.servedPupils).toBe(0);
    expect(result.summary.coveragePct).toBe(0);
    expect(result.summary.schoolsNeeded).toBe(1);
    expect(result.warnings.map((w) => w.reason)).toEqual(['no usable facilities of type junior: all demand is unserved']);
  });
});
