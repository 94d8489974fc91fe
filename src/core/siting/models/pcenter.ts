import { InputError } from '../../errors.ts';
import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { maxCoverHeuristic } from '../heuristics/max-cover.ts';
import { coverageLists, denseCosts, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import {
  candidateMask,
  checkDemand,
  checkP,
  exactDeadline,
  existingSites,
  heuristicBudgetS,
  pickExact,
  timeToBuild,
  wantsExact,
} from './common.ts';
import { checkSomethingOpens, dropUnreachable, finishMedian } from './pmedian.ts';

/**
 * p-center: open p candidates minimising the largest cost from a demand point (weight > 0) to
 * its nearest open site. Heuristic: binary search over the distinct costs, asking the covering
 * search whether p sites can cover every demand point within that radius.
 */
export async function solvePCenter(problem: SitingProblem, p: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  checkSomethingOpens(problem, p);
  const cost = denseCosts(problem);
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const { weights, unreachable } = dropUnreachable(problem, (u) => {
    for (let j = 0; j < m; j++) if (cost[u * m + j] !== Infinity) return true;
    return false;
  });
  let pairs = 0;
  for (const c of cost) if (c !== Infinity) pairs++;
  const exact = wantsExact(opts, pairs + problem.nCandidates + 1);
  if (exact) checkSize(pairs + problem.nCandidates + 1, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
  const deadline = exactDeadline(opts, t0);
  const heuristicLimit = exact ? heuristicBudgetS(deadline, 30) : (opts.timeLimitS ?? Infinity);
  const unit = weights.map((w) => (w > 0 ? 1 : 0));
  let need = 0;
  for (const w of unit) need += w;
  const radii = [...new Set(Array.from(cost).filter((c) => c !== Infinity))].sort((a, b) => a - b);
  const inst = { weights: unit, nSites: m, swappable: candidateMask(problem), fixed: existingSites(problem), p };
  const tryRadius = (r: number): { sites: number[]; covered: number } =>
    maxCoverHeuristic({ ...inst, cover: coverageLists(problem, r) }, { ...opts, starts: 2, stopAt: need, timeLimitS: heuristicLimit - (performance.now() - t0) / 1000 });
  let lo = 0;
  let hi = radii.length - 1;
  let open = tryRadius(radii[hi]).sites;
  while (lo < hi && !opts.cancel?.cancelled && (performance.now() - t0) / 1000 < heuristicLimit) {
    const mid = (lo + hi) >> 1;
    const attempt = tryRadius(radii[mid]);
    if (attempt.covered >= need) {
      hi = mid;
      open = attempt.sites;
    } else lo = mid + 1;
    opts.onProgress?.(1 - (hi - lo) / radii.length, `p-center: ≤ ${radii[hi].toLocaleString('en-US', { maximumFractionDigits: 0 })} m`);
  }
  if (!exact) return finishMedian(problem, open, { unreachable, solver: 'heuristic', status: 'heuristic', bound: null, t0, model: 'pcenter' });
  // Too little time left to build and read the model: the heuristic's plan, unproven.
  if (!timeToBuild(deadline, pairs + problem.nCandidates + 1)) return finishMedian(problem, open, { unreachable, solver: 'exact', status: 'time_limit', bound: null, t0, model: 'pcenter' });
  const lp = new LpBuilder('Minimize');
  lp.setObjective(['D']);
  lp.continuous('D', 0, Infinity);
  for (let u = 0; u < n; u++) {
    if (weights[u] === 0) continue;
    const assign: string[] = [];
    const far: string[] = [];
    for (let j = 0; j < m; j++) {
      const c = cost[u * m + j];
      if (c === Infinity) continue;
      const x = `x${u}_${j}`;
      lp.continuous(x, 0, 1);
      assign.push(x);
      if (c !== 0) far.push(term(c, x));
      if (j < problem.nCandidates) lp.row(`a${u}_${j}`, [x, `- y${j}`], '<=', 0);
    }
    lp.row(`d${u}`, assign, '=', 1);
    lp.row(`r${u}`, [...far, '- D'], '<=', 0);
  }
  const ys = Array.from({ length: problem.nCandidates }, (_, j) => `y${j}`);
  ys.forEach((y) => lp.binary(y));
  if (ys.length > 0) lp.row('p', ys, '=', p);
  const start: Record<string, number> = Object.fromEntries(ys.map((y) => [y, 0]));
  for (const j of open) start[`y${j}`] = 1;
  const ans = await solveMilp(lp.text(), { deadline, loadHighs: opts.loadHighs, runMilp: opts.runMilp, start, cancel: opts.cancel });
  if (ans.status === 'infeasible') throw new InputError('pcenter', `${p} new site(s) cannot reach every demand point`);
  const value = (sites: number[]): number => finishMedian(problem, sites, { unreachable, solver: 'exact', status: 'heuristic', bound: null, t0, model: 'pcenter' }).objective;
  open = pickExact(ans, open, problem.nCandidates, (a, b) => value(a) < value(b));
  return finishMedian(problem, open, { unreachable, solver: 'exact', status: ans.status, bound: ans.bound, t0, model: 'pcenter' });
}
