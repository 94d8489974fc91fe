import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const IN = join(ROOT, 'test', 'fixtures', 'core', 'evaluate', 'in');
const POP = join(IN, 'worked-example-population.geojson');
const FAC = join(IN, 'worked-example-facilities.geojson');
const VIL = join(IN, 'worked-example-villages.geojson');
const tmp = mkdtempSync(join(tmpdir(), 'catchmap-evaluate-'));

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const run = (...argv: string[]) => runCli(['evaluate', ...argv]);

const base = ['--population', POP, '--facilities', FAC, '--type', 'primary'];

describe('catchmap evaluate', () => {
  it('prints a readable table by default', async () => {
    const r = await run(...base, '--villages', VIL);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^primary: preset zhengzhou-2035, radius 500 m/);
    expect(r.stdout).toMatch(/pupils\s+297\n/);
    expect(r.stdout).toMatch(/covered \(within 500 m\)\s+66\.7 %/);
    expect(r.stdout).toMatch(/new facilities of 2,000\s+1\n/);
    expect(r.stdout).toMatch(/陈寨 \(Chenzhai\): served 20\.9 %/);
  });

  it('--json prints exactly one JSON object with the contract fields', async () => {
    const r = await run(...base, '--villages', VIL, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.stdout);
    for (const key of ['residents', 'pupils', 'seats', 'servedPupils', 'unservedPupils', 'coveragePct', 'schoolsNeeded', 'warnings']) {
      expect(json, key).toHaveProperty(key);
    }
    expect(json.equity).toMatchObject({ villageCoveragePct: 40, otherCoveragePct: 100 });
    expect(json.warnings).toEqual([]);
  });

  it('applies --radius, --per-1000 and --growth', async () => {
    const json = JSON.parse((await run(...base, '--json', '--radius', '3000', '--per-1000', '70', '--growth', '2')).stdout);
    expect(json.residents).toBe(9000);
    expect(json.pupils).toBe(630);
    expect(json.coveragePct).toBe(100);
    expect(json.standard.radiusM).toBe(3000);
  });

  it('reads standard values in decimal notation with spaces around, and --max-seats / --class-size as whole numbers', async () => {
    const json = JSON.parse((await run(...base, '--json', '--radius', ' 3000 ', '--class-size', '40', '--max-seats', '100')).stdout);
    expect(json.standard).toMatchObject({ radiusM: 3000, classSize: 40, maxSchoolSeats: 100 });
    // 297 pupils, all within 3 km of the 135 seats: 162 places short → ⌈162 / 40⌉ = 5 classes, ⌈162 / 100⌉ = 2 schools.
    expect([json.seatsNeeded, json.classesNeeded, json.schoolsNeeded]).toEqual([162, 5, 2]);
  });

  it('sends warnings naming file and feature to stderr, and lists them in --json', async () => {
    const pop = file(
      'bad-pop.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'ok', population: 1000 }, geometry: { type: 'Point', coordinates: [113.65, 34.75] } },
          { type: 'Feature', properties: { id: 'neg', population: -5 }, geometry: { type: 'Point', coordinates: [113.65, 34.75] } },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [113.65, 34.75] } },
        ],
      }),
    );
    const fac = file(
      'bad-fac.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'S1', type: 'primary', capacity: 90 }, geometry: { type: 'Point', coordinates: [113.65, 34.751] } },
          { type: 'Feature', properties: { id: 'S9', type: 'primary' }, geometry: { type: 'Point', coordinates: [113.65, 34.751] } },
          { type: 'Feature', properties: { id: 'X', type: 'mall', capacity: 3 }, geometry: { type: 'Point', coordinates: [113.65, 34.751] } },
        ],
      }),
    );
    const r = await run('--population', pop, '--facilities', fac, '--type', 'primary', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `warning: ${pop}: neg: population is negative (-5); skipped`,
      `warning: ${pop}: feature 3: population is missing; skipped`,
      `warning: ${fac}: S9: no capacity (capacity is empty); skipped`,
      `warning: ${fac}: X: unknown facility type "mall" (known: kindergarten, primary, junior, health_station, health_centre); skipped`,
      'note: 1 facility was skipped for a missing capacity; --assume-capacity standard keeps them at the standard size',
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.warnings).toHaveLength(4);
    expect(json.pupils).toBe(66);
  });

  it('reports invalid JSON with its position and exits 2', async () => {
    const cases: [string, RegExp][] = [
      ['{"type": "FeatureCollection",, }', /invalid JSON at position 29: .*\(line 1, column 30\)/],
      ['{\n  "type": tru\n}', /invalid JSON at position 15: Unexpected token '\\n' \(line 2, column 14\)/],
      ['{"type": "Feat', /invalid JSON at position 14: /],
      ['', /invalid JSON at position 0: the file is empty/],
    ];
    for (const [text, reason] of cases) {
      const bad = file('broken.geojson', text);
      const r = await run('--population', bad, '--facilities', FAC, '--type', 'primary');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(r.stderr).toMatch(reason);
    }
  });

  it('exits 2 on a missing file, non-GeoJSON and empty layers', async () => {
    const missing = join(tmp, 'nope.geojson');
    expect((await run('--population', missing, '--facilities', FAC, '--type', 'primary')).stderr).toBe(`error: ${missing}: file not found\n`);
    const arr = file('array.json', '[1,2]');
    const r1 = await run('--population', arr, '--facilities', FAC, '--type', 'primary');
    expect([r1.code, r1.stderr]).toEqual([2, `error: ${arr}: expected a GeoJSON FeatureCollection, got an array\n`]);
    const empty = file('empty.geojson', '{"type":"FeatureCollection","features":[]}');
    const r2 = await run('--population', POP, '--facilities', empty, '--type', 'primary');
    expect([r2.code, r2.stderr]).toEqual([2, `error: ${empty}: no features: the facility layer is empty\n`]);
  });

  it('exits 2 with usage on bad options', async () => {
    const cases: [string[], RegExp][] = [
      [['--population', POP, '--facilities', FAC], /--type is required/],
      [[...base.slice(0, 4), '--type', 'hospital'], /--type must be one of kindergarten, primary/],
      // Standard values and growth are read by the engine's rule (readNumber with its bounds).
      [[...base, '--radius', 'far'], /^error: --radius is not a number, got 'far'$/m],
      [[...base, '--radius', '50800'], /^error: --radius must be between 10 and 20,000, got '50800'$/m],
      [[...base, '--radius', '0x10'], /^error: --radius is not a number, got '0x10'$/m],
      [[...base, '--per-1000', '1e3'], /^error: --per-1000 is not a number, got '1e3'$/m],
      [[...base, '--class-size', '12.5'], /^error: --class-size must be a whole number, got '12.5'$/m],
      [[...base, '--max-seats', '0'], /^error: --max-seats must be between 1 and 20,000, got '0'$/m],
      [[...base, '--growth=-1'], /^error: --growth must be between 0.01 and 10, got '-1'$/m],
      [[...base, '--growth', '1e308'], /^error: --growth is not a number, got '1e308'$/m],
      [[...base, '--growth', ' '], /^error: --growth is empty, got ' '$/m],
      [[...base, '--preset', 'mars'], /--preset must be one of zhengzhou-2035, gb50180-2018/],
      [[...base, '--colour', 'red'], /Unknown option '--colour'/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Usage: catchmap evaluate/);
    }
  });

  it('--out writes per-cell GeoJSON keeping the input properties', async () => {
    const out = join(tmp, 'cells.geojson');
    const r = await run(...base, '--villages', VIL, '--out', out, '--json');
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f: { properties: Record<string, unknown> }) => f.properties)).toEqual([
      expect.objectContaining({ id: 'A', population: 1000, users: 66, served: 66, unserved: 0, covered: true, served_by: 'S1' }),
      expect.objectContaining({ id: 'B', population: 2000, served: 69, unserved: 63, village_id: 'V1', village_share: 0.5, migrants: 600 }),
      expect.objectContaining({ id: 'C', population: 1500, served: 0, unserved: 99, covered: false, nearest_facility_id: null }),
    ]);
    expect(fc.features[0].geometry.type).toBe('Polygon');
  });

  it('does not let __proto__ keys in a file pollute prototypes', async () => {
    const pop = file(
      'proto.geojson',
      '{"type":"FeatureCollection","__proto__":{"polluted":1},"features":[{"type":"Feature","properties":{"id":"A","population":1000,' +
        '"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}}},"geometry":{"type":"Point","coordinates":[113.65,34.75]}}]}',
    );
    const out = join(tmp, 'proto-out.geojson');
    const r = await run('--population', pop, '--facilities', FAC, '--type', 'primary', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/__proto__|constructor|polluted/);
    expect(JSON.parse(r.stdout).pupils).toBe(66);
  });

  it('runs as the real binary: node bin/catchmap.js evaluate … --json', () => {
    const stdout = execFileSync('node', [join(ROOT, 'bin', 'catchmap.js'), 'evaluate', ...base, '--villages', VIL, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ residents: 4500, pupils: 297, seats: 135, servedPupils: 135, unservedPupils: 162, coveragePct: 66.7, schoolsNeeded: 1 });
    const bad = spawnSync('node', [join(ROOT, 'bin', 'catchmap.js'), 'evaluate', '--population', file('x.json', '{'), '--facilities', FAC, '--type', 'primary'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/invalid JSON at position 1/);
  });
});
