import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { solveMclp } from '../../src/core/siting/index.ts';
import { problemFromMatrix } from '../../src/core/siting/problem.ts';

/** Planar instance: every node is a demand point and a candidate; Euclidean metres. */
export function euclideanProblem(xy: [number, number][], weights: number[], floor = false) {
  const n = xy.length;
  const cost = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
      cost[i * n + j] = floor ? Math.floor(d) : d;
    }
  }
  const ids = xy.map((_, i) => String(i + 1));
  return problemFromMatrix({ demandIds: ids, siteIds: ids, cost, weights: Float64Array.from(weights) });
}

/** Lorena & Pereira's SJC MCLP instances against the exact optima computed for this benchmark. */
export async function mclpSjcBench(dir: string): Promise<{ optimal: number; total: number; meanGapPct: number; maxSeconds: number } | undefined> {
  const optFile = join(dir, 'computed_optima_NOT_PUBLISHED.csv');
  if (!existsSync(optFile)) {
    console.log(`skip mclp: ${optFile} not found`);
    return undefined;
  }
  const rows = readFileSync(optFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const cache = new Map<string, ReturnType<typeof euclideanProblem>>();
  let optimal = 0;
  let total = 0;
  let gapSum = 0;
  let maxSeconds = 0;
  console.log('instance     S    p     covered     optimum    gap%  seconds');
  for (const [name, , , s, p, opt] of rows) {
    let problem = cache.get(name);
    if (!problem) {
      const lines = readFileSync(join(dir, `${name}.txt`), 'utf8').trim().split(/\r?\n/).slice(1);
      const parsed = lines.map((l) => l.trim().split(/\s+/).map(Number));
      problem = euclideanProblem(parsed.map((f) => [f[0], f[1]]), parsed.map((f) => f[2]));
      cache.set(name, problem);
    }
    const r = await solveMclp(problem, Number(p), Number(s), { seed: 1 });
    const o = Number(opt);
    const gap = ((o - r.objective) / o) * 100;
    total++;
    if (Math.abs(gap) < 1e-9) optimal++;
    gapSum += gap;
    maxSeconds = Math.max(maxSeconds, r.seconds);
    console.log(`${name.padEnd(8)} ${s.padStart(5)} ${p.padStart(4)} ${String(r.objective).padStart(11)} ${opt.padStart(11)} ${gap.toFixed(3).padStart(7)} ${r.seconds.toFixed(2).padStart(8)}`);
  }
  const meanGapPct = gapSum / total;
  console.log(`mclp summary: optimal ${optimal}/${total}, mean gap ${meanGapPct.toFixed(4)} %, max ${maxSeconds.toFixed(2)} s`);
  return { optimal, total, meanGapPct, maxSeconds };
}
