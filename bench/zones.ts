/**
 * `npm run bench -- zones`: attendance zones designed for the demo district's primary schools
 * (6,507 cells, 60 schools, 49,680 seats for 69,960 pupils), by straight line and walking without
 * crossing arterials: the exact design (HiGHS's transportation LP, rounded and repaired, plus the
 * LP lower bound at the placement reached) and the fast design (zones grown, the same repair),
 * each against the LP bound. The baseline, in the same process, is the Zhengzhou evaluation of the
 * same district (`evaluate`), which every design is a ratio of. Ends with
 * `RESULT zones_s=<exact, straight line: preparation + design> zones_gap_pct=<its gap to the LP bound>`.
 * Flags: --runs=N (default 3; the median is reported).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignmentLowerBound, designZones, evaluate, networkDistance, prepareZoneDesign, type ZoneDesign } from '../src/core/index.ts';

const GEO = join(import.meta.dirname, '..', 'data', 'geo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(GEO, name), 'utf8'));

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (t0: number) => (performance.now() - t0) / 1000;

function describe(d: ZoneDesign): string {
  const reasons = new Map<string, number>();
  for (const u of d.unassigned) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + u.pupils);
  const left = [...reasons].map(([r, p]) => `${r} ${Math.round(p).toLocaleString('en-US')}`).join(', ');
  return `placed ${Math.round(d.placedPupils).toLocaleString('en-US')} pupils (LP ${d.lpPlacedPupils === null ? 'n/a' : Math.round(d.lpPlacedPupils).toLocaleString('en-US')}), ${Math.round(d.objective / d.placedPupils)} m a pupil; left: ${left}`;
}

export async function zonesBench(flags: string[]): Promise<void> {
  const runs = Math.max(1, flag(flags, 'runs', 3));
  // Fresh layer objects for every timed step: the engine keeps a district's preparation for the objects it was given.
  const input = () => ({ population: read('demo-population.geojson'), facilities: read('demo-facilities.geojson'), villages: read('demo-urban-villages.geojson') });
  const roads = read('demo-roads.geojson');
  const modes = [
    { name: 'straight line', distance: undefined },
    { name: 'walking, no arterial crossing', distance: networkDistance(roads, { roadsSource: 'demo-roads', noCross: ['arterial'] }) },
  ];
  let result: { s: number; gap: number | null } | null = null;
  for (const mode of modes) {
    const evaluateS: number[] = [];
    const exactS: number[] = [];
    const fastS: number[] = [];
    let exact: ZoneDesign | null = null;
    let fast: ZoneDesign | null = null;
    let fastBound: number | null = null;
    for (let run = 0; run < runs; run++) {
      let layers = input();
      let t0 = performance.now();
      evaluate(layers, { type: 'primary', distanceRule: mode.distance?.rule });
      evaluateS.push(seconds(t0));
      layers = input();
      t0 = performance.now();
      exact = await designZones(prepareZoneDesign(layers, { type: 'primary', distanceRule: mode.distance?.rule }), { mode: 'exact' });
      exactS.push(seconds(t0));
      layers = input();
      t0 = performance.now();
      const problem = prepareZoneDesign(layers, { type: 'primary', distanceRule: mode.distance?.rule });
      fast = await designZones(problem, { mode: 'fast', lowerBound: false });
      fastS.push(seconds(t0));
      // The fast design's bound, outside its timing: what-if edits never wait for HiGHS.
      if (run === 0) fastBound = await assignmentLowerBound(problem, 1, fast.placedPupils, { deadline: performance.now() + 120_000 });
    }
    const base = median(evaluateS);
    const e = median(exactS);
    const f = median(fastS);
    const fastGap = fastBound === null || !fast ? null : (100 * (fast.objective - fastBound)) / fastBound;
    console.log(`${mode.name}:`);
    console.log(`  evaluate (baseline)   ${base.toFixed(3)} s`);
    console.log(`  exact design          ${e.toFixed(3)} s = ${(e / base).toFixed(1)} × evaluate, gap ${exact!.gapPct?.toFixed(2) ?? 'n/a'} % to the LP bound; ${describe(exact!)}`);
    console.log(`  fast design           ${f.toFixed(3)} s = ${(f / base).toFixed(1)} × evaluate, gap ${fastGap?.toFixed(2) ?? 'n/a'} % to the LP bound; ${describe(fast!)}`);
    result ??= { s: e, gap: exact!.gapPct };
  }
  console.log(`median of ${runs} runs`);
  console.log(`RESULT zones_s=${result!.s.toFixed(3)} zones_gap_pct=${result!.gap === null ? 'n/a' : result!.gap.toFixed(3)}`);
}
