import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.ts';
import { ll } from '../core/network/fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const GEO = join(ROOT, 'data', 'geo');
const NET = join(ROOT, 'test', 'fixtures', 'network');
const demo = ['--population', join(GEO, 'demo-population.geojson'), '--facilities', join(GEO, 'demo-facilities.geojson'), '--type', 'primary', '--json'];
const roads = join(GEO, 'demo-roads.geojson');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('catchmap evaluate --distance network', () => {
  it('covers fewer pupils on the demo walking network than by straight line, fewer still without crossing arterials', async () => {
    const straight = await run('evaluate', ...demo);
    const network = await run('evaluate', ...demo, '--distance', 'network', '--roads', roads);
    const barrier = await run('evaluate', ...demo, '--distance', 'network', '--roads', roads, '--no-cross', 'arterial');
    for (const r of [straight, network, barrier]) expect(r.code).toBe(0);
    const [s, n, b] = [straight, network, barrier].map((r) => JSON.parse(r.stdout));
    // README: 59.1 % by straight line on the demo (reproduced by brute force in test/core/evaluate/demo.test.ts).
    expect(s.coveragePct).toBe(59.1);
    expect(n.coveragePct).toBeLessThan(s.coveragePct - 20);
    expect(b.coveragePct).toBeLessThan(n.coveragePct);
    // Cells far from every road are named on stderr and in --json.
    expect(network.stderr).toMatch(/^warning: .*demo-population\.geojson: c\d{6}: farther than 250 m from every road: unreachable on the walking network$/m);
    expect(n.warnings.length).toBeGreaterThan(0);
    expect(s.warnings).toEqual([]);
  });

  it('prints the network it used under the table', async () => {
    const r = await run('evaluate', ...demo.slice(0, -1), '--distance', 'network', '--roads', roads, '--no-cross', 'arterial', '--cross-every', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/distance: walking network over .*demo-roads\.geojson \(5,648 edges, 3 components, largest 3,832 of 3,837 nodes\), points up to 250 m off a road; arterial crossed only at \d+ crossings/);
  });

  it('refuses network options without --distance network, and unknown road classes', async () => {
    const noKind = await run('evaluate', ...demo, '--roads', roads);
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toMatch(/^error: --roads needs --distance network/);
    const noRoads = await run('evaluate', ...demo, '--distance', 'network');
    expect(noRoads.stderr).toMatch(/^error: --distance network needs --roads FILE/);
    const badClass = await run('evaluate', ...demo, '--distance', 'network', '--roads', roads, '--no-cross', 'motorway');
    expect(badClass.stderr).toMatch(/^error: --no-cross must name road classes of .* \(arterial, secondary, local\), got 'motorway'/);
    const badSnap = await run('evaluate', ...demo, '--distance', 'network', '--roads', roads, '--snap-m', 'near');
    expect(badSnap.stderr).toMatch(/^error: --snap-m must be a number ≥ 0, got 'near'/);
  });
});

describe('catchmap solve --distance network', () => {
  it('chooses the candidate the barrier rule leaves the pupils across the arterial to', async () => {
    const files = { roads: join(NET, 'barrier.geojson'), crossings: join(NET, 'barrier-crossings.geojson') };
    const point = (id: string, x: number, y: number, weight?: number) => ({
      type: 'Feature',
      properties: weight === undefined ? { id } : { id, weight },
      geometry: { type: 'Point', coordinates: ll(x, y) },
    });
    const dir = mkdtempSync(join(tmpdir(), 'catchmap-network-'));
    const demandFile = join(dir, 'demand.geojson');
    writeFileSync(demandFile, JSON.stringify({ type: 'FeatureCollection', features: [point('east', 100, 10, 10), point('west', -100, 10, 5)] }));
    // The only candidate is west of the arterial: 200 m straight and 220 m along the streets from `east`.
    const candidates = join(dir, 'candidates.geojson');
    writeFileSync(candidates, JSON.stringify({ type: 'FeatureCollection', features: [point('w-site', -100, 20)] }));
    const base = ['solve', '--model', 'mclp', '--p', '1', '--demand', demandFile, '--candidates', candidates, '--json', '--distance', 'network', '--roads', files.roads];
    const objective = async (...argv: string[]) => JSON.parse((await run(...base, ...argv)).stdout).objective;
    expect(await objective('--radius', '500')).toBe(15);
    expect(await objective('--radius', '500', '--no-cross', 'arterial')).toBe(5);
    expect(await objective('--radius', '500', '--no-cross', 'arterial', '--cross-every', '1')).toBe(15);
    // The marked crossing is at y = 200: 20 + 100 + 200 + 200 + 100 + 10 = 630 m to `east`.
    expect(await objective('--radius', '600', '--no-cross', 'arterial', '--crossings', files.crossings)).toBe(5);
    const crossing = JSON.parse((await run(...base, '--radius', '650', '--no-cross', 'arterial', '--crossings', files.crossings)).stdout);
    expect(crossing.objective).toBe(15);
    expect(crossing.warnings).toEqual([expect.stringMatching(/barrier-crossings\.geojson: crossing 2: no node of a road that cannot be crossed within 25 m: ignored/)]);
  });
});
