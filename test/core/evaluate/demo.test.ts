import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/index.ts';
import { expectPlainAndFinite } from './plain-and-finite.ts';

const GEO = join(import.meta.dirname, '..', '..', '..', 'data', 'geo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(GEO, name), 'utf8'));

describe.runIf(existsSync(join(GEO, 'demo-population.geojson')))('evaluate on the demo district', () => {
  it('gives plausible primary-school numbers: villages worse off, some schools over capacity, no NaN', () => {
    const result = evaluate(
      { population: read('demo-population.geojson'), facilities: read('demo-facilities.geojson'), villages: read('demo-urban-villages.geojson') },
      { type: 'primary' },
    );
    const s = result.summary;
    expect(result.warnings).toEqual([]);
    expect(s.residents).toBeGreaterThan(500_000);
    expect(s.pupils).toBe(Math.round((s.residents * 66) / 1000));
    expect(s.facilities).toBeGreaterThan(10);
    expect(s.overCapacity).toBeGreaterThan(0);
    expect(s.overCapacity).toBeLessThan(s.facilities);
    expect(s.equity.villageCoveragePct!).toBeLessThan(s.equity.otherCoveragePct!);
    expect(s.equity.ratio!).toBeLessThan(1);
    expect(s.equity.worstVillages.length).toBe(5);
    expect(s.coveragePct!).toBeGreaterThan(20);
    expect(s.coveragePct!).toBeLessThan(100);
    expect(s.servedPupils).toBeLessThanOrEqual(s.seats);
    expect(s.servedPupils + s.unservedPupils).toBe(s.pupils);
    expect(s.schoolsNeeded).toBe(Math.ceil(s.seatsNeeded / 2000));
    expectPlainAndFinite(result);
  });
});
