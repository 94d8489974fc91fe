import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/**
 * Real data: Hamilton (Ontario) census areas and schools, read from ../shared/real (never copied
 * into this repository; skipped where that folder is absent). The expectations are computed here
 * from the files themselves, not by the engine: the population summed, the schools counted by
 * their Level and OTGC2016 (null for the 17 schools that did not exist in 2015-16).
 */
const HAMILTON = join(import.meta.dirname, '..', '..', '..', 'shared', 'real', 'hamilton_on_schools');
const POP = join(HAMILTON, 'hamilton_city_da_2016_population.geojson');
const SCHOOLS = join(HAMILTON, 'schools_2011_2016.geojson');
const present = existsSync(POP) && existsSync(SCHOOLS);
if (!present) console.log(`Hamilton real-data tests skipped: ${HAMILTON} is absent (the data are not in this repository)`);

type Feature = { properties: Record<string, unknown> };
const features = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] }).features;

const run = (...argv: string[]) => runCli(argv);

describe.skipIf(!present)('Hamilton, Ontario: real census areas and schools through the CLI', () => {
  const census = present ? features(POP) : [];
  const schools = present ? features(SCHOOLS) : [];
  const residents = census.reduce((sum, f) => sum + (f.properties.population as number), 0);
  const noCapacity = schools.map((f, i) => ({ name: f.properties.Name as string, i, level: f.properties.Level })).filter(({ i }) => schools[i].properties.OTGC2016 === null);
  const elementary = schools.filter((f) => f.properties.Level === 'Elementary' && f.properties.OTGC2016 !== null);
  const elementarySeats = elementary.reduce((sum, f) => sum + (f.properties.OTGC2016 as number), 0);
  // No id column: a skipped school is named by its Name and its place in the file.
  const skipWarnings = noCapacity.map(({ name, i }) => `${SCHOOLS}: ${name} (feature ${i + 1}): no capacity (OTGC2016 is empty); skipped`);
  const mapping = ['--field', 'capacity=OTGC2016', '--field', 'type=Level', '--type-value', 'Elementary=primary', '--type-value', 'High=junior'];

  it('the files hold what their README says: 882 areas, 536,917 residents, 177 schools, 17 without OTGC2016', () => {
    expect(census).toHaveLength(882);
    expect(residents).toBe(536_917);
    expect(schools).toHaveLength(177);
    expect(noCapacity).toHaveLength(17);
    // Elementary Public 88 + Catholic 49 with OTGC2016; Σ 40,249 + 18,039 (rounded in the README).
    expect(elementary).toHaveLength(137);
    expect(Math.round(elementarySeats)).toBe(40_249 + 18_039);
  });

  it('load: the census areas as population, every one used', async () => {
    const r = await run('load', POP, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ role: 'population', mapping: { population: 'population' }, report: { read: 882, used: 882, skipped: 0 }, warnings: [] });
  });

  it('load: the schools with their capacity and level mapped; one warning per school without a capacity', async () => {
    const r = await run('load', SCHOOLS, ...mapping, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      role: 'facilities',
      mapping: { capacity: 'OTGC2016', type: 'Level' },
      typeValues: { Elementary: 'primary', High: 'junior' },
      report: { read: 177, used: 177 - 17, skipped: 17 },
      capacities: { given: 177 - 17, fromClasses: 0, assumed: 0, none: 0, skipped: 17 },
    });
    expect(json.warnings).toEqual(skipWarnings);
  });

  it(
    'evaluate, as the issue runs it: residents 536,917, the elementary schools with a capacity, a warning per skipped school',
    async () => {
      const r = await run(
        'evaluate',
        '--type',
        'primary',
        '--population',
        POP,
        '--facilities',
        SCHOOLS,
        ...mapping,
        '--per-1000',
        '100',
        '--radius',
        '1600',
        '--json',
      );
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.residents).toBe(residents);
      // Σ population × 100 / 1,000, rounded once.
      expect(json.pupils).toBe(Math.round((residents * 100) / 1000));
      expect(json.facilities).toBe(elementary.length);
      expect(json.seats).toBe(Math.round(elementarySeats * 10) / 10);
      expect([json.capacityKnown, json.assumedCapacities, json.capacitiesFromClasses]).toEqual([true, 0, 0]);
      expect(json.coveragePct).toBeGreaterThan(0);
      expect(json.coveragePct).toBeLessThanOrEqual(100);
      expect(json.servedPupils).toBeLessThanOrEqual(Math.min(json.pupils, json.seats));
      expect(json.warnings).toEqual(skipWarnings);
      expect(r.stderr).toBe(
        skipWarnings.map((w) => `warning: ${w}\n`).join('') +
          'note: 17 facilities were skipped for a missing capacity; --assume-capacity standard keeps them at the standard size\n',
      );
    },
    300_000,
  );
});
