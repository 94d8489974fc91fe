import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M } from '../../src/core/index.ts';
import { runCli } from './run-cli.ts';

/*
 * One CSV holds both sides, as the Belo Horizonte grid does: origins A, B, C with 100, 200, 300
 * people; destinations X, Y with 60 and 30 seats. The matrix (minutes) lacks C → X:
 *         X    Y
 *   A    10   30
 *   B    20   10
 *   C    —    40
 * By hand (as in test/core/access/measures.test.ts): 2SFCA within 30 (inclusive) gives
 * R_X = 60 / (100 + 200) = 0.2, R_Y = 30 / 300 = 0.1, so A = B = 0.3 and C = 0. X and Y are no
 * origins in the matrix, so they get no value.
 */
const tmp = mkdtempSync(join(tmpdir(), 'catchmap-access-'));
const file = (name: string, text: string | Uint8Array) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const CELLS = file('cells.csv', 'id,population,seats\nA,100,0\nB,200,0\nC,300,0\nX,0,60\nY,0,30\n');
const MATRIX_TEXT = 'origin,destination,cost\nA,X,10\nA,Y,30\nB,X,20\nB,Y,10\nC,Y,40\n';
const MATRIX = file('m.csv', MATRIX_TEXT);
const both = ['--demand', CELLS, '--supply', CELLS, '--matrix', MATRIX, '--supply-field', 'seats'];
const run = (...argv: string[]) => runCli(['access', ...argv]);

function json(stdout: string): { method: string; values: Record<string, number | null>; seconds: number } {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as { method: string; values: Record<string, number | null>; seconds: number };
}

describe('catchmap access', () => {
  it('--json: {"method","values","seconds"}, values for the origins in the matrix', async () => {
    const r = await run('--method', '2sfca', ...both, '--cutoff', '30', '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(Object.keys(out)).toEqual(['method', 'values', 'seconds']);
    expect(out.method).toBe('2sfca');
    expect(Object.keys(out.values)).toEqual(['A', 'B', 'C']);
    expect(out.values.A).toBeCloseTo(0.3, 12);
    expect(out.values.B).toBeCloseTo(0.3, 12);
    expect(out.values.C).toBe(0);
    expect(out.seconds).toBeGreaterThan(0);
    expect(r.stderr).toBe(`warning: ${CELLS}: 2 of 5 rows are not origins in the matrix; they have no value\n`);
  });

  it('reads a .csv.gz matrix as it is', async () => {
    const gz = file('m.csv.gz', gzipSync(new TextEncoder().encode(MATRIX_TEXT)));
    const r = await run('--method', '2sfca', '--demand', CELLS, '--supply', CELLS, '--matrix', gz, '--supply-field', 'seats', '--cutoff', '30', '--json');
    expect(json(r.stdout).values.B).toBeCloseTo(0.3, 12);
  });

  it('--limit applies to the matrix too: a .csv.gz inflating past text-bytes is refused', async () => {
    const gz = file('m2.csv.gz', gzipSync(new TextEncoder().encode(MATRIX_TEXT)));
    const small = file('small.csv', 'id,seats\nA,0\nX,60\n');
    const r = await run('--method', 'cumulative', '--demand', small, '--supply', small, '--matrix', gz, '--supply-field', 'seats', '--cutoff', '30', '--limit', 'text-bytes=40');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${gz}: it inflates to more than 40 bytes of text (limit text-bytes = 40; raise it with --limit text-bytes=N)\n`);
  });

  it('every method from the command line, by hand', async () => {
    // E2SFCA, zones 10:1, 20:0.5, 30:0.25: R_X = 60/200 = 0.3, R_Y = 30/225; A = 1/3, B = 17/60.
    const e2 = json((await run('--method', 'e2sfca', ...both, '--steps', '10:1,20:0.5,30:0.25', '--json')).stdout).values;
    expect(e2.A).toBeCloseTo(1 / 3, 12);
    expect(e2.B).toBeCloseTo(17 / 60, 12);
    // BFCA within 30: every weight 1, each split in halves; P̂_X = P̂_Y = 150, L_X = 0.4, L_Y = 0.2;
    // A = B = 0.4 / 2 + 0.2 / 2 = 0.3.
    const bf = json((await run('--method', 'bfca', ...both, '--cutoff', '30', '--json')).stdout).values;
    expect(bf.A).toBeCloseTo(0.3, 12);
    // Gravity, power β = 1: A = 60/10 + 30/30 = 7, B = 60/20 + 30/10 = 6, C = 30/40 = 0.75.
    const gr = json((await run('--method', 'gravity', ...both, '--decay', 'power', '--beta', '1', '--json')).stdout).values;
    expect([gr.A, gr.B, gr.C].map((v) => +v!.toFixed(12))).toEqual([7, 6, 0.75]);
    // Cumulative within 20: A 60, B 90, C 0; passive: X reached by 300 people, Y by 200.
    expect(json((await run('--method', 'cumulative', ...both, '--cutoff', '20', '--json')).stdout).values).toEqual({ A: 60, B: 90, C: 0 });
    const passive = await run('--method', 'cumulative', '--passive', ...both, '--cutoff', '20', '--json');
    expect(json(passive.stdout).values).toEqual({ X: 300, Y: 200 });
    expect(passive.stderr).toContain('3 of 5 rows are not destinations in the matrix');
    // Nearest 50 seats: A at 10, B at 20 (30 at Y, then 60 at X), C never (null).
    expect(json((await run('--method', 'nearest', ...both, '--n', '50', '--json')).stdout).values).toEqual({ A: 10, B: 20, C: null });
  });

  it('prints a readable summary without --json', async () => {
    const r = await run('--method', '2sfca', ...both, '--cutoff', '30');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`2sfca, binary ≤ 30, on 5 pairs of ${MATRIX}`);
    expect(r.stdout).toContain(`3 origins of ${CELLS}`);
    expect(r.stdout).toContain('values: min 0, median 0.3, mean 0.2, max 0.3');
    // (100 · 0.3 + 200 · 0.3 + 300 · 0) / 600 = 0.15
    expect(r.stdout).toContain('demand-weighted mean: 0.15');
  });

  it('--out CSV: the rows with their own fields and the value, cells safe from formulas', async () => {
    const cells = file('risky.csv', 'id,population,seats,note\n=A1,100,0,@sum\nX,0,60,ok\n');
    const matrix = file('risky-m.csv', 'origin,destination,cost\n=A1,X,5\n');
    const out = join(tmp, 'out.csv');
    const r = await run('--method', 'cumulative', '--demand', cells, '--supply', cells, '--matrix', matrix, '--supply-field', 'seats', '--cutoff', '10', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe("\uFEFFid,population,seats,note,cumulative\r\n'=A1,100,0,'@sum,60\r\n");
  });

  it('--out GeoJSON needs geometry; without --matrix, straight-line metres within --cutoff', async () => {
    // Cells on the equator at 0°, 0.001°, 0.002° east (0, 111.2 and 222.4 m from a school at 0°,
    // R · Δλ), the school with 40 seats. Within 150 m: cells 0 and 1 share it, 40 / (10 + 30) = 1.
    const step = (EARTH_RADIUS_M * 0.001 * Math.PI) / 180;
    expect(step).toBeGreaterThan(111);
    const point = (id: string, lng: number, props: object) => ({ type: 'Feature', properties: { id, ...props }, geometry: { type: 'Point', coordinates: [lng, 0] } });
    const demand = file('d.geojson', JSON.stringify({ type: 'FeatureCollection', features: [point('c0', 0, { population: 10 }), point('c1', 0.001, { population: 30 }), point('c2', 0.002, { population: 50 })] }));
    const supply = file('s.geojson', JSON.stringify({ type: 'FeatureCollection', features: [point('s', 0, { capacity: 40 })] }));
    const out = join(tmp, 'out.geojson');
    const r = await run('--method', '2sfca', '--demand', demand, '--supply', supply, '--cutoff', '150', '--json', '--out', out);
    expect(r.code).toBe(0);
    expect(json(r.stdout).values).toEqual({ c0: 1, c1: 1, c2: 0 });
    const fc = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[] } }[] };
    expect(fc.features.map((f) => f.properties)).toEqual([
      { id: 'c0', population: 10, '2sfca': 1 },
      { id: 'c1', population: 30, '2sfca': 1 },
      { id: 'c2', population: 50, '2sfca': 0 },
    ]);
    expect(fc.features[1].geometry.coordinates).toEqual([0.001, 0]);
    const noGeometry = await run('--method', '2sfca', ...both, '--cutoff', '30', '--out', join(tmp, 'x.geojson'));
    expect(noGeometry.code).toBe(2);
    expect(noGeometry.stderr).toContain(`error: --out .geojson needs geometry: ${CELLS} line 2 has none; write .csv instead`);
  });

  it('without --matrix the search radius is the last zone; CSV points go through the loader', async () => {
    // The same cells as a CSV with lon/lat; zones ≤ 100 m weight 1, ≤ 150 m weight 0.5. Cell 0
    // (0 m) weighs 1, cell 1 (111.2 m) 0.5, cell 2 (222.4 m) is out: R = 40 / (10 + 30 · 0.5) = 1.6,
    // so A = 1.6, 0.8, 0.
    const demand = file('d.csv', 'id,lon,lat,population\nc0,0,0,10\nc1,0.001,0,30\nc2,0.002,0,50\n');
    const supply = file('s.csv', 'id,lon,lat,capacity\ns,0,0,40\n');
    const r = await run('--method', 'e2sfca', '--demand', demand, '--supply', supply, '--steps', '100:1,150:0.5', '--json');
    expect(r.code).toBe(0);
    const v = json(r.stdout).values;
    expect(v.c0).toBeCloseTo(1.6, 12);
    expect(v.c1).toBeCloseTo(0.8, 12);
    expect(v.c2).toBe(0);
    const noRadius = await run('--method', 'gravity', '--demand', demand, '--supply', supply, '--decay', 'exponential', '--beta', '0.01');
    expect(noRadius.code).toBe(2);
    expect(noRadius.stderr.split('\n')[0]).toBe('error: give --matrix FILE, or --cutoff M to measure straight-line metres within M');
  });

  it('--distance network: walking metres along --roads give the same sparse form', async () => {
    // One L-shaped road: east along the equator from 0° to 0.002° (222.4 m), then north to
    // 0.002° N. A school at 0°; cell e at the corner (222.4 m either way) and cell n at 0.001° N
    // past it: 248.6 m straight, 222.4 + 111.2 = 333.6 m walking. Within 300 m: straight, both
    // share the 40 seats (40 / (10 + 30) = 1 each); walking, e alone (40 / 10 = 4), n none.
    const pt = (id: string, lng: number, lat: number, props: object) => ({ type: 'Feature', properties: { id, ...props }, geometry: { type: 'Point', coordinates: [lng, lat] } });
    const demand = file('l-cells.geojson', JSON.stringify({ type: 'FeatureCollection', features: [pt('e', 0.002, 0, { population: 10 }), pt('n', 0.002, 0.001, { population: 30 })] }));
    const supply = file('l-school.geojson', JSON.stringify({ type: 'FeatureCollection', features: [pt('s', 0, 0, { capacity: 40 })] }));
    const road = { type: 'Feature', properties: { id: 'r1', class: 'local' }, geometry: { type: 'LineString', coordinates: [[0, 0], [0.002, 0], [0.002, 0.002]] } };
    const roads = file('l-roads.geojson', JSON.stringify({ type: 'FeatureCollection', features: [road] }));
    const common = ['--method', '2sfca', '--demand', demand, '--supply', supply, '--cutoff', '300', '--json'];
    expect(json((await run(...common)).stdout).values).toEqual({ e: 1, n: 1 });
    const walking = await run(...common, '--distance', 'network', '--roads', roads);
    expect(walking.code).toBe(0);
    expect(json(walking.stdout).values).toEqual({ e: 4, n: 0 });
    const both = await run(...common, '--matrix', MATRIX, '--distance', 'network', '--roads', roads);
    expect(both.stderr.split('\n')[0]).toBe('error: --matrix replaces --distance network');
  });

  it('bad input: one line naming the file and the row, exit 2', async () => {
    const cases: [string[], string][] = [
      [['--matrix', file('unknown.csv', 'origin,destination,cost\nA,X,1\nZ,X,2\n')], `error: ${join(tmp, 'unknown.csv')}: line 3: origin 'Z' is not an id in ${CELLS}\n`],
      [['--matrix', file('negative.csv', 'origin,destination,cost\nA,X,1\nB,X,-5\n')], `error: ${join(tmp, 'negative.csv')}: line 3: cost must not be negative, got -5\n`],
      [['--matrix', file('cols.csv', 'from,to,minutes\nA,X,1\n')], `error: ${join(tmp, 'cols.csv')}: missing column 'origin' (header: from, to, minutes)\n`],
    ];
    for (const [matrix, message] of cases) {
      const r = await run('--method', '2sfca', '--demand', CELLS, '--supply', CELLS, '--supply-field', 'seats', '--cutoff', '30', ...matrix);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    }
    const many = file('many.csv', 'id,population,seats\nA,100,0\nB,many,0\nX,0,60\n');
    const r1 = await run('--method', '2sfca', '--demand', many, '--supply', many, '--matrix', MATRIX, '--supply-field', 'seats', '--cutoff', '30');
    expect(r1.stderr).toBe(`error: ${many}: line 3 (B): population "many" is not a number\n`);
    const r2 = await run('--method', '2sfca', ...both, '--cutoff', '30', '--supply-field', 'jobs');
    expect(r2.stderr).toBe(`error: ${CELLS}: no column 'jobs' for --supply-field (columns: id, population, seats)\n`);
    const twice = file('twice.csv', 'id,population,seats\nA,1,0\nA,2,0\n');
    const r3 = await run('--method', 'cumulative', '--demand', twice, '--supply', twice, '--matrix', MATRIX, '--cutoff', '30');
    expect(r3.stderr).toBe(`error: ${twice}: line 3: id 'A' appears twice (first at line 2)\n`);
    const noId = await run('--method', 'cumulative', ...both, '--cutoff', '30', '--id-field', 'code');
    expect(noId.stderr).toBe(`error: ${CELLS}: no id column 'code' (columns: id, population, seats); name it with --id-field\n`);
    expect([r1.code, r2.code, r3.code, noId.code]).toEqual([2, 2, 2, 2]);
  });

  it('options a method needs, or does not use, are usage errors (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['--method', '2sfca'], 'error: --method 2sfca with the binary decay needs --cutoff C (pairs costing at most C count)'],
      [['--method', 'gravity', '--decay', 'exponential'], 'error: --method gravity with the exponential decay needs --beta B'],
      [['--method', 'gravity', '--decay', 'gaussian'], 'error: --method gravity with the gaussian decay needs --cutoff C > 0'],
      [['--method', 'cumulative'], 'error: --method cumulative needs --cutoff C'],
      [['--method', 'bfca', '--cutoff', '30', '--passive'], 'error: --passive is not used by --method bfca'],
      [['--method', '2sfca', '--cutoff', '30', '--n', '3'], 'error: --n is not used by --method 2sfca'],
      [['--method', 'nearest', '--decay', 'power'], 'error: --decay is not used by --method nearest'],
      [['--method', '2sfca', '--cutoff', '30', '--beta', '1'], 'error: --beta is for --decay exponential or power, not binary'],
      [['--method', 'e2sfca', '--steps', '20:1,10:0.5'], 'error: --steps must ascend, got 20 then 10'],
      [['--method', 'e2sfca', '--steps', '10'], "error: --steps must be UPTO:WEIGHT pairs such as 10:1,20:0.68,30:0.22, got '10'"],
      [['--method', 'sfca'], 'error: --method must be one of 2sfca, e2sfca, bfca, gravity, cumulative, nearest'],
      [['--method', '2sfca', '--cutoff=-1'], "error: --cutoff must be a non-negative number, got '-1'"],
      [['--method', '2sfca', '--cutoff', '30', '--out', 'x.txt'], "error: --out must end in .csv or .geojson, got 'x.txt'"],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv, ...both);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], argv.join(' ')).toContain(message);
    }
  });
});

const BH = join(import.meta.dirname, '..', '..', '..', 'shared', 'real', 'belo_horizonte_accessibility');
const bhPresent = existsSync(join(BH, 'travel_matrix.csv.gz'));
if (!bhPresent) console.log(`skipping the Belo Horizonte CLI test: ${BH} is absent`);

describe.skipIf(!bhPresent)('catchmap access on Belo Horizonte', () => {
  it('the issue command: 2SFCA of jobs per person within 50 min for all 898 cells', async () => {
    const land = join(BH, 'land_use.csv');
    const r = await run(
      '--method', '2sfca', '--demand', land, '--supply', land, '--matrix', join(BH, 'travel_matrix.csv.gz'),
      '--from', 'from_id', '--to', 'to_id', '--cost', 'travel_time', '--demand-field', 'population', '--supply-field', 'jobs', '--cutoff', '50', '--json',
    );
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(Object.keys(out.values)).toHaveLength(898);
    // R accessibility's README (ipeaGIT/accessibility at 24de567) prints 0.4278111 for this cell.
    expect(out.values['89a88cdb57bffff']).toBeCloseTo(0.4278111, 7);
    expect(r.stderr).toBe('');
  });
});
