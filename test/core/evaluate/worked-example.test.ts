import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { evaluate } from '../../../src/core/index.ts';
import { main } from '../../../src/cli/cli.ts';
import { readInput } from '../expect-fixture.ts';

/** The numbers of the README (section "Worked example"), each derived there by hand. */
const SUMMARY = {
  residents: 4500,
  pupils: 297,
  seats: 135,
  servedPupils: 135,
  unservedPupils: 162,
  unservedInReachPupils: 63,
  uncoveredPupils: 99,
  coveragePct: 66.7,
  servedPct: 45.5,
  seatsNeeded: 162,
  classesNeeded: 4,
  schoolsNeeded: 1,
  facilities: 2,
  overCapacity: 2,
};
const EQUITY = {
  villageResidents: 2500,
  otherResidents: 2000,
  villageCoveragePct: 40,
  otherCoveragePct: 100,
  villageServedPct: 20.9,
  otherServedPct: 76.1,
  ratio: 0.27,
  coverageRatio: 0.4,
};

const input = {
  population: readInput('evaluate', 'worked-example-population.geojson'),
  facilities: readInput('evaluate', 'worked-example-facilities.geojson'),
  villages: readInput('evaluate', 'worked-example-villages.geojson'),
};

describe('worked example (the README (section "Worked example"))', () => {
  const result = evaluate(input, { type: 'primary', preset: 'zhengzhou-2035' });

  it('gives every summary number of the walk-through', () => {
    expect(result.summary).toMatchObject(SUMMARY);
    expect(result.summary.equity).toMatchObject(EQUITY);
    expect(result.summary.equity.worstVillages).toEqual([
      { id: 'V1', name: '陈寨', nameEn: 'Chenzhai', residents: 2500, migrants: 1500, users: 165, unservedUsers: 130.5, coveragePct: 40, servedPct: 20.9 },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('gives the per-cell and per-school numbers of the walk-through', () => {
    const cells = result.cells.map((c) => [c.id, c.users, c.served, c.unserved, c.covered, c.nearestFacilityId, c.nearestDistanceM]);
    expect(cells).toEqual([
      ['A', 66, 66, 0, true, 'S1', 111.2],
      ['B', 132, 69, 63, true, 'S2', 278],
      ['C', 99, 0, 99, false, null, null],
    ]);
    expect(result.cells[1].villageShare).toBeCloseTo(0.5, 9);
    expect(result.cells[2].villageShare).toBeCloseTo(1, 9);
    expect(result.cells.map((c) => Math.round(c.access2sfca * 1000) / 1000)).toEqual([0.455, 0.795, 0]);
    expect(result.cells.map((c) => Math.round(c.accessE2sfca * 1000) / 1000)).toEqual([0.947, 0.549, 0]);
    const schools = result.facilities.map((f) => [f.id, f.usersInCatchment, f.allocated, f.utilisation, Math.round(f.catchmentUtilisation * 100) / 100, f.status]);
    expect(schools).toEqual([
      ['S1', 198, 90, 1, 2.2, 'over'],
      ['S2', 132, 45, 1, 2.93, 'over'],
    ]);
  });

  it('prints the same numbers through the CLI --json', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'core', 'evaluate', 'in');
    let out = '';
    let err = '';
    const code = await main(
      [
        'evaluate',
        '--population', join(dir, 'worked-example-population.geojson'),
        '--facilities', join(dir, 'worked-example-facilities.geojson'),
        '--villages', join(dir, 'worked-example-villages.geojson'),
        '--type', 'primary',
        '--json',
      ],
      { stdout: (t) => (out += t), stderr: (t) => (err += t) },
    );
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out);
    expect(json).toMatchObject({ ...SUMMARY, equity: EQUITY, warnings: [] });
  });
});
