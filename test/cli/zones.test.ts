import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EVAL = join(ROOT, 'test', 'fixtures', 'zones', 'evaluate');
const at = (dir: string, name: string) => join(dir, `${name}.geojson`);

describe('catchmap evaluate --zones', () => {
  const base = ['evaluate', '--type', 'primary', '--population', at(EVAL, 'population'), '--facilities', at(EVAL, 'facilities'), '--villages', at(EVAL, 'villages'), '--zones', at(EVAL, 'zones')];

  it('adds the zones and their summary to --json (figures by hand in test/core/zones/evaluate-zones.test.ts)', async () => {
    const r = await runCli([...base, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.zones.map((z: { id: string }) => z.id)).toEqual(['A', 'B', 'C', 'D']);
    // A: ¼ of P1's 1,000 residents + P2's 500; 49.5 pupils for 45 seats; rounded as exports are (shares to 0.1 %).
    expect(json.zones[0]).toEqual({
      id: 'A', school: 'SA', residents: 750, pupils: 49.5, seats: 45, utilisation: 1.1, beyondRadiusPupils: 16.5, villageShare: 0, schoolStatus: 'given', neighbours: ['B', 'C'],
    });
    expect(json.zones[1]).toMatchObject({ id: 'B', residents: 2750, pupils: 181.5, utilisation: 0.908, villageShare: 0.727 });
    expect(json.zonesSummary).toMatchObject({ zones: 4, zonesWithoutSchool: 2, seats: 245 });
    expect(json.zonesSummary.overCapacityNextToRoom.map((c: { zone: string }) => c.zone)).toEqual(['A']);
    // Every residents figure of the evaluation is still there.
    expect(json.residents).toBe(3800);
    expect(json.warnings).toContain(`${at(EVAL, 'zones')}: D: school 'S9' is not among the facilities of the type; the zone has no seats`);
  });

  it('prints a table of zones, worst first, after the summary', async () => {
    const r = await runCli(base);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/zones: 4 \(2 without a school\), 3,500 residents, 231 pupils; outside every zone 300 residents, 20 pupils/);
    expect(r.stdout).toMatch(/zones over capacity next to room\s+1 \(A → B\)/);
    const table = r.stdout.slice(r.stdout.indexOf('zone  school'));
    // A (110 %) before B (90.8 %), then the zones without seats by id.
    expect(table.split('\n').slice(1, 5).map((l) => l.split(/\s+/)[0])).toEqual(['A', 'B', 'C', 'D']);
    // Pupils print as whole numbers (49.5 and 16.5, computed in floating point, may print either way).
    expect(table).toMatch(/A\s+SA\s+(?:49|50)\s+45\s+110\.0 %\s+(?:16|17)\s+0\.0 %/);
    expect(table).toMatch(/C\s+—\s+0\s+n\/a\s+n\/a\s+n\/a\s+n\/a/);
  });

  it('refuses a zone column the file lacks, and zone options without --zones', async () => {
    const r = await runCli([...base, '--zone-field', 'CID']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${at(EVAL, 'zones')}: no column 'CID' for the zone id; its columns are: zone, school\n`);
    const r2 = await runCli(['evaluate', '--type', 'primary', '--population', at(EVAL, 'population'), '--facilities', at(EVAL, 'facilities'), '--zone-where', 'Year=2016']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^error: --zone-field, --zone-school-field and --zone-where need --zones FILE\n/);
    const r3 = await runCli([...base, '--zone-where', 'Year']);
    expect(r3.stderr).toMatch(/^error: --zone-where must be FIELD=VALUE \(e\.g\. Year=2016\), got 'Year'\n/);
  });
});
