import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { solveCapacitatedPMedian } from '../../src/core/siting/index.ts';
import { euclideanProblem } from './mclp-sjc.ts';

interface Row {
  name: string;
  file: string;
  optimum: number;
  /** OR-Library pmedcap uses floor(Euclidean); SJC the real distance. */
  floor: boolean;
}

/**
 * Capacitated p-median (pmedcap1–20, SJC1–4b) solved exactly with HiGHS under a time limit; the
 * report gives the optimum found or the incumbent with its proven gap.
 */
export async function capacitatedBench(dir: string, timeLimitS: number, only?: Set<string>) {
  const rows: Row[] = [];
  const pmedcap = join(dir, 'pmedcap', 'optimal.csv');
  if (existsSync(pmedcap)) {
    for (const l of readFileSync(pmedcap, 'utf8').trim().split('\n').slice(1)) {
      const f = l.split(',');
      const k = String(f[1]).padStart(2, '0');
      rows.push({ name: f[0], file: join(dir, 'pmedcap', `pmedcap1_${k}.txt`), optimum: Number(f[5]), floor: true });
    }
  } else console.log(`skip pmedcap: ${pmedcap} not found`);
  const sjc = join(dir, 'sjc', 'optimal.csv');
  if (existsSync(sjc)) {
    for (const l of readFileSync(sjc, 'utf8').trim().split('\n').slice(1)) {
      const f = l.split(',');
      rows.push({ name: f[0], file: join(dir, 'sjc', `${f[0]}.dat`), optimum: Number(f[5]), floor: false });
    }
  } else console.log(`skip sjc: ${sjc} not found`);
  if (rows.length === 0) return undefined;
  console.log(`capacitated p-median, exact (HiGHS), time limit ${timeLimitS} s each`);
  console.log('instance       n    p      objective       optimum    gap%  proven_gap%  seconds');
  let optimal = 0;
  let total = 0;
  let gapSum = 0;
  let solved = 0;
  for (const row of rows) {
    if (only && !only.has(row.name)) continue;
    const nums = readFileSync(row.file, 'utf8').trim().split(/\s+/).map(Number);
    let n: number;
    let p: number;
    const xy: [number, number][] = [];
    const q: number[] = [];
    const cap: number[] = [];
    if (row.floor) {
      // problem_no best; n p Q; then id x y demand.
      [n, p] = [nums[2], nums[3]];
      const Q = nums[4];
      for (let i = 0; i < n; i++) {
        const k = 5 + 4 * i;
        xy.push([nums[k + 1], nums[k + 2]]);
        q.push(nums[k + 3]);
        cap.push(Q);
      }
    } else {
      // n p; then x y capacity demand.
      [n, p] = [nums[0], nums[1]];
      for (let i = 0; i < n; i++) {
        const k = 2 + 4 * i;
        xy.push([nums[k], nums[k + 1]]);
        cap.push(nums[k + 2]);
        q.push(nums[k + 3]);
      }
    }
    const base = euclideanProblem(xy, q, row.floor);
    const problem = { ...base, capacity: Float64Array.from(cap) };
    total++;
    const r = await solveCapacitatedPMedian(problem, p, { timeLimitS, weightedCost: false }).catch((err: unknown) => err as Error);
    if (r instanceof Error) {
      console.log(`${row.name.padEnd(10)} ${String(n).padStart(5)} ${String(p).padStart(4)}  no solution: ${r.message}`);
      continue;
    }
    const gap = ((r.objective - row.optimum) / row.optimum) * 100;
    // Published SJC optima have two decimals.
    if (Math.abs(r.objective - row.optimum) < (row.floor ? 1e-6 : 0.006)) optimal++;
    gapSum += gap;
    solved++;
    console.log(
      `${row.name.padEnd(10)} ${String(n).padStart(5)} ${String(p).padStart(4)} ${r.objective.toFixed(2).padStart(14)} ${row.optimum.toFixed(2).padStart(13)} ${gap.toFixed(3).padStart(7)} ${((r.gap ?? 0) * 100).toFixed(3).padStart(12)} ${r.seconds.toFixed(1).padStart(8)}`,
    );
  }
  const meanGapPct = gapSum / Math.max(1, solved);
  console.log(`capacitated summary: optimal ${optimal}/${total}, solved ${solved}/${total}, mean gap of solved ${meanGapPct.toFixed(4)} %`);
  return { optimal, total, solved, meanGapPct };
}
