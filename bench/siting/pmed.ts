import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOrlibPmed, shortestPathMatrix } from '../../src/core/io/orlib.ts';
import { problemFromMatrix } from '../../src/core/siting/problem.ts';
import { solvePMedian } from '../../src/core/siting/models/pmedian.ts';

export interface PmedSummary {
  optimal: number;
  total: number;
  meanGapPct: number;
  maxSeconds: number;
}

/** OR-Library pmed1…pmed40: shortest paths, heuristic p-median, gap to the published optimum. */
export async function pmedBench(dir: string, only?: Set<string>): Promise<PmedSummary | undefined> {
  const optimaFile = join(dir, 'optimal.csv');
  if (!existsSync(optimaFile)) {
    console.log(`skip pmed: ${optimaFile} not found`);
    return undefined;
  }
  const optima = new Map<string, number>();
  for (const line of readFileSync(optimaFile, 'utf8').trim().split('\n').slice(1)) {
    const f = line.split(',');
    optima.set(f[0], Number(f[3]));
  }
  console.log('instance     n    p   objective     optimum    gap%   paths_s  solve_s  total_s');
  let optimal = 0;
  let gapSum = 0;
  let maxSeconds = 0;
  let total = 0;
  for (let k = 1; k <= 40; k++) {
    const name = `pmed${k}`;
    if (only && !only.has(name)) continue;
    const file = join(dir, `${name}.txt`);
    if (!existsSync(file)) {
      console.log(`${name}: missing, skipped`);
      continue;
    }
    const t0 = performance.now();
    const inst = parseOrlibPmed(readFileSync(file, 'utf8'), file);
    const cost = shortestPathMatrix(inst);
    const t1 = performance.now();
    const ids = Array.from({ length: inst.n }, (_, i) => String(i + 1));
    const result = await solvePMedian(problemFromMatrix({ demandIds: ids, siteIds: ids, cost }), inst.p, { seed: 1, timeLimitS: 1.5 });
    const t2 = performance.now();
    const opt = optima.get(name) ?? NaN;
    const gap = ((result.objective - opt) / opt) * 100;
    const seconds = (t2 - t0) / 1000;
    total++;
    if (Math.abs(result.objective - opt) < 1e-6) optimal++;
    gapSum += gap;
    maxSeconds = Math.max(maxSeconds, seconds);
    console.log(
      `${name.padEnd(8)} ${String(inst.n).padStart(5)} ${String(inst.p).padStart(4)} ${String(result.objective).padStart(11)} ${String(opt).padStart(11)} ${gap.toFixed(3).padStart(7)} ${((t1 - t0) / 1000).toFixed(2).padStart(9)} ${((t2 - t1) / 1000).toFixed(2).padStart(8)} ${seconds.toFixed(2).padStart(8)}`,
    );
  }
  const meanGapPct = total > 0 ? gapSum / total : NaN;
  console.log(`pmed summary: optimal ${optimal}/${total}, mean gap ${meanGapPct.toFixed(4)} %, max ${maxSeconds.toFixed(2)} s per instance (paths + solve)`);
  return { optimal, total, meanGapPct, maxSeconds };
}
