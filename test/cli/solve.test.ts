import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
const PMED11 = join(ROOT, '..', 'shared', 'bench', 'pmed', 'pmed11.txt');
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
    expect(Object.keys(out)).toEqual(['model', 'objective', 'selected', 'seconds', 'solver', 'status', 'bound', 'gapPct']);
    expect(out).toMatchObject({ model: 'pmedian', objective: 26, selected: [3], solver: 'heuristic', status: 'heuristic', bound: null, gapPct: null });
    expect(typeof out.seconds).toBe('number');
    const p2 = json((await run('--model', 'pmedian', '--orlib', TINY, '--p', '2', '--json')).stdout);
    expect(p2.objective).toBe(7);
    // {1, 4} and {2, 4} tie at 7.
    expect((p2.selected as number[]).includes(4)).toBe(true);
  });

  it('exact p-median agrees, proven: status optimal, bound 26, gap 0', async () => {
    const out = json((await run('--model', 'pmedian', '--orlib', TINY, '--exact', '--json')).stdout);
    expect(out).toMatchObject({ objective: 26, selected: [3], solver: 'exact', status: 'optimal', bound: 26, gapPct: 0 });
    const text = (await run('--model', 'pmedian', '--orlib', TINY, '--exact')).stdout;
    expect(text).toMatch(/proven optimal \(bound 26\)/);
  });

  it.skipIf(!existsSync(PMED11))('a time-limited exact run says it is not proven optimal, never "Infinity %"', async () => {
    const r = await run('--model', 'pmedian', '--orlib', PMED11, '--exact', '--time-limit', '0.05');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not proven optimal/);
    expect(r.stdout).not.toMatch(/Infinity/);
    const out = json((await run('--model', 'pmedian', '--orlib', PMED11, '--exact', '--time-limit', '0.05', '--json')).stdout);
    expect(out.status).toBe('time_limit');
    expect((out.selected as number[]).length).toBe(5);
    // Published optimum of pmed11: 7696; the returned plan cannot beat it.
    expect(out.objective as number).toBeGreaterThanOrEqual(7696);
  });

  it('a disconnected OR-Library graph: the nodes no open site reaches are named and weighed, not dropped', async () => {
    const file = join(tmp, 'split.txt');
    // Two components, 1–2 and 3–4; p = 1 can open only one of them. By hand: open 1 (or 2): 1;
    // nodes 3 and 4 unserved (weight 1 each).
    writeFileSync(file, '4 2 1\n1 2 1\n3 4 1\n');
    const r = await run('--model', 'pmedian', '--orlib', file, '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({ objective: 1, unservedWeight: 2 });
    expect((out.unserved as string[]).slice().sort()).toEqual(['3', '4']);
    expect(r.stderr).toMatch(/warning: 2 demand point\(s\), weight 2, have no open site in reach and are not in the objective: 3, 4/);
  });

  it('p = 0 without existing facilities is refused; an absurd OR-Library header too', async () => {
    let r = await run('--model', 'pmedian', '--orlib', TINY, '--p', '0', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p = 0 opens no site and there are no existing facilities/);
    const big = join(tmp, 'big.txt');
    writeFileSync(big, '20000 1 5\n1 2 3\n');
    r = await run('--model', 'pmedian', '--orlib', big, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${big}: n = 20000 nodes is above the limit of 5000 (the n × n distance matrix would need 3200 MB)\n`);
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
