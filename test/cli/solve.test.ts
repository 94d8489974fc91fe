import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import { runCli } from './run-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'siting');
const DEMAND = join(FIX, 'demand.geojson');
const CANDS = join(FIX, 'candidates.geojson');
const EXISTING = join(FIX, 'existing.geojson');
const MATRIX = join(FIX, 'travel-minutes.csv');
const TINY = join(FIX, 'tiny-pmed.txt');
const tmp = mkdtempSync(join(tmpdir(), 'catchmap-solve-'));

const run = (...argv: string[]) => runCli(['solve', ...argv]);

function json(stdout: string): Record<string, unknown> {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const geo = ['--demand', DEMAND, '--candidates', CANDS];

/*
 * The expected values, by hand from the fixtures:
 * - tiny-pmed.txt: a path 1–2 (1), 2–3 (7: the later of two 2–3 lines wins), 3–4 (5), 4–5 (1).
 *   Sums of shortest distances from each node: 1: 0+1+8+13+14 = 36, 2: 33, 3: 8+7+0+5+6 = 26,
 *   4: 31, 5: 34, so p = 1 opens node 3 at 26; p = 2: {1, 4} and {2, 4} both give 1 + 5 + 1 = 7.
 * - demand.geojson: cluster A (a1 100, a2 50, a3 30 = 180 pupils) around 113.600 E, 34.750 N;
 *   cluster B (b1 80, b2 40 = 120) around 113.650 E; c1 (10) at 113.700 E, 34.800 N.
 *   candidates.geojson: c-A beside A (a3, the farthest, 163 m), c-B beside B, c-C beside c1,
 *   c-far halfway between A and B (about 2.3 km from each). existing.geojson: school-1 (60 seats)
 *   beside B.
 * - MCLP, 600 m, p = 1: c-A covers 180 (c-B 120); with school-1 covering B, p = 2 adds c-A and
 *   c-C: 180 + 120 + 10 = 310.
 * - LSCP, 600 m: every cluster needs its own site: 3; with school-1: c-A and c-C, 2.
 * - capacitated MCLP, 100 seats, with school-1: school-1 seats 60 of B; c-A seats 100 of A's 180
 *   (c-B would seat only B's other 60): 60 + 100 = 160.
 * - travel-minutes.csv within 10 minutes: A's blocks reach only c-A (2–3 min), B's only c-B, c1
 *   only c-C: 3 sites; within 16 minutes c-far (14–16 min) reaches A and B: 180 + 120 = 300.
 */

describe('catchmap solve', () => {
  it('p-median on an OR-Library file: the JSON contract, node numbers 1-based', async () => {
    const r = await run('--model', 'pmedian', '--orlib', TINY, '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(Object.keys(out)).toEqual(['model', 'objective', 'selected', 'seconds']);
    expect(out).toMatchObject({ model: 'pmedian', objective: 26, selected: [3] });
    expect(typeof out.seconds).toBe('number');
    const p2 = json((await run('--model', 'pmedian', '--orlib', TINY, '--p', '2', '--json')).stdout);
    expect(p2.objective).toBe(7);
    // {1, 4} and {2, 4} tie at 7.
    expect((p2.selected as number[]).includes(4)).toBe(true);
  });

  it('exact p-median agrees', async () => {
    const out = json((await run('--model', 'pmedian', '--orlib', TINY, '--exact', '--json')).stdout);
    expect(out).toMatchObject({ objective: 26, selected: [3] });
  });

  it('MCLP on GeoJSON: covered weight and candidate ids, existing facilities counting', async () => {
    const r = await run('--model', 'mclp', ...geo, '--p', '1', '--radius', '600', '--json');
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ model: 'mclp', objective: 180, selected: ['c-A'] });
    const withExisting = json((await run('--model', 'mclp', ...geo, '--existing', EXISTING, '--p', '2', '--radius', '600', '--json')).stdout);
    expect(withExisting).toMatchObject({ objective: 310, selected: ['c-A', 'c-C'] });
    const weighted = json((await run('--model', 'mclp', ...geo, '--p', '1', '--radius', '600', '--weight', 'population', '--exact', '--json')).stdout);
    expect(weighted).toMatchObject({ objective: 180, selected: ['c-A'] });
  });

  it('LSCP, p-center and capacitated MCLP', async () => {
    expect(json((await run('--model', 'lscp', ...geo, '--radius', '600', '--json')).stdout)).toMatchObject({ objective: 3 });
    expect(json((await run('--model', 'lscp', ...geo, '--existing', EXISTING, '--radius', '600', '--json')).stdout)).toMatchObject({
      objective: 2,
      selected: ['c-A', 'c-C'],
    });
    const pc = json((await run('--model', 'pcenter', ...geo, '--p', '3', '--json')).stdout);
    expect((pc.selected as string[]).slice().sort()).toEqual(['c-A', 'c-B', 'c-C']);
    // The farthest pupil from its nearest site is block a3 (a square centred on 113.599, 34.749)
    // from c-A (113.6003, 34.75): 0.0013° east and 0.001° north, about 162.7 m (turf's great circle).
    expect(pc.objective as number).toBeCloseTo(distance([113.599, 34.749], [113.6003, 34.75], { units: 'meters' }), 6);
    const cm = json((await run('--model', 'cmclp', ...geo, '--existing', EXISTING, '--p', '1', '--radius', '600', '--seats', '100', '--json')).stdout);
    expect(cm).toMatchObject({ model: 'cmclp', objective: 160, selected: ['c-A'] });
  });

  it('uses a cost matrix in place of great-circle distance', async () => {
    const r = await run('--model', 'lscp', ...geo, '--radius', '10', '--matrix', MATRIX, '--json');
    expect(json(r.stdout)).toMatchObject({ objective: 3, selected: ['c-A', 'c-B', 'c-C'] });
    // Within 16 minutes the middle site reaches both clusters.
    const m = json((await run('--model', 'mclp', ...geo, '--radius', '16', '--p', '1', '--matrix', MATRIX, '--json')).stdout);
    expect(m).toMatchObject({ objective: 300, selected: ['c-far'] });
  });

  it('prints a table and writes proposals GeoJSON', async () => {
    const out = join(tmp, 'proposals.geojson');
    const r = await run('--model', 'mclp', ...geo, '--p', '2', '--radius', '600', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^model mclp \(heuristic\), demand covered: 300/);
    expect(r.stdout).toMatch(/1\s+c-A\s+180/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0].properties).toMatchObject({ id: 'c-A', name: 'Site A', rank: 1, gain: 180, served: 180, model: 'mclp' });
    expect(fc.features[0].geometry.coordinates).toEqual([113.6003, 34.75]);
  });

  it('warns about demand no site can reach', async () => {
    const r = await run('--model', 'lscp', ...geo, '--radius', '20', '--json');
    expect(r.code).toBe(0);
    // Four points, and the polygon a3 (0.001° square: spread ≈ 41 m > 20 m / 4) split into parts
    // of at most 20 / 5 = 4 m a side (README, "How polygons become demand points").
    const mPerDeg = (6_371_008.8 * Math.PI) / 180;
    const parts = Math.ceil((0.001 * mPerDeg * Math.cos((34.749 * Math.PI) / 180)) / 4) * Math.ceil((0.001 * mPerDeg) / 4);
    expect(parts).toBe(23 * 28);
    expect(r.stderr).toMatch(new RegExp(`warning: no site can reach ${4 + parts} demand point\\(s\\): a1, a2, a3#1, a3#2, `));
  });

  it('bad files: InputError with the file named, exit 2', async () => {
    const bad = join(tmp, 'bad.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { id: 'x' } }] }));
    let r = await run('--model', 'mclp', '--demand', bad, '--candidates', CANDS, '--p', '1', '--radius', '100', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${bad}: x: needs a Point or Polygon geometry with lon/lat coordinates, got none\n`);
    r = await run('--model', 'pmedian', '--orlib', join(tmp, 'missing.txt'), '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.txt: file not found/);
    const badCsv = join(tmp, 'bad.csv');
    writeFileSync(badCsv, 'origin,destination,cost\na1,c-A,x\n');
    r = await run('--model', 'mclp', ...geo, '--p', '1', '--radius', '5', '--matrix', badCsv);
    expect(r.stderr).toBe(`error: ${badCsv}: line 2: cost 'x' is not a number\n`);
    r = await run('--model', 'mclp', ...geo, '--p', '9', '--radius', '600');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: p: asked for 9 new sites but there are only 4 candidate sites/);
    r = await run('--model', 'mclp', ...geo, '--p', '1', '--weight', 'households', '--radius', '600');
    expect(r.stderr).toMatch(/demand\.geojson: a1: households is missing/);
  });

  it('usage errors exit 2', async () => {
    expect((await run('--model', 'nope')).code).toBe(2);
    expect((await run('--model', 'mclp', ...geo, '--p', '1')).stderr).toMatch(/--radius is required for --model mclp/);
    expect((await run('--model', 'mclp', ...geo, '--p', 'two', '--radius', '5')).stderr).toMatch(/--p must be a whole number/);
    expect((await run('--model', 'cmclp', ...geo, '--p', '1', '--radius', '5')).stderr).toMatch(/--seats is required/);
  });

  it('runs as a real process: node bin/catchmap.js solve … --json', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'catchmap.js'), 'solve', '--model', 'pmedian', '--orlib', TINY, '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'pmedian', objective: 26, selected: [3] });
  });
});
