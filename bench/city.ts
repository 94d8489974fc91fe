/**
 * `npm run bench -- city`: siting at city scale on seeded, generated instances (bench/siting/
 * city-instance.ts): maximal covering 100,000 demand points × 5,000 candidates, p = 50, 500 m, and
 * p-median 20,000 × 2,000, p = 100, both in a planar metre frame with clustered demand.
 *
 * The heuristic is compared with reference figures kept in bench/city-optimum.json: the MCLP
 * optimum proven by HiGHS and the p-median best objective of a long run (several times the default
 * effort). `--exact` recomputes the MCLP optimum here (minutes), `--long` the long p-median run;
 * either prints the JSON to keep. In the same process, baselines: MCLP against greedy plus one
 * swap local search; p-median against the long run. Capacitated covering (cmclp, 2,000 seats a
 * site) runs on the MCLP instance too. p-median runs first so that its peak memory (maxRSS) is not
 * the MCLP's. `--seeds=1,2,3` runs the p-median once per seed (the RESULT line gives the first);
 * `--pmedian-only` stops after the p-median.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { solveCmclp, solveMclp, solvePMedian } from '../src/core/siting/index.ts';
import { maxCoverHeuristic } from '../src/core/siting/heuristics/max-cover.ts';
import { coverageLists } from '../src/core/siting/problem.ts';
import { reduceCover } from '../src/core/siting/models/cover-reduce.ts';
import { cityCoverageProblem, cityMedianProblem, cityPoints } from './siting/city-instance.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The instances; the fixture's figures hold for exactly these. */
export const CITY = {
  mclp: { seed: 2026, n: 100_000, m: 5_000, p: 50, radius: 500 },
  pmedian: { seed: 2027, n: 20_000, m: 2_000, p: 100 },
} as const;

interface Reference {
  mclp: { optimum: number; totalWeight: number; command: string };
  pmedian: { bestObjective: number; totalWeight: number; command: string };
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;
const mb = (): number => resourceUsage().maxRSS / 1024;

export async function cityBench(flags: string[]): Promise<void> {
  const ref = JSON.parse(readFileSync(join(here, 'city-optimum.json'), 'utf8')) as Reference;

  // p-median first: its peak memory is the process's peak so far.
  const pm = CITY.pmedian;
  const mb0 = mb();
  let t0 = performance.now();
  const medianPts = cityPoints(pm.seed, pm.n, pm.m);
  const median = cityMedianProblem(medianPts, pm.p);
  const buildS = seconds(t0);
  // `--seeds=1,2,3` runs the heuristic once per seed; the RESULT line keeps the first seed's figures.
  const seedFlag = flags.find((f) => f.startsWith('--seeds='));
  const seeds = seedFlag ? seedFlag.slice('--seeds='.length).split(',').map(Number) : [1];
  const runs: { seed: number; objective: number; s: number; mb: number }[] = [];
  for (const seed of seeds) {
    t0 = performance.now();
    const r = await solvePMedian(median, pm.p, { seed });
    runs.push({ seed, objective: r.objective, s: seconds(t0), mb: mb() });
  }
  const pmr = runs[0];
  const pmedianS = pmr.s;
  const pmedianMb = pmr.mb;
  const pmWeight = medianPts.weights.reduce((a, b) => a + b, 0);
  if (pmWeight !== ref.pmedian.totalWeight) throw new Error(`p-median instance changed (weight ${pmWeight}, fixture ${ref.pmedian.totalWeight}): rerun with --long`);
  let bestMedian = ref.pmedian.bestObjective;
  if (flags.includes('--long')) {
    t0 = performance.now();
    const long = await solvePMedian(median, pm.p, { seed: 1, iterations: 4000 });
    // The fixture stays unless this run beats it: a long run is a search, not a proof.
    const found = Math.min(long.objective, pmr.objective);
    console.log(
      `p-median long run (iterations 4000): ${long.objective} in ${seconds(t0).toFixed(1)} s; ` +
        (found < bestMedian ? `keep as pmedian.bestObjective: ${found}` : `the fixture's ${bestMedian} stays (best found here ${found})`),
    );
    bestMedian = Math.min(bestMedian, found);
  }
  console.log(`p-median ${pm.n} × ${pm.m}, p = ${pm.p}: lists built in ${buildS.toFixed(2)} s (peak ${mb0.toFixed(0)} MB before)`);
  for (const run of runs) {
    console.log(
      `  heuristic (seed ${run.seed}) ${run.objective.toFixed(1)} in ${run.s.toFixed(2)} s, peak ${run.mb.toFixed(0)} MB so far; long run ${bestMedian.toFixed(1)}: ratio ${(run.objective / bestMedian).toFixed(6)}`,
    );
  }
  if (flags.includes('--pmedian-only')) {
    console.log(`RESULT city_pmedian_s=${pmedianS.toFixed(2)} city_pmedian_mb=${pmedianMb.toFixed(0)} city_pmedian_ratio=${(pmr.objective / bestMedian).toFixed(6)}`);
    return;
  }

  const mc = CITY.mclp;
  t0 = performance.now();
  const pts = cityPoints(mc.seed, mc.n, mc.m);
  const problem = cityCoverageProblem(pts, mc.radius);
  const build = seconds(t0);
  const total = pts.weights.reduce((a, b) => a + b, 0);
  if (total !== ref.mclp.totalWeight) throw new Error(`MCLP instance changed (weight ${total}, fixture ${ref.mclp.totalWeight}): rerun with --exact`);
  t0 = performance.now();
  const r = await solveMclp(problem, mc.p, mc.radius, { seed: 1 });
  const mclpS = seconds(t0);
  // Baseline: greedy and one swap local search on the same reduced instance.
  t0 = performance.now();
  const cover = coverageLists(problem, mc.radius);
  const red = reduceCover(problem, cover, mc.p, { dominance: true });
  const base = maxCoverHeuristic(
    { cover: red.cover, weights: red.weights, nSites: red.nCandidates, swappable: new Uint8Array(red.nCandidates).fill(1), fixed: [], p: mc.p },
    { starts: 1, iterations: 0 },
  );
  const baseS = seconds(t0);
  let optimum = ref.mclp.optimum;
  if (flags.includes('--exact')) {
    t0 = performance.now();
    const ex = await solveMclp(problem, mc.p, mc.radius, { solver: 'exact', timeLimitS: 1800, exactMaxVariables: 1_000_000 });
    console.log(`MCLP exact: ${ex.objective} (${ex.status}, bound ${ex.bound}) in ${seconds(t0).toFixed(1)} s`);
    if (ex.status === 'optimal') optimum = ex.objective;
  }
  const pct = (100 * r.objective) / optimum;
  console.log(`MCLP ${mc.n} × ${mc.m}, p = ${mc.p}, ${mc.radius} m: built in ${build.toFixed(2)} s; reduced to ${red.weights.length} demand × ${red.nCandidates} candidates`);
  console.log(`  heuristic ${r.objective} in ${mclpS.toFixed(2)} s = ${pct.toFixed(3)} % of the optimum ${optimum}`);
  console.log(`  baseline greedy + swaps ${base.covered} in ${baseS.toFixed(2)} s: heuristic/baseline ${(r.objective / base.covered).toFixed(5)}`);

  t0 = performance.now();
  const cm = await solveCmclp(problem, mc.p, mc.radius, 2000, { seed: 1 });
  const cmclpS = seconds(t0);
  console.log(`  capacitated (2,000 seats a site): ${cm.objective} seated in ${cmclpS.toFixed(2)} s (uncapacitated optimum ${optimum} bounds it)`);
  console.log(`RESULT city_cmclp_s=${cmclpS.toFixed(2)}`);
  console.log(`RESULT city_mclp_pct_of_opt=${pct.toFixed(3)} city_mclp_s=${mclpS.toFixed(2)} city_pmedian_s=${pmedianS.toFixed(2)} city_pmedian_mb=${pmedianMb.toFixed(0)}`);
}
