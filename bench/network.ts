/**
 * `npm run bench -- network`: the walking-network catchments of all 195 demo facilities at their
 * type's radius (kindergarten 300 m, primary 500 m, junior and health centre 1,000 m, health
 * station per preset) over the 6,507 demo population cells. The demo has 5,648 road segments, so
 * its roads are densified (every segment split into pieces of at most --piece-m, default 40 m:
 * the same geometry and the same answers, ≈ 25,000 edges) to measure a network of at least
 * 20,000 edges. Timed: snapping the cells and facilities plus every catchment (the graph is built
 * once, as the app's worker does), against the straight-line rule in the same process.
 * Flags: --piece-m=M --runs=N.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import {
  buildRoadGraph,
  DEFAULT_PRESET_ID,
  FACILITY_TYPES,
  geodesicIndexRule,
  getStandard,
  haversineM,
  networkRule,
  readFacilities,
  readPopulation,
  walkNetwork,
  type BatchDistanceRule,
  type LngLat,
  type SiteRef,
  type WalkNetwork,
} from '../src/core/index.ts';

const GEO = join(import.meta.dirname, '..', 'data', 'geo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(GEO, name), 'utf8'));

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}

/** Every segment split into equal pieces of at most `pieceM` (straight, so the geometry is unchanged). */
function densify(roads: FeatureCollection<LineString>, pieceM: number): FeatureCollection<LineString> {
  return {
    type: 'FeatureCollection',
    features: roads.features.map((f): Feature<LineString> => {
      const c = f.geometry.coordinates;
      const out: Position[] = [c[0]];
      for (let i = 1; i < c.length; i++) {
        const pieces = Math.max(1, Math.ceil(haversineM([c[i - 1][0], c[i - 1][1]], [c[i][0], c[i][1]]) / pieceM));
        for (let k = 1; k <= pieces; k++) {
          out.push(k === pieces ? c[i] : [c[i - 1][0] + ((c[i][0] - c[i - 1][0]) * k) / pieces, c[i - 1][1] + ((c[i][1] - c[i - 1][1]) * k) / pieces]);
        }
      }
      return { ...f, geometry: { type: 'LineString', coordinates: out } };
    }),
  };
}

interface Group {
  sites: SiteRef[];
  radiusM: number;
}

/** Seconds for every group's catchments with a freshly built rule, and the number of pairs found. */
function catchments(build: () => BatchDistanceRule, groups: Group[]): { seconds: number; pairs: number } {
  const t0 = performance.now();
  const rule = build();
  let pairs = 0;
  for (const g of groups) pairs += rule.reachAll(g.sites, g.radiusM).indices.length;
  return { seconds: (performance.now() - t0) / 1000, pairs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function networkBench(flags: string[]): Promise<void> {
  const pieceM = flag(flags, 'piece-m', 40);
  const runs = flag(flags, 'runs', 5);
  const roads = read('demo-roads.geojson') as FeatureCollection<LineString>;
  const cells = readPopulation(read('demo-population.geojson'), 'population').features.map((f) => f.lngLat);
  const facilities = read('demo-facilities.geojson');
  const groups: Group[] = FACILITY_TYPES.map((type) => ({
    sites: readFacilities(facilities, type, 'facilities').facilities.map((f) => ({ id: f.id, lngLat: f.lngLat })),
    radiusM: getStandard(DEFAULT_PRESET_ID, type).radiusM,
  }));
  const siteCount = groups.reduce((n, g) => n + g.sites.length, 0);

  const t0 = performance.now();
  const demo = buildRoadGraph(roads);
  const t1 = performance.now();
  const graph = buildRoadGraph(densify(roads, pieceM));
  const t2 = performance.now();
  const plain = walkNetwork(graph);
  const barrier = walkNetwork(graph, { barrier: { classes: ['arterial'] } });
  const demoNet = walkNetwork(demo);
  const t3 = performance.now();
  console.log(
    `demo roads: ${demo.edgeCount.toLocaleString('en-US')} edges (graph ${(t1 - t0).toFixed(0)} ms); densified to ≤ ${pieceM} m: ` +
      `${graph.edgeCount.toLocaleString('en-US')} edges, ${graph.nodeCount.toLocaleString('en-US')} nodes, ${graph.components.count} components ` +
      `(graph ${(t2 - t1).toFixed(0)} ms, walk networks ${(t3 - t2).toFixed(0)} ms)`,
  );
  if (graph.edgeCount < 20_000) console.log(`warning: only ${graph.edgeCount} edges; lower --piece-m`);
  console.log(`${cells.length.toLocaleString('en-US')} cells, ${siteCount} facilities at ${groups.map((g) => `${g.sites.length}×${g.radiusM} m`).join(', ')}`);

  const lngs = Float64Array.from(cells, (p) => p[0]);
  const lats = Float64Array.from(cells, (p) => p[1]);
  const rules: [string, () => BatchDistanceRule][] = [
    ['straight line', () => geodesicIndexRule(lngs, lats)],
    ['network', () => networkRule(plain, cells)],
    ['network, no arterial crossing', () => networkRule(barrier, cells)],
    ['network on the demo roads as they are', () => networkRule(demoNet, cells)],
  ];
  const results = new Map<string, { seconds: number; pairs: number }>();
  for (const [name, build] of rules) {
    const timings: number[] = [];
    let pairs = 0;
    for (let run = 0; run < runs; run++) {
      const r = catchments(build, groups);
      timings.push(r.seconds);
      pairs = r.pairs;
    }
    results.set(name, { seconds: median(timings), pairs });
  }
  const straight = results.get('straight line')!;
  for (const [name, r] of results) {
    console.log(
      `${name.padEnd(38)} ${(r.seconds * 1000).toFixed(1).padStart(7)} ms  ${r.pairs.toLocaleString('en-US').padStart(8)} cell–facility pairs` +
        (r === straight ? '' : `  × ${(r.seconds / straight.seconds).toFixed(1)} the straight-line time`),
    );
  }
  checkSameAnswers(plain, demoNet, cells, groups[1]);
  const network = results.get('network')!;
  console.log(`median of ${runs} runs (snapping ${cells.length} cells and ${siteCount} facilities included; target ≤ 1 s)`);
  console.log(`RESULT network_catchments_s=${network.seconds.toFixed(3)} edges=${graph.edgeCount}`);
}

/** Densifying must not change a distance: compare one type's catchments on both networks. */
function checkSameAnswers(dense: WalkNetwork, demo: WalkNetwork, cells: LngLat[], group: Group): void {
  const a = networkRule(dense, cells).reachAll(group.sites, group.radiusM);
  const b = networkRule(demo, cells).reachAll(group.sites, group.radiusM);
  let worst = 0;
  const dist = new Map<string, number>();
  for (let s = 0; s < group.sites.length; s++) for (let k = b.offsets[s]; k < b.offsets[s + 1]; k++) dist.set(`${s}:${b.indices[k]}`, b.distancesM[k]);
  for (let s = 0; s < group.sites.length; s++) {
    for (let k = a.offsets[s]; k < a.offsets[s + 1]; k++) worst = Math.max(worst, Math.abs(a.distancesM[k] - (dist.get(`${s}:${a.indices[k]}`) ?? Infinity)));
  }
  console.log(`densified vs demo roads (${group.radiusM} m): ${a.indices.length} / ${b.indices.length} pairs, largest distance difference ${worst.toFixed(3)} m`);
}
