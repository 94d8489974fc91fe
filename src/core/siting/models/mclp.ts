import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { maxCoverHeuristic } from '../heuristics/max-cover.ts';
import { coverageLists, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import {
  checkDemand,
  checkP,
  checkRadius,
  exactDeadline,
  heuristicBudgetS,
  pickExact,
  timeToBuild,
  wantsExact,
} from './common.ts';
import { reduceCover } from './cover-reduce.ts';
import { finishCoverage } from './coverage-common.ts';

/**
 * Maximal covering (Church & ReVelle): open p candidates maximising the demand weight within
 * `radius` of an open site; what existing facilities already cover counts and is not paid twice.
 * Both solvers work on the reduced instance (`reduceCover`: demand merged by the candidates
 * covering it, dominated candidates dropped), whose optimum is the problem's.
 */
export async function solveMclp(problem: SitingProblem, p: number, radius: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  checkRadius(radius);
  const cover = coverageLists(problem, radius);
  const red = reduceCover(problem, cover, p, { dominance: true });
  const columns = red.nCandidates + red.weights.length;
  const exact = wantsExact(opts, columns);
  if (exact) checkSize(columns, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
  const deadline = exactDeadline(opts, t0);
  const heuristic = maxCoverHeuristic(
    { cover: red.cover, weights: red.weights, nSites: red.nCandidates, swappable: new Uint8Array(red.nCandidates).fill(1), fixed: [], p },
    exact ? { ...opts, timeLimitS: heuristicBudgetS(deadline, 30) } : opts,
  );
  const toSites = (open: number[]): number[] => open.map((r) => red.sites[r]);
  if (!exact) return finishCoverage(problem, cover, toSites(heuristic.sites), { model: 'mclp', solver: 'heuristic', t0 });
  // Too little time left to build and read the model: the heuristic's plan, unproven.
  if (!timeToBuild(deadline, columns)) return finishCoverage(problem, cover, toSites(heuristic.sites), { model: 'mclp', solver: 'exact', t0, status: 'time_limit', bound: null });
  const lp = new LpBuilder('Maximize');
  const obj: string[] = [];
  const rows: string[][] = Array.from({ length: red.weights.length }, (_, u) => [`z${u}`]);
  for (let j = 0; j < red.nCandidates; j++) for (let k = red.cover.start[j]; k < red.cover.start[j + 1]; k++) rows[red.cover.demand[k]].push(`- y${j}`);
  rows.forEach((row, u) => {
    lp.continuous(`z${u}`, 0, 1);
    obj.push(term(red.weights[u], `z${u}`));
    lp.row(`c${u}`, row, '<=', 0);
  });
  const ys = Array.from({ length: red.nCandidates }, (_, j) => `y${j}`);
  ys.forEach((y) => lp.binary(y));
  if (ys.length > 0) lp.row('p', ys, '=', p);
  lp.setObjective(obj);
  const start: Record<string, number> = Object.fromEntries(ys.map((y) => [y, 0]));
  for (const j of heuristic.sites) start[`y${j}`] = 1;
  const ans = await solveMilp(lp.text(), { deadline, loadHighs: opts.loadHighs, runMilp: opts.runMilp, start, cancel: opts.cancel });
  if (ans.status === 'infeasible') throw new Error('HiGHS reports the covering model infeasible');
  const value = (open: number[]): number => {
    const covered = new Uint8Array(red.weights.length);
    let v = 0;
    for (const j of open) {
      for (let k = red.cover.start[j]; k < red.cover.start[j + 1]; k++) {
        if (!covered[red.cover.demand[k]]) v += red.weights[red.cover.demand[k]];
        covered[red.cover.demand[k]] = 1;
      }
    }
    return v;
  };
  const open = pickExact(ans, heuristic.sites, red.nCandidates, (a, b) => value(a) > value(b));
  return finishCoverage(problem, cover, toSites(open), {
    model: 'mclp',
    solver: 'exact',
    t0,
    status: ans.status,
    bound: ans.bound === null ? null : ans.bound + red.base,
  });
}
