/**
 * `npm run bench -- whatif`: live what-if editing on the demo district, primary schools. One
 * proposed school is added, then dragged in small steps (≈ 30 m, as a pointer moves at street
 * zoom) along a path from the dense north through the urban villages of Songgang, Supo and Hantun.
 * Each step times `moveSite` + `summary()` (the engine's answer while dragging); the baseline is a
 * full `evaluate()` of the same inputs at every few steps' positions, timed in the same process. Flags:
 * --steps=N (default 200) --baseline-every=N (default 20).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createWhatIfSession, evaluate, withProposedSites, type EvaluateOptions, type LngLat } from '../src/core/index.ts';

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
  console.log(`RESULT whatif_median_ms=${median.toFixed(2)} whatif_p95_ms=${p95.toFixed(2)}`);
}
