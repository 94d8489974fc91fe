import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'catchmap-registration-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/**
 * The two-school case of test/core/registration/by-registration.test.ts as files, the population
 * as a CSV with Chinese headers: A 1,000 residents (户籍 500, 流动 500), B 1,000 (户籍 1,000, 流动
 * empty → 0 by difference). Schools of 44 seats at 111.2 m from A and 222.4 m from B.
 */
const population = file('pop.csv', '编号,经度,纬度,常住人口,户籍人口,流动人口\nA,113.65,34.75,1000,500,500\nB,113.65,34.754,1000,1000,\n');
const facilities = file(
  'schools.geojson',
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'S1', name: 'S1', type: 'primary', capacity: 44 }, geometry: { type: 'Point', coordinates: [113.65, 34.751] } },
      { type: 'Feature', properties: { id: 'S2', name: 'S2', type: 'primary', capacity: 44 }, geometry: { type: 'Point', coordinates: [113.65, 34.756] } },
    ],
  }),
);
const base = ['evaluate', '--type', 'primary', '--population', population, '--facilities', facilities];

describe('catchmap evaluate: byRegistration and --admission', () => {
  it('proportional by default: registered 66 of 99 served, migrants 22 of 33 (hand-computed in the core test)', async () => {
    const r = await runCli([...base, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.byRegistration).toMatchObject({
      available: true,
      admission: 'proportional',
      registered: { residents: 1500, pupils: 99, servedPupils: 66, servedPct: 66.7 },
      migrants: { residents: 500, pupils: 33, servedPupils: 22, servedPct: 66.7 },
    });
  });

  it('registered-first: registered 88 of 99, migrants 0 of 33; the table shows both rows', async () => {
    const json = JSON.parse((await runCli([...base, '--admission', 'registered-first', '--json'])).stdout);
    expect(json.byRegistration).toMatchObject({ admission: 'registered-first', registered: { servedPupils: 88 }, migrants: { servedPupils: 0, servedPct: 0 } });
    const text = (await runCli([...base, '--admission', 'registered-first'])).stdout;
    expect(text).toContain('by registration (registered-first admission):');
    expect(text).toContain('  registered      1,500         99    100.0 %     88.9 %');
    expect(text).toContain('  migrants          500         33    100.0 %      0.0 %');
  });

  it('a population without groups: not available unless --migrant-share is stated', async () => {
    const totals = file('totals.csv', 'id,lng,lat,population\nA,113.65,34.75,1000\n');
    const args = ['evaluate', '--type', 'primary', '--population', totals, '--facilities', facilities, '--json'];
    expect(JSON.parse((await runCli(args)).stdout).byRegistration).toMatchObject({ available: false, unknownResidents: 1000 });
    // 1,000 × 0.2 = 200 migrants, 800 registered.
    expect(JSON.parse((await runCli([...args, '--migrant-share', '0.2'])).stdout).byRegistration).toMatchObject({
      available: true,
      registered: { residents: 800 },
      migrants: { residents: 200 },
      sources: { fromStatedShare: 1000, statedMigrantShare: 0.2 },
    });
    const refused = await runCli([...args, '--admission', 'registered-first']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `error: ${totals}: registered-first admission needs every resident's registration, but that of 1,000 residents outside urban villages is not known: give registered / migrants figures or the migrants' share outside villages\n`,
    );
  });

  it('refuses a bad --admission or --migrant-share', async () => {
    expect((await runCli([...base, '--admission', 'hukou'])).stderr).toMatch(/^error: --admission must be one of proportional, registered-first, got 'hukou'/);
    expect((await runCli([...base, '--migrant-share', '1.5'])).code).toBe(2);
  });

  it('refuses a row whose registered residents exceed its population, naming the file and row', async () => {
    const bad = file('bad.csv', 'id,lng,lat,常住人口,户籍人口\nA,113.65,34.75,1000,1200\n');
    const r = await runCli(['evaluate', '--type', 'primary', '--population', bad, '--facilities', facilities]);
    expect([r.code, r.stderr]).toEqual([2, `error: ${bad}: A: registered 1200 is above the population 1000 (migrants would be -200)\n`]);
  });
});

describe('catchmap recommend --plan-for', () => {
  // The first case of test/core/registration/hukou-counterfactual.test.ts: R (34.75) 1,000 registered residents with
  // a 90-seat school; M (34.80) 2,000 migrants, no school. Candidates from the grid over the unserved pupils.
  const people = file('people.csv', 'id,lng,lat,population,registered,migrants\nR,113.65,34.75,1000,1000,0\nM,113.65,34.8,2000,0,2000\n');
  const school = file(
    'school.geojson',
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'S', name: 'S', type: 'primary', capacity: 90 }, geometry: { type: 'Point', coordinates: [113.65, 34.75] } }] }),
  );
  const args = ['recommend', '--type', 'primary', '--population', people, '--facilities', school];

  it('registered: the Hukou plan builds nothing, leaving M’s 132 pupils, all migrants’ children; the residential plan builds one school by M', async () => {
    const r = await runCli([...args, '--plan-for', 'registered', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.planFor).toBe('registered');
    expect(json.hukou.proposals).toEqual([]);
    expect(json.hukou).toMatchObject({ unservedPupils: 132, migrantUnservedPupils: 132, leftOut: [{ id: 'M', unservedPupils: 132, migrantUnservedPupils: 132 }] });
    expect(json.residential.proposals).toHaveLength(1);
    // The grid candidate nearest M: within the 500 m radius of it, so all 132 pupils get a place (3 classes, 135 seats).
    expect(json.residential.proposals[0]).toMatchObject({ seats: 135, classes: 3, pupilsServed: 132 });
    expect(json.difference).toEqual({ newSchools: -1, unservedPupils: 132, registeredUnservedPupils: 0, migrantUnservedPupils: 132, migrantServedPctPoints: -100 });
    const text = (await runCli([...args, '--plan-for', 'registered'])).stdout;
    expect(text).toContain('plan for registered (Hukou) residents: 0 new schools');
    expect(text).toContain("the Hukou plan builds 0 schools, the residential plan 1; planning from Hukou leaves 132 more pupils without a place, 132 more of them migrants' children (migrants' children served: -100 percentage points)");
  });

  it('residents (the default) plans for everyone; a bad --plan-for is a usage error', async () => {
    const json = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(json.residential).toMatchObject({ planFor: 'residents', unservedPupils: 0 });
    expect((await runCli([...args, '--plan-for', 'hukou'])).stderr).toMatch(/^error: --plan-for must be one of residents, registered, got 'hukou'/);
  });
});
