import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/**
 * Field mapping on the command line: --field, --type-value, --mapping, --assume-capacity, on the
 * hand-made files of test/fixtures/io/mapping (see test/core/evaluate/capacities.test.ts for the
 * numbers: 3,500 residents, 350 pupils at 100 per 1,000, a school at P1 reaching 300 of them).
 */
const DIR = join(import.meta.dirname, '../fixtures/io/mapping');
const POP = join(DIR, 'population-points.geojson');
const LEVEL = join(DIR, 'schools-level.geojson');
const CLASSES = join(DIR, 'schools-classes.geojson');
const NO_CAP = join(DIR, 'schools-no-capacity.geojson');
const MAPPING = join(DIR, 'schools.mapping.json');
const tmp = mkdtempSync(join(tmpdir(), 'catchmap-mapping-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(argv);

const evaluate = (...more: string[]) =>
  run('evaluate', '--type', 'primary', '--population', POP, '--field', 'population=pop2016', '--radius', '500', '--per-1000', '100', ...more);
const levelFlags = ['--facilities', LEVEL, '--field', 'capacity=OTGC2016', '--field', 'type=Level', '--type-value', 'Elementary=primary', '--type-value', 'High=junior'];

describe('catchmap evaluate with field mapping', () => {
  it('maps the population and facility columns, and warns for the school without a capacity by name', async () => {
    const r = await evaluate(...levelFlags, '--field', 'facilities.name=Name', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${LEVEL}: Gamma (feature 3): no capacity (OTGC2016 is empty); skipped\n` +
        'note: 1 facility was skipped for a missing capacity; --assume-capacity standard keeps them at the standard size\n',
    );
    const json = JSON.parse(r.stdout);
    expect([json.residents, json.pupils, json.seats, json.servedPupils, json.facilities, json.assumedCapacities]).toEqual([3500, 350, 400, 300, 1, 0]);
    expect(json.facilityResults.map((f: { name: string }) => f.name)).toEqual(['Alpha']);
  });

  it('reads a mapping file; flags override its entries', async () => {
    const fromFile = JSON.parse((await evaluate('--facilities', LEVEL, '--mapping', MAPPING, '--json')).stdout);
    expect(fromFile.facilityResults.map((f: { id: string; capacity: number }) => [f.id, f.capacity])).toEqual([['A', 400]]);
    // High now means primary too: B (900 seats, ≈ 914 m from every cell) joins.
    const r = await evaluate('--facilities', LEVEL, '--mapping', MAPPING, '--type-value', 'High=primary', '--json');
    expect(JSON.parse(r.stdout).facilityResults.map((f: { id: string; capacity: number }) => [f.id, f.capacity])).toEqual([
      ['A', 400],
      ['B', 900],
    ]);
    // A flag can unmap a file's column: without capacities every school counts for coverage only.
    const none = JSON.parse((await evaluate('--facilities', LEVEL, '--mapping', MAPPING, '--field', 'capacity=', '--json')).stdout);
    expect([none.capacityKnown, none.facilities, none.servedPupils, none.coveragePct]).toEqual([false, 2, null, 85.7]);
  });

  it('--assume-capacity standard: the table says which capacities are assumed, and so do the exports', async () => {
    const out = join(tmp, 'facilities.csv');
    const r = await evaluate(...levelFlags, '--assume-capacity', 'standard', '--facilities-out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('capacity assumed for 1 of 2 facilities: the standard size, 1,980 (44 classes of 45)\n');
    expect(r.stdout).toMatch(/seats\s+2,380 at 2 facilities\n/);
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    const column = header.split(',').indexOf('capacity_assumed');
    expect(column).toBeGreaterThan(0);
    expect(rows.map((row) => row.split(',')[column])).toEqual(['false', 'true']);
  });

  it('classes × class size, said in the table', async () => {
    const r = await evaluate('--facilities', CLASSES);
    expect(r.stdout).toContain('capacity from classes × 45 for 1 of 1 facilities\n');
    expect(r.stdout).toMatch(/served pupils\s+135 \(38\.6 %\)\n/);
  });

  it('without capacities: coverage, and allocation said to need them (n/a in the table, null in JSON)', async () => {
    const table = await evaluate('--facilities', NO_CAP);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/covered \(within 500 m\)\s+85\.7 %\n/);
    expect(table.stdout).toMatch(/served pupils\s+n\/a\n/);
    expect(table.stdout).toMatch(/outside every catchment\s+50\n/);
    expect(table.stdout).toContain('allocation needs capacities: none of the 2 facilities has one');
    expect(table.stderr).toBe(`warning: ${NO_CAP}: type primary: no facility of type primary has a capacity: coverage only; allocation (served, unserved, shortfall) needs capacities\n`);
    const json = JSON.parse((await evaluate('--facilities', NO_CAP, '--json')).stdout);
    expect([json.coveragePct, json.servedPupils, json.unservedPupils, json.schoolsNeeded, json.uncoveredPupils]).toEqual([85.7, null, null, null, 50]);
  });

  it('refuses wrong mapping options with a usage error naming what is wrong', async () => {
    const cases: [string[], string][] = [
      [['--field', 'seats=OTGC2016'], "error: --field seats=OTGC2016: unknown key 'seats' (keys: population, capacity, classes, type, name, id, migrantShare, class, registered, migrants, zone, school)"],
      [['--field', 'OTGC2016'], "error: --field must be KEY=COLUMN (e.g. capacity=OTGC2016), got 'OTGC2016'"],
      [['--field', 'name=Name'], 'error: --field name=Name: say which layer name is for, e.g. --field facilities.name=Name'],
      [['--field', 'schools.name=Name'], "error: --field schools.name=Name: unknown layer 'schools' (layers: population, villages, facilities, candidates, exclusions, roads, boundary, zones, demand, existing)"],
      [['--field', 'capacity=OTGC2017'], `error: --field capacity=OTGC2017: ${LEVEL} has no column 'OTGC2017'; its columns are: SchoolID, Name, Level, OTGC2016`],
      [['--field', 'migrantShare=share'], 'error: --field migrantShare=share: is for the villages layer, but no --villages FILE is given'],
      [['--type-value', 'High=secondary'], "error: --type-value High=secondary: TYPE must be one of kindergarten, primary, junior, health_station, health_centre, got 'secondary'"],
      [['--type-value', 'High'], "error: --type-value must be VALUE=TYPE (e.g. Elementary=primary), got 'High'"],
      [['--assume-capacity', 'yes'], "error: --assume-capacity must be standard, got 'yes'"],
      [['--field', 'fixedType=primary'], 'error: --field fixedType=primary: one type for every facility is --type TYPE'],
    ];
    for (const [flags, message] of cases) {
      const r = await evaluate('--facilities', LEVEL, ...flags);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], flags.join(' ')).toBe(message);
      expect(r.stderr).toContain('Usage: catchmap evaluate');
    }
  });

  it('refuses a broken mapping file naming it', async () => {
    const bad = join(tmp, 'bad.mapping.json');
    writeFileSync(bad, JSON.stringify({ format: 'catchmap-mapping', version: 1, fields: { seats: 'x' } }));
    const r = await evaluate('--facilities', LEVEL, '--mapping', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${bad}: fields: unknown key "seats" (known: population, capacity, classes, type, fixedType, name, id, migrantShare, class, registered, migrants, zone, school)\n`);
  });
});

describe('catchmap load with field mapping', () => {
  it('maps, reports capacities and saves the mapping as a file that --mapping reads back', async () => {
    const saved = join(tmp, 'schools.mapping.json');
    const r = await run('load', LEVEL, ...levelFlags.slice(2), '--field', 'id=SchoolID', '--save-mapping', saved);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: ${LEVEL}: C: no capacity (OTGC2016 is empty); skipped\n`);
    expect(r.stdout).toContain('read 3, used 2, skipped 1\n');
    // Name is recognised by itself; the rest were chosen.
    expect(r.stdout).toContain('mapping: name ← Name, capacity ← OTGC2016, type ← Level, id ← SchoolID, type values: "Elementary" = primary, "High" = junior\n');
    expect(r.stdout).toContain('capacities: 2 of 2 given\n  1 skipped for a missing capacity (--assume-capacity standard keeps them)\n');
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual({
      format: 'catchmap-mapping',
      version: 1,
      role: 'facilities',
      fields: { name: 'Name', capacity: 'OTGC2016', type: 'Level', id: 'SchoolID' },
      typeValues: { Elementary: 'primary', High: 'junior' },
    });
    const again = JSON.parse((await run('load', LEVEL, '--mapping', saved, '--assume-capacity', 'standard', '--json')).stdout);
    expect(again).toMatchObject({
      role: 'facilities',
      mapping: { capacity: 'OTGC2016', type: 'Level', id: 'SchoolID' },
      typeValues: { Elementary: 'primary', High: 'junior' },
      assumeCapacity: 'standard',
      report: { read: 3, used: 3, skipped: 0 },
      capacities: { given: 2, fromClasses: 0, assumed: 1, none: 0, skipped: 0 },
    });
  });

  it('a mapping for another layer than the file is read as is a usage error', async () => {
    const r = await run('load', POP, '--role', 'population', '--mapping', MAPPING);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: ${MAPPING}: fields.capacity: is for the facilities layer, but ${POP} is read as population (--role facilities reads it as that)`);
  });

  it('refuses a file whose features are all unusable, listing the first reasons', async () => {
    const bad = join(DIR, 'population-all-bad.geojson');
    const r = await run('load', bad, '--role', 'population');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${bad}: no usable population features (all 7 skipped): c1: population is negative (-5); c2: population is not a number ("many"); ` +
        'c3: population is missing; c4: no geometry; c5: unsupported geometry LineString (expected Point, Polygon or MultiPolygon); and 2 more\n',
    );
  });
});

describe('catchmap solve with field mapping', () => {
  it('takes the demand weight and the candidate ids from chosen columns', async () => {
    // Site A covers P1 and P2 (3,000 residents) within 500 m; B and C cover nobody.
    const r = await run('solve', '--model', 'mclp', '--demand', POP, '--candidates', LEVEL, '--field', 'population=pop2016', '--field', 'candidates.id=SchoolID', '--p', '1', '--radius', '500', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'mclp', objective: 3000, selected: ['A'] });
    const wrong = await run('solve', '--model', 'mclp', '--demand', POP, '--candidates', LEVEL, '--field', 'villages.population=x', '--p', '1', '--radius', '500');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split('\n')[0]).toBe('error: --field villages.population=x: is for the villages layer, which this command does not read');
  });
});
