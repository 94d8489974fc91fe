import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { maxCoverHeuristic } from '../heuristics/max-cover.ts';
import { coverageLists, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import { candidateMask, checkDemand, checkP, checkRadius, exactDeadline, existingSites, heuristicBudgetS, pickExact, wantsExact } from './common.ts';
import { candidatesCovering, coveredByExisting, finishCoverage } from './coverage-common.ts';

/**
 * Maximal covering (Church & ReVelle): open p candidates maximising the demand weight within
 * `radius` of an open site; what existing facilities already cover counts and is not paid twice.
 */
export async function solveMclp(problem: SitingProblem, p: number, radius: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  checkRadius(radius);
  const cover = coverageLists(problem, radius);
  const columns = problem.nCandidates + problem.demandIds.length;
  const exact = wantsExact(opts, columns);
  if (exact) checkSize(columns, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
  const deadline = exactDeadline(opts, t0);
  const heuristic = maxCoverHeuristic(
    { cover, weights: problem.weights, nSites: problem.siteIds.length, swappable: candidateMask(problem), fixed: existingSites(problem), p },
    exact ? { ...opts, timeLimitS: heuristicBudgetS(opts, deadline, 30) } : opts,
  );
  if (!exact) return finishCoverage(problem, cover, heuristic.sites, { model: 'mclp', solver: 'heuristic', t0 });
  const { mask, weight: base } = coveredByExisting(problem, cover);
  const covering = candidatesCovering(problem, cover);
  const lp = new LpBuilder('Maximize');
  const obj: string[] = [];
  covering.forEach((js, u) => {
    if (mask[u] || js.length === 0 || problem.weights[u] === 0) return;
    lp.continuous(`z${u}`, 0, 1);
    obj.push(term(problem.weights[u], `z${u}`));
    lp.row(`c${u}`, [`z${u}`, ...js.map((j) => `- y${j}`)], '<=', 0);
  });
  const ys = Array.from({ length: problem.nCandidates }, (_, j) => `y${j}`);
  ys.forEach((y) => lp.binary(y));
  if (ys.length > 0) lp.row('p', ys, '=', p);
  lp.setObjective(obj);
  const start: Record<string, number> = Object.fromEntries(ys.map((y) => [y, 0]));
  for (const j of heuristic.sites) start[`y${j}`] = 1;
  const ans = await solveMilp(lp.text(), { deadline, loadHighs: opts.loadHighs, start, cancel: opts.cancel });
  if (ans.status === 'infeasible') throw new Error('HiGHS reports the covering model infeasible');
  const covered = (open: number[]): number => finishCoverage(problem, cover, open, { model: 'mclp', solver: 'exact', t0 }).objective;
  const open = pickExact(ans, heuristic.sites, problem.nCandidates, (a, b) => covered(a) > covered(b));
  return finishCoverage(problem, cover, open, {
    model: 'mclp',
    solver: 'exact',
    t0,
    status: ans.status,
    bound: ans.bound === null ? null : ans.bound + base,
  });
}
