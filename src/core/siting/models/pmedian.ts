import { InputError } from '../../errors.ts';
import { listsComplete, type DemandLists } from '../demand-lists.ts';
import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { pMedianHeuristic } from '../heuristics/pmedian.ts';
import { demandLists, openSiteCosts, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions, SolveStatus } from '../types.ts';
import {
  candidateMask,
  checkDemand,
  checkP,
  exactDeadline,
  existingSites,
  heuristicBudgetS,
  pickExact,
  seconds,
  timeToBuild,
  wantsExact,
  withStatus,
} from './common.ts';

/**
 * p-median: open p candidates (existing facilities stay open) minimising the total weighted cost
 * from each demand point to its nearest open site. Works on per-demand sorted lists (complete, or
 * each point's k nearest for problems built with `nearest`), never on a dense copy.
 */
export async function solvePMedian(problem: SitingProblem, p: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  checkSomethingOpens(problem, p);
  const lists = demandLists(problem);
  const m = problem.siteIds.length;
  const { weights, unreachable } = dropUnreachable(problem, (u) => lists.start[u + 1] > lists.start[u] || lists.beyond[u] !== Infinity);
  const fixed = existingSites(problem);
  const pairs = lists.site.length;
  const exact = wantsExact(opts, pairs + problem.nCandidates);
  if (exact) {
    checkSize(pairs + problem.nCandidates, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
    if (!listsComplete(lists)) throw new InputError('exact', 'this problem keeps only each demand point’s nearest sites; the exact model needs every pair');
  }
  const deadline = exactDeadline(opts, t0);
  const heuristic = pMedianHeuristic(
    { lists, weights, nSites: m, swappable: candidateMask(problem), fixed: Int32Array.from(fixed), p },
    exact ? { ...opts, starts: 2, timeLimitS: heuristicBudgetS(deadline, 5) } : opts,
  );
  if (!exact) return finishMedian(problem, heuristic.sites, { unreachable, solver: 'heuristic', status: 'heuristic', bound: null, t0 });
  // Too little time left to build and read the model: the heuristic's plan, unproven.
  if (!timeToBuild(deadline, pairs + problem.nCandidates)) return finishMedian(problem, heuristic.sites, { unreachable, solver: 'exact', status: 'time_limit', bound: null, t0 });
  const lp = pMedianLp(problem, lists, weights, p);
  const start: Record<string, number> = {};
  for (let j = 0; j < problem.nCandidates; j++) start[`y${j}`] = 0;
  for (const j of heuristic.sites) start[`y${j}`] = 1;
  const ans = await solveMilp(lp, { deadline, loadHighs: opts.loadHighs, runMilp: opts.runMilp, start, cancel: opts.cancel });
  if (ans.status === 'infeasible') throw new Error('HiGHS reports the p-median model infeasible');
  const value = (open: number[]): number => medianObjective(problem, open);
  const open = pickExact(ans, heuristic.sites, problem.nCandidates, (a, b) => value(a) < value(b));
  return finishMedian(problem, open, { unreachable, solver: 'exact', status: ans.status, bound: ans.bound, t0 });
}

/**
 * p = 0 opens nothing: the answer is what the existing facilities give (unserved demand counted in
 * `unservedWeight`); with no existing facility either, nothing would serve anyone, which is a
 * mistake in the request rather than a plan.
 */
export function checkSomethingOpens(problem: SitingProblem, p: number): void {
  if (p === 0 && problem.nCandidates === problem.siteIds.length) {
    throw new InputError('p', 'p = 0 opens no site and there are no existing facilities: nothing would serve the demand');
  }
}

/** Demand no site reaches gets weight 0 in the search (it is reported, not optimised). */
export function dropUnreachable(problem: SitingProblem, reaches: (u: number) => boolean): { weights: Float64Array; unreachable: string[] } {
  const weights = Float64Array.from(problem.weights);
  const unreachable: string[] = [];
  for (let u = 0; u < weights.length; u++) {
    if (reaches(u)) continue;
    weights[u] = 0;
    unreachable.push(problem.demandIds[u]);
  }
  return { weights, unreachable };
}

/** min Σ w·c·x; each served demand point assigned once, only to open sites; Σ y = p. */
function pMedianLp(problem: SitingProblem, lists: DemandLists, weights: Float64Array, p: number): string {
  const n = problem.demandIds.length;
  const lp = new LpBuilder('Minimize');
  const obj: string[] = [];
  let maxCost = 0;
  for (const c of lists.cost) maxCost = Math.max(maxCost, c);
  for (let u = 0; u < n; u++) {
    if (weights[u] === 0) continue;
    const assign: string[] = [];
    let existingReach = false;
    for (let k = lists.start[u]; k < lists.start[u + 1]; k++) {
      const j = lists.site[k];
      const c = lists.cost[k];
      const x = `x${u}_${j}`;
      lp.continuous(x, 0, 1);
      assign.push(x);
      if (c * weights[u] !== 0) obj.push(term(c * weights[u], x));
      if (j < problem.nCandidates) lp.row(`a${u}_${j}`, [x, `- y${j}`], '<=', 0);
      else existingReach = true;
    }
    if (!existingReach) {
      // Lets the model stay feasible when p sites cannot reach everyone, at a prohibitive cost.
      const miss = `miss${u}`;
      lp.continuous(miss, 0, 1);
      assign.push(miss);
      obj.push(term(weights[u] * 1000 * (maxCost + 1), miss));
    }
    lp.row(`d${u}`, assign, '=', 1);
  }
  const ys: string[] = [];
  for (let j = 0; j < problem.nCandidates; j++) {
    lp.binary(`y${j}`);
    ys.push(`y${j}`);
  }
  if (ys.length > 0) lp.row('p', ys, '=', p);
  lp.setObjective(obj);
  return lp.text();
}

/** Total weighted cost of a plan over the demand it serves (exact costs). */
function medianObjective(problem: SitingProblem, open: number[]): number {
  const all = [...existingSites(problem), ...open];
  const q = all.length;
  const c = openSiteCosts(problem, all);
  let obj = 0;
  for (let u = 0; u < problem.demandIds.length; u++) {
    let best = Infinity;
    for (let t = 0; t < q; t++) best = Math.min(best, c[u * q + t]);
    if (best !== Infinity) obj += problem.weights[u] * best;
  }
  return obj;
}

/**
 * Assignment, objective and greedy rank of the chosen sites, from the exact costs of the open
 * sites only (n × open, whatever the problem keeps). Demand with no open site in reach is named
 * (`uncovered`, `unreachable`) and its weight given in `unservedWeight`.
 */
export function finishMedian(
  problem: SitingProblem,
  open: number[],
  ctx: {
    unreachable: string[];
    solver: SitingResult['solver'];
    status: SolveStatus;
    bound: number | null;
    t0: number;
    model?: 'pmedian' | 'pcenter';
  },
): SitingResult {
  const n = problem.demandIds.length;
  const fixed = existingSites(problem);
  const all = [...fixed, ...open];
  const q = all.length;
  const cost = openSiteCosts(problem, all);
  const assignment: (string | null)[] = [];
  const uncovered: string[] = [];
  let objective = 0;
  let maxCost = 0;
  let unservedWeight = 0;
  const unreachable = new Set(ctx.unreachable);
  for (let u = 0; u < n; u++) {
    let best = -1;
    for (let t = 0; t < q; t++) if (cost[u * q + t] !== Infinity && (best < 0 || cost[u * q + t] < cost[u * q + best])) best = t;
    assignment.push(best >= 0 ? problem.siteIds[all[best]] : null);
    if (best < 0) {
      if (!unreachable.has(problem.demandIds[u])) uncovered.push(problem.demandIds[u]);
      unservedWeight += problem.weights[u];
      continue;
    }
    objective += problem.weights[u] * cost[u * q + best];
    if (problem.weights[u] > 0) maxCost = Math.max(maxCost, cost[u * q + best]);
  }
  const model = ctx.model ?? 'pmedian';
  const { order, gains } = rankByGreedy(problem, cost, fixed.length, model);
  const result: SitingResult = {
    model,
    selected: order.map((t) => problem.siteIds[all[t]]),
    objective: model === 'pmedian' ? objective : maxCost,
    perSiteGain: gains,
    assignment,
    solver: ctx.solver,
    status: 'heuristic',
    bound: null,
    gapPct: null,
    seconds: seconds(ctx.t0),
    existing: fixed.map((j) => problem.siteIds[j]),
  };
  if (uncovered.length > 0) result.uncovered = uncovered;
  if (ctx.unreachable.length > 0) result.unreachable = ctx.unreachable;
  if (unservedWeight > 0) result.unservedWeight = unservedWeight;
  return withStatus(result, ctx.status, ctx.bound);
}

/**
 * Orders the chosen sites by marginal improvement: starting from the existing facilities, each
 * next site is the one that lowers the objective most. Demand with no open site in reach counts
 * at the largest cost among the open sites, so the first site's gain is finite. `cost` is n × q
 * over [existing…, chosen…]; returns positions in it. p-median gains only shrink as sites are
 * added, so a stale gain is an upper bound and only the top one is recomputed (lazy greedy).
 */
function rankByGreedy(problem: SitingProblem, cost: Float64Array, nFixed: number, model: 'pmedian' | 'pcenter'): { order: number[]; gains: number[] } {
  const n = problem.demandIds.length;
  const q = cost.length / Math.max(1, n);
  let maxFinite = 0;
  for (const c of cost) if (c !== Infinity && c > maxFinite) maxFinite = c;
  const d = new Float64Array(n).fill(maxFinite);
  for (let t = 0; t < nFixed; t++) for (let u = 0; u < n; u++) d[u] = Math.min(d[u], cost[u * q + t]);
  const w = problem.weights;
  const add = (t: number): void => {
    for (let u = 0; u < n; u++) d[u] = Math.min(d[u], cost[u * q + t]);
  };
  const order: number[] = [];
  const gains: number[] = [];
  if (model === 'pmedian') {
    const gainOf = (t: number): number => {
      let g = 0;
      for (let u = 0; u < n; u++) if (cost[u * q + t] < d[u]) g += w[u] * (d[u] - cost[u * q + t]);
      return g;
    };
    const bound = new Map<number, number>();
    for (let t = nFixed; t < q; t++) bound.set(t, gainOf(t));
    while (bound.size > 0) {
      // Highest bound first (lowest position on ties, as a full scan would pick).
      const top = (): number => {
        let bt = -1;
        for (const [t, g] of bound) if (bt < 0 || g > bound.get(bt)! || (g === bound.get(bt)! && t < bt)) bt = t;
        return bt;
      };
      let t = top();
      for (;;) {
        const fresh = gainOf(t);
        bound.set(t, fresh);
        const next = top();
        if (next === t) break;
        t = next;
      }
      gains.push(bound.get(t)!);
      bound.delete(t);
      order.push(t);
      add(t);
    }
    return { order, gains };
  }
  const score = (t: number): [number, number] => {
    let sum = 0;
    let max = 0;
    for (let u = 0; u < n; u++) {
      if (w[u] === 0) continue;
      const v = t < 0 ? d[u] : Math.min(d[u], cost[u * q + t]);
      sum += w[u] * v;
      if (v > max) max = v;
    }
    return [max, sum];
  };
  let current = score(-1);
  const left: number[] = [];
  for (let t = nFixed; t < q; t++) left.push(t);
  while (left.length > 0) {
    let bestK = 0;
    let bestScore: [number, number] = [Infinity, Infinity];
    left.forEach((t, k) => {
      const s = score(t);
      if (s[0] < bestScore[0] || (s[0] === bestScore[0] && s[1] < bestScore[1])) {
        bestScore = s;
        bestK = k;
      }
    });
    const t = left.splice(bestK, 1)[0];
    add(t);
    order.push(t);
    gains.push(current[0] - bestScore[0]);
    current = bestScore;
  }
  return { order, gains };
}
