import { InputError } from '../../errors.ts';
import type { SitingProblem } from '../problem.ts';
import { DEFAULT_EXACT_MAX_VARIABLES } from '../exact/highs.ts';
import type { SolveOptions } from '../types.ts';

export function checkDemand(problem: SitingProblem): void {
  if (problem.demandIds.length === 0) throw new InputError('demand', 'no demand points');
}

/** p must be a whole number of new sites that the candidates can supply. */
export function checkP(problem: SitingProblem, p: number): void {
  if (!Number.isInteger(p) || p < 0) throw new InputError('p', `must be a whole number ≥ 0, got ${p}`);
  if (p > problem.nCandidates) {
    throw new InputError('p', `asked for ${p} new sites but there are only ${problem.nCandidates} candidate sites`);
  }
}

export function checkRadius(radius: number): void {
  if (!Number.isFinite(radius) || radius < 0) throw new InputError('radius', `must be a non-negative number, got ${radius}`);
}

/** Sites [nCandidates, nSites) are existing facilities: always open. */
export function existingSites(problem: SitingProblem): number[] {
  const out: number[] = [];
  for (let j = problem.nCandidates; j < problem.siteIds.length; j++) out.push(j);
  return out;
}

export function candidateMask(problem: SitingProblem): Uint8Array {
  const mask = new Uint8Array(problem.siteIds.length);
  mask.fill(1, 0, problem.nCandidates);
  return mask;
}

/** Largest model 'auto' sends to HiGHS: such models solve in seconds, larger ones may not. */
export const AUTO_EXACT_MAX_VARIABLES = 25_000;

/** Whether this run goes to HiGHS: explicitly, or 'auto' on a small enough model. */
export function wantsExact(opts: SolveOptions, columns: number): boolean {
  if (opts.solver === 'exact') return true;
  return opts.solver === 'auto' && columns <= Math.min(AUTO_EXACT_MAX_VARIABLES, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
}

export function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

/** Sites whose MILP variable `y<j>` is (close to) 1. */
export function openFromValues(values: Map<string, number>, nCandidates: number): number[] {
  const open: number[] = [];
  for (let j = 0; j < nCandidates; j++) if ((values.get(`y${j}`) ?? 0) > 0.5) open.push(j);
  return open;
}
