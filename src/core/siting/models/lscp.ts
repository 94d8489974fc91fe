import { InputError } from '../../errors.ts';
import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { CoverSearch, maxCoverHeuristic } from '../heuristics/max-cover.ts';
import { coverageLists, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import {
  candidateMask,
  checkDemand,
  checkRadius,
  exactDeadline,
  existingSites,
  heuristicBudgetS,
  pickExact,
  seconds,
  timeToBuild,
  wantsExact,
} from './common.ts';
import { candidatesCovering, coveredByExisting, finishCoverage, uncoverable } from './coverage-common.ts';

/**
 * Location set covering (Toregas et al.): the fewest new sites so that at least `target` of the
 * demand weight lies within `radius` of an open site. With the default target 1, demand no site
 * can reach is left out and listed in `unreachable` by id; a lower target that even every
 * candidate together cannot reach is an InputError naming the demand points no site reaches.
 */
export async function solveLscp(problem: SitingProblem, radius: number, target = 1, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkRadius(radius);
  if (!(target > 0 && target <= 1)) throw new InputError('target', `coverage target must be in (0, 1], got ${target}`);
  const cover = coverageLists(problem, radius);
  const reach = uncoverable(problem, cover);
  let total = 0;
  let reachable = 0;
  problem.weights.forEach((w, u) => {
    total += w;
    if (reach[u]) reachable += w;
  });
  const eps = 1e-9 * Math.max(1, total);
  const required = target === 1 ? reachable : target * total;
  if (required > reachable + eps) {
    const names = problem.demandNames.filter((_, u) => !reach[u]);
    throw new InputError(
      'lscp',
      `coverage target ${(target * 100).toFixed(1)} % cannot be reached within ${radius}: at most ${((reachable / total) * 100).toFixed(1)} %; no site reaches ${names.length} demand point(s): ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}`,
    );
  }
  const inst = { cover, weights: problem.weights, nSites: problem.siteIds.length, swappable: candidateMask(problem), fixed: existingSites(problem), p: 0 };
  // Greedy cover gives an upper bound on the count; then try one site fewer until it fails.
  const greedy = new CoverSearch(inst);
  while (greedy.covered < required - eps) {
    const j = greedy.bestInsert();
    if (j < 0) break;
    greedy.insert(j);
  }
  const columns = problem.nCandidates + (target < 1 ? problem.demandIds.length : 0);
  const exact = wantsExact(opts, columns);
  if (exact) checkSize(columns, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
  const deadline = exactDeadline(opts, t0);
  const budget = exact ? heuristicBudgetS(deadline, 30) : (opts.timeLimitS ?? Infinity);
  let open = [...greedy.sol];
  for (let k = open.length - 1; k >= 0 && !opts.cancel?.cancelled && seconds(t0) < budget; k--) {
    const tryK = maxCoverHeuristic({ ...inst, p: k }, { ...opts, stopAt: required, timeLimitS: budget - seconds(t0) });
    if (tryK.covered < required - eps) break;
    open = tryK.sites;
  }
  if (!exact) return finishCoverage(problem, cover, open, { model: 'lscp', solver: 'heuristic', t0 });
  // Too little time left to build and read the model: the heuristic's plan, unproven.
  if (!timeToBuild(deadline, columns)) return finishCoverage(problem, cover, open, { model: 'lscp', solver: 'exact', t0, status: 'time_limit', bound: null });
  const { mask, weight: base } = coveredByExisting(problem, cover);
  const covering = candidatesCovering(problem, cover);
  const lp = new LpBuilder('Minimize');
  const ys = Array.from({ length: problem.nCandidates }, (_, j) => `y${j}`);
  ys.forEach((y) => lp.binary(y));
  lp.setObjective(ys);
  const share: string[] = [];
  covering.forEach((js, u) => {
    // Zero-weight demand need not be covered, as in the heuristic (whose target is a weight).
    if (mask[u] || js.length === 0 || problem.weights[u] === 0) return;
    if (target === 1) lp.row(`c${u}`, js.map((j) => `y${j}`), '>=', 1);
    else {
      lp.continuous(`z${u}`, 0, 1);
      share.push(term(problem.weights[u], `z${u}`));
      lp.row(`c${u}`, [`z${u}`, ...js.map((j) => `- y${j}`)], '<=', 0);
    }
  });
  if (share.length > 0) lp.row('target', share, '>=', required - base);
  const start: Record<string, number> = Object.fromEntries(ys.map((y) => [y, 0]));
  for (const j of open) start[`y${j}`] = 1;
  const ans = await solveMilp(lp.text(), { deadline, loadHighs: opts.loadHighs, runMilp: opts.runMilp, start, cancel: opts.cancel });
  if (ans.status === 'infeasible') throw new Error('HiGHS reports the covering model infeasible');
  // Fewer sites is better, but only a plan that meets the target counts.
  const meets = (sites: number[]): boolean => finishCoverage(problem, cover, sites, { model: 'lscp', solver: 'exact', t0 }).coveredWeight! >= required - eps;
  open = pickExact(ans, open, problem.nCandidates, (a, b) => !meets(b) || a.length < b.length);
  return finishCoverage(problem, cover, open, { model: 'lscp', solver: 'exact', t0, status: ans.status, bound: ans.bound });
}
