/**
 * `npm run bench -- whatif`: live what-if editing, primary schools.
 *
 * The demo district: one proposed school is added, then dragged in small steps (≈ 30 m, as a
 * pointer moves at street zoom) along a path from the dense north through the urban villages of
 * Songgang, Supo and Hantun. Each step times `moveSite` + `summary()` (the engine's answer while
 * dragging); the baseline is a full `evaluate()` of the same inputs at every few steps' positions,
 * timed in the same process.
 *
 * The whole city of bench/city-data.ts (800,000 cells, 1,500 schools, 300 villages): five schools
 * added, one dragged ≈ 50 m a step through the city's densest cluster of schools (where the parts
 * of the cell–school graph an edit touches are largest), each resized, then removed; every edit
 * timed with `summary()`. The baseline is a full `evaluate()` of the same sites in the same
 * process, whose summary and facility rows must equal the session's, and at the end the session's
 * whole evaluation must equal a full one.
 *
 * Flags: --steps=N (default 200) --baseline-every=N (default 20) --city-steps=N (default 150)
 * --no-city (the demo only).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  applyMapping,
  createWhatIfSession,
  evaluate,
  loadFile,
  withProposedSites,
  type EvaluateInput,
  type EvaluateOptions,
  type LngLat,
  type ProposedSite,
  type WhatIfSession,
} from '../src/core/index.ts';
import { writeCityFiles } from './city-data.ts';

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** North of the district (dense), Songgang, Supo, Hantun (the largest urban village). */
const WAYPOINTS: LngLat[] = [
  [113.585, 34.8],
  [113.6124, 34.7922],
  [113.6183, 34.774],
  [113.6017, 34.7686],
];

/** `steps` points evenly spaced (in degrees) along the waypoints. */
function dragPath(steps: number): LngLat[] {
  const legs = WAYPOINTS.slice(1).map((to, k) => ({ from: WAYPOINTS[k], to, length: Math.hypot(to[0] - WAYPOINTS[k][0], to[1] - WAYPOINTS[k][1]) }));
  const total = legs.reduce((sum, leg) => sum + leg.length, 0);
  const path: LngLat[] = [];
  for (let i = 1; i <= steps; i++) {
    let along = (i / steps) * total;
    const leg = legs.find((l) => (along <= l.length ? true : ((along -= l.length), false))) ?? legs[legs.length - 1];
    const t = Math.min(1, along / leg.length);
    path.push([leg.from[0] + t * (leg.to[0] - leg.from[0]), leg.from[1] + t * (leg.to[1] - leg.from[1])]);
  }
  return path;
}

export async function whatifBench(flags: string[]): Promise<void> {
  const demo = demoBench(flags);
  const city = flags.includes('--no-city') ? '' : ` ${await cityBench(flags)}`;
  console.log(`RESULT ${demo}${city}`);
}

/** The demo district's drag; answers its part of the RESULT line. */
function demoBench(flags: string[]): string {
  const steps = flag(flags, 'steps', 200);
  const baselineEvery = flag(flags, 'baseline-every', 20);
  const geo = join(import.meta.dirname, '..', 'data', 'geo');
  const read = (name: string): unknown => JSON.parse(readFileSync(join(geo, name), 'utf8'));
  const input = { population: read('demo-population.geojson'), facilities: read('demo-facilities.geojson'), villages: read('demo-urban-villages.geojson') };
  const options: EvaluateOptions = { type: 'primary' };

  const t0 = performance.now();
  const session = createWhatIfSession(input, options);
  const setupMs = performance.now() - t0;
  const site = { id: 'proposed-1', lngLat: WAYPOINTS[0], seats: 1350, classes: 30 };
  const t1 = performance.now();
  session.addSite(site);
  const addMs = performance.now() - t1;
  console.log(`demo district, primary schools: ${session.summary().summary.facilities} facilities with the proposed one, ${session.evaluation().cells.length.toLocaleString('en-US')} cells`);
  console.log(`session setup ${setupMs.toFixed(0)} ms (once), add site ${addMs.toFixed(1)} ms`);

  const stepMs: number[] = [];
  const postMs: number[] = [];
  const checkpoints: LngLat[] = [];
  let changedCells = 0;
  let maxChanged = 0;
  dragPath(steps).forEach((lngLat, k) => {
    const start = performance.now();
    const update = session.moveSite(site.id, lngLat);
    session.summary();
    stepMs.push(performance.now() - start);
    // What posting the update to the app costs on top (structured clone, as postMessage does).
    const postStart = performance.now();
    structuredClone(update);
    postMs.push(performance.now() - postStart);
    changedCells += update.cells.length;
    maxChanged = Math.max(maxChanged, update.cells.length);
    if ((k + 1) % baselineEvery === 0 || k + 1 === steps) checkpoints.push(lngLat);
  });

  // The baseline runs after the drags, so its garbage does not land in their timings: at each
  // checkpoint, a full evaluate() of the same inputs, checked against the session put back there.
  const baselineMs: number[] = [];
  let identical = true;
  for (const lngLat of checkpoints) {
    session.setSites([{ ...site, lngLat }]);
    const b = performance.now();
    const full = evaluate(withProposedSites(input, options.type, session.sites()), options);
    baselineMs.push(performance.now() - b);
    identical &&= isDeepStrictEqual(full, session.evaluation());
  }

  const sorted = [...stepMs].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const p95 = quantile(sorted, 0.95);
  const post = [...postMs].sort((a, b) => a - b);
  const baseline = [...baselineMs].sort((a, b) => a - b);
  const baselineMedian = quantile(baseline, 0.5);
  console.log(
    `${steps} drags: moveSite + summary median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms; ` +
      `changed cells per drag ${(changedCells / steps).toFixed(0)} on average, ${maxChanged} at most; structured clone of the update median ${quantile(post, 0.5).toFixed(2)} ms`,
  );
  console.log(
    `baseline full evaluate() (${baseline.length} runs) median ${baselineMedian.toFixed(0)} ms: ` +
      `${(baselineMedian / median).toFixed(0)}× the median drag, ${(baselineMedian / p95).toFixed(0)}× its p95; results identical: ${identical ? 'yes' : 'NO'}`,
  );
  if (!identical) process.exitCode = 1;
  return `whatif_median_ms=${median.toFixed(2)} whatif_p95_ms=${p95.toFixed(2)}`;
}

/** One drag step in degrees: 0.0005° ≈ 55 m of latitude, 45 m of longitude here. */
const CITY_STEP_DEG = 0.0005;

/** The school with the most other schools within ~2 km: the centre of the densest cluster. */
function densestSchool(schools: readonly LngLat[]): LngLat {
  let best = schools[0];
  let most = -1;
  for (const a of schools) {
    let near = 0;
    for (const b of schools) if (Math.abs(a[0] - b[0]) < 0.022 && Math.abs(a[1] - b[1]) < 0.018) near++;
    if (near > most) [best, most] = [a, near];
  }
  return best;
}

/** The whole city's edits; answers its part of the RESULT line. */
async function cityBench(flags: string[]): Promise<string> {
  const dragSteps = flag(flags, 'city-steps', 150);
  const dir = mkdtempSync(join(tmpdir(), 'catchmap-whatif-city-'));
  const files = writeCityFiles(dir);
  const layer = async (file: string, role: 'population' | 'facilities' | 'villages') => {
    const mapped = applyMapping(await loadFile(new Uint8Array(readFileSync(file)), file, {}), role);
    return mapped.grid ?? mapped.collection;
  };
  const input: EvaluateInput = { population: await layer(files.population, 'population'), facilities: await layer(files.facilities, 'facilities'), villages: await layer(files.villages, 'villages') };
  rmSync(dir, { recursive: true });
  const options: EvaluateOptions = { type: 'primary' };

  const t0 = performance.now();
  const session = createWhatIfSession(input, options);
  const setupS = (performance.now() - t0) / 1000;
  const schools = session.summary().facilities.map((f) => f.lngLat);
  const centre = densestSchool(schools);
  console.log(`city: ${files.cells.toLocaleString('en-US')} cells, ${schools.length} schools; session setup ${setupS.toFixed(1)} s (once); drag through the cluster around [${centre.join(', ')}]`);

  const timings: Record<string, number[]> = {};
  const scopes: { cells: number; facilities: number; whole: boolean }[] = [];
  const timed = (kind: string, edit: (s: WhatIfSession) => unknown) => {
    const start = performance.now();
    edit(session);
    session.summary();
    (timings[kind] ??= []).push(performance.now() - start);
    scopes.push(session.lastScope());
  };
  const sites: ProposedSite[] = [-2, -1, 0, 1, 2].map((k) => ({ id: `P${k + 3}`, lngLat: [centre[0] + k * 0.004, centre[1] + (k % 2) * 0.003], seats: 1980, classes: 44 }));
  for (const site of sites) timed('add', (s) => s.addSite(site));
  const dragged = sites[2];
  for (let k = 1; k <= dragSteps; k++) {
    // Back and forth across the cluster, a little north each pass.
    const along = ((k % 100) - 50) * CITY_STEP_DEG;
    timed('drag', (s) => s.moveSite(dragged.id, [centre[0] + along, centre[1] + Math.floor(k / 100) * 0.002]));
  }
  for (const site of sites) timed('resize', (s) => s.resizeSite(site.id, 1350, 30));
  const planned = session.sites();

  // The baseline: a full evaluation of the same sites, timed after the edits (so its garbage
  // stays out of their timings), its summary and facility rows checked against the session's.
  const baselineMs: number[] = [];
  let identical = true;
  for (let run = 0; run < 3; run++) {
    const b = performance.now();
    const full = evaluate(withProposedSites(input, options.type, planned), options);
    baselineMs.push(performance.now() - b);
    const now = session.summary();
    identical &&= isDeepStrictEqual(full.summary, now.summary) && isDeepStrictEqual(full.facilities, now.facilities);
    if (run === 2) identical &&= isDeepStrictEqual(full.cells, session.evaluation().cells);
  }
  for (const site of sites) timed('remove', (s) => s.removeSite(site.id));

  const all = Object.values(timings).flat().sort((a, b) => a - b);
  const median = quantile(all, 0.5);
  const p95 = quantile(all, 0.95);
  const baseline = quantile([...baselineMs].sort((a, b) => a - b), 0.5);
  const whole = scopes.filter((s) => s.whole).length;
  const meanOf = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  for (const [kind, ms] of Object.entries(timings)) {
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`city ${kind} (${ms.length}): median ${quantile(sorted, 0.5).toFixed(2)} ms, p95 ${quantile(sorted, 0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`);
  }
  console.log(
    `city: ${all.length} edits, each with summary(): median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms; re-assessed per edit ${meanOf(scopes.map((s) => s.cells)).toFixed(0)} cells and ` +
      `${meanOf(scopes.map((s) => s.facilities)).toFixed(1)} schools on average, ${Math.max(...scopes.map((s) => s.cells))} cells at most; whole city re-assessed in ${whole} of ${scopes.length} edits`,
  );
  console.log(`city baseline full evaluate() (3 runs) median ${baseline.toFixed(0)} ms: ${(baseline / median).toFixed(0)}× the median edit, ${(baseline / p95).toFixed(0)}× its p95; results identical: ${identical ? 'yes' : 'NO'}`);
  if (!identical) process.exitCode = 1;
  return `city_whatif_median_ms=${median.toFixed(2)} city_whatif_p95_ms=${p95.toFixed(2)} city_evaluate_ms=${baseline.toFixed(0)} city_whole_edits=${whole}`;
}
