import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { maxCoverHeuristic } from '../heuristics/max-cover.ts';
import { coverageLists, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import { candidateMask, checkDemand, checkP, checkRadius, existingSites, openFromValues, wantsExact } from './common.ts';
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
  const heuristic = maxCoverHeuristic(
    { cover, weights: problem.weights, nSites: problem.siteIds.length, swappable: candidateMask(problem), fixed: existingSites(problem), p },
    opts,
  );
  let open = heuristic.sites;
  const columns = problem.nCandidates + problem.demandIds.length;
  if (!wantsExact(opts, columns)) return finishCoverage(problem, cover, open, { model: 'mclp', solver: 'heuristic', t0 });
  checkSize(columns, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
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
  for (const j of open) start[`y${j}`] = 1;
  const ans = await solveMilp(lp.text(), { timeLimitS: opts.timeLimitS, loadHighs: opts.loadHighs, start });
  open = openFromValues(ans.values, problem.nCandidates);
  return finishCoverage(problem, cover, open, {
    model: 'mclp',
    solver: 'exact',
    t0,
    bound: ans.bound + base,
    gap: ans.gap,
  });
}
