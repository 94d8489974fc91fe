import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { distance } from '@turf/turf';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { ll } from '../core/network/fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const GEO = join(ROOT, 'data', 'geo');
const NET = join(ROOT, 'test', 'fixtures', 'network');
const demo = ['--population', join(GEO, 'demo-population.geojson'), '--facilities', join(GEO, 'demo-facilities.geojson'), '--type', 'primary', '--json'];
const roads = join(GEO, 'demo-roads.geojson');

/**
 * Nodes, edges and components of the demo roads, counted from the GeoJSON by brute force: equal
 * coordinates are one node; going through the vertices in order of first appearance, a vertex not
 * yet joined claims every other unjoined vertex less than 2 m from it (the builder's documented
 * join rule); each segment between two different nodes is an edge.
 */
function demoRoadCounts() {
  const fc = JSON.parse(readFileSync(roads, 'utf8')) as { features: { geometry: { coordinates: number[][] } }[] };
  const ids = new Map<string, number>();
  const points: number[][] = [];
  const vertex = (p: number[]) => {
    const key = `${p[0]},${p[1]}`;
    let v = ids.get(key);
    if (v === undefined) {
      v = points.length;
      ids.set(key, v);
      points.push(p);
    }
    return v;
  };
  const segments: [number, number][] = [];
  for (const f of fc.features) {
    const c = f.geometry.coordinates;
    for (let i = 0; i + 1 < c.length; i++) segments.push([vertex(c[i]), vertex(c[i + 1])]);
  }
  const owner = new Array<number>(points.length).fill(-1);
  for (let i = 0; i < points.length; i++) {
    if (owner[i] >= 0) continue;
    owner[i] = i;
    for (let j = i + 1; j < points.length; j++) {
      if (owner[j] >= 0 || Math.abs(points[i][0] - points[j][0]) > 1e-4 || Math.abs(points[i][1] - points[j][1]) > 1e-4) continue;
      if (distance(points[i], points[j], { units: 'meters' }) < 2) owner[j] = i;
    }
  }
  const parent = owner.map((o, v) => (o === v ? v : -1));
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  let edges = 0;
  for (const [a, b] of segments) {
    if (owner[a] === owner[b]) continue;
    edges++;
    parent[find(owner[a])] = find(owner[b]);
  }
  const sizes = new Map<number, number>();
  owner.forEach((o, v) => {
    if (o === v) sizes.set(find(v), (sizes.get(find(v)) ?? 0) + 1);
  });
  return { nodes: [...sizes.values()].reduce((a, b) => a + b, 0), edges, components: sizes.size, largest: Math.max(...sizes.values()) };
}

const run = (...argv: string[]) => runCli(argv);

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
    // The graph counted independently: 3,847 distinct vertices and 5,658 segments; 10 vertices
    // lie less than 2 m from a vertex that claims them (one claims two), which drops 10 nodes and
    // the 10 short segments between them.
    const g = demoRoadCounts();
    expect([g.edges, g.components, g.largest, g.nodes]).toEqual([5648, 3, 3832, 3837]);
    const n = (x: number) => x.toLocaleString('en');
    expect(r.stdout).toContain(`demo-roads.geojson (${n(g.edges)} edges, ${g.components} components, largest ${n(g.largest)} of ${n(g.nodes)} nodes), points up to 250 m off a road`);
    expect(r.stdout).toMatch(/distance: walking network over .*demo-roads\.geojson .*; arterial crossed only at \d+ crossings/);
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
