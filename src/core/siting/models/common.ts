import { InputError } from '../../errors.ts';
import type { SitingProblem } from '../problem.ts';
import { DEFAULT_EXACT_MAX_VARIABLES } from '../exact/highs.ts';
import type { SitingResult, SolveOptions, SolveStatus } from '../types.ts';

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

/** When an exact run must be done: the whole solve's wall-clock limit (default 60 s) from t0. */
export function exactDeadline(opts: SolveOptions, t0: number): number {
  return t0 + (opts.timeLimitS ?? 60) * 1000;
}

/**
 * The heuristic's share of an exact run's time: enough for a good incumbent (HiGHS starts from it
 * and it is the answer if HiGHS finds nothing better), at most half of what is left.
 */
export function heuristicBudgetS(deadline: number, cap: number): number {
  return Math.min(cap, Math.max(0, (deadline - performance.now()) / 2000));
}

/**
 * Whether there is time to build a MILP of `columns` variables and have HiGHS read it: both cost
 * about 20 µs a variable on this loaded machine (pmed11, 90,000 variables: 0.3 s to build, 0.6–1.4 s to
 * read), and neither can be interrupted.
 */
export function timeToBuild(deadline: number, columns: number): boolean {
  return (deadline - performance.now()) / 1000 > columns * 2e-5;
}

/** 100 × |objective − bound| / |objective| (0 when both are 0); null without a bound. */
export function gapPct(objective: number, bound: number | null): number | null {
  if (bound === null || !Number.isFinite(bound) || !Number.isFinite(objective)) return null;
  const diff = Math.abs(objective - bound);
  if (diff <= 1e-9 * Math.max(1, Math.abs(objective))) return 0;
  return (100 * diff) / Math.abs(objective);
}

/** Sets status, bound and gap on a result. */
export function withStatus(result: SitingResult, status: SolveStatus, bound: number | null): SitingResult {
  result.status = status;
  result.bound = status === 'heuristic' ? null : bound;
  result.gapPct = status === 'heuristic' ? null : status === 'optimal' ? 0 : gapPct(result.objective, bound);
  if (result.gapPct !== null) result.gap = result.gapPct / 100;
  else delete result.gap;
  return result;
}

/**
 * Which plan an exact run returns: HiGHS's when it proved optimality or is at least as good as the
 * heuristic's (by the model's own evaluation), else the heuristic's (HiGHS stopped early with a
 * worse plan, or none).
 */
export function pickExact(
  milp: { status: 'optimal' | 'time_limit' | 'infeasible'; values: Map<string, number> | null },
  heuristicOpen: number[],
  nCandidates: number,
  better: (a: number[], b: number[]) => boolean,
): number[] {
  if (!milp.values) return heuristicOpen;
  const exact = openFromValues(milp.values, nCandidates);
  if (milp.status === 'optimal' || !better(heuristicOpen, exact)) return exact;
  return heuristicOpen;
}
