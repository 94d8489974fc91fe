import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { pMedianHeuristic } from '../heuristics/pmedian.ts';
import { denseCosts, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import { candidateMask, checkDemand, checkP, existingSites, openFromValues, seconds, wantsExact } from './common.ts';

/**
 * p-median: open p candidates (existing facilities stay open) minimising the total weighted cost
 * from each demand point to its nearest open site.
 */
export async function solvePMedian(problem: SitingProblem, p: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  const cost = denseCosts(problem);
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const { weights, unreachable } = dropUnreachable(problem, cost);
  const fixed = existingSites(problem);
  const heuristic = pMedianHeuristic(
    { cost, weights, nSites: m, swappable: candidateMask(problem), fixed: Int32Array.from(fixed), p },
    opts.solver === 'exact' ? { ...opts, starts: 2, timeLimitS: Math.min(opts.timeLimitS ?? 5, 5) } : opts,
  );
  let open = heuristic.sites;
  let bound: number | undefined;
  let gap: number | undefined;
  let solver: SitingResult['solver'] = 'heuristic';
  let pairs = 0;
  for (const c of cost) if (c !== Infinity) pairs++;
  if (wantsExact(opts, pairs + problem.nCandidates)) {
    checkSize(pairs + problem.nCandidates, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
    const lp = pMedianLp(problem, cost, weights, p);
    const start: Record<string, number> = {};
    for (let j = 0; j < problem.nCandidates; j++) start[`y${j}`] = 0;
    for (const j of open) start[`y${j}`] = 1;
    const ans = await solveMilp(lp, { timeLimitS: opts.timeLimitS, loadHighs: opts.loadHighs, start });
    open = openFromValues(ans.values, problem.nCandidates);
    bound = ans.bound;
    gap = ans.gap;
    solver = 'exact';
  }
  return finishMedian(problem, cost, open, { n, m, unreachable, bound, gap, solver, t0 });
}

/** Demand no site reaches gets weight 0 (reported, not optimised). */
export function dropUnreachable(problem: SitingProblem, cost: Float64Array): { weights: Float64Array; unreachable: string[] } {
  const m = problem.siteIds.length;
  const weights = Float64Array.from(problem.weights);
  const unreachable: string[] = [];
  for (let u = 0; u < weights.length; u++) {
    let any = false;
    for (let j = 0; j < m && !any; j++) any = cost[u * m + j] !== Infinity;
    if (!any) {
      weights[u] = 0;
      unreachable.push(problem.demandIds[u]);
    }
  }
  return { weights, unreachable };
}

/** min Σ w·c·x; each served demand point assigned once, only to open sites; Σ y = p. */
function pMedianLp(problem: SitingProblem, cost: Float64Array, weights: Float64Array, p: number): string {
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const lp = new LpBuilder('Minimize');
  const obj: string[] = [];
  for (let u = 0; u < n; u++) {
    if (weights[u] === 0) continue;
    const assign: string[] = [];
    let existingReach = false;
    for (let j = 0; j < m; j++) {
      const c = cost[u * m + j];
      if (c === Infinity) continue;
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
      obj.push(term(weights[u] * bigCost(cost), miss));
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

function bigCost(cost: Float64Array): number {
  let max = 0;
  for (const c of cost) if (c !== Infinity && c > max) max = c;
  return 1000 * (max + 1);
}

/** Assignment, objective and greedy rank of the chosen sites. */
export function finishMedian(
  problem: SitingProblem,
  cost: Float64Array,
  open: number[],
  ctx: {
    n: number;
    m: number;
    unreachable: string[];
    bound?: number;
    gap?: number;
    solver: SitingResult['solver'];
    t0: number;
    model?: 'pmedian' | 'pcenter';
  },
): SitingResult {
  const { n, m } = ctx;
  const fixed = existingSites(problem);
  const all = [...fixed, ...open];
  const assignment: (string | null)[] = [];
  const uncovered: string[] = [];
  let objective = 0;
  let maxCost = 0;
  const unreachable = new Set(ctx.unreachable);
  for (let u = 0; u < n; u++) {
    let best = -1;
    for (const j of all) if (cost[u * m + j] !== Infinity && (best < 0 || cost[u * m + j] < cost[u * m + best])) best = j;
    assignment.push(best >= 0 ? problem.siteIds[best] : null);
    if (best < 0) {
      if (!unreachable.has(problem.demandIds[u])) uncovered.push(problem.demandIds[u]);
      continue;
    }
    objective += problem.weights[u] * cost[u * m + best];
    if (problem.weights[u] > 0) maxCost = Math.max(maxCost, cost[u * m + best]);
  }
  const model = ctx.model ?? 'pmedian';
  const { order, gains } = rankByGreedy(problem, cost, open, model);
  const result: SitingResult = {
    model,
    selected: order.map((j) => problem.siteIds[j]),
    objective: model === 'pmedian' ? objective : maxCost,
    perSiteGain: gains,
    assignment,
    solver: ctx.solver,
    seconds: seconds(ctx.t0),
    existing: fixed.map((j) => problem.siteIds[j]),
  };
  if (ctx.bound !== undefined) result.bound = ctx.bound;
  if (ctx.gap !== undefined) result.gap = ctx.gap;
  if (uncovered.length > 0) result.uncovered = uncovered;
  if (ctx.unreachable.length > 0) result.unreachable = ctx.unreachable;
  return result;
}

/**
 * Orders the chosen sites by marginal improvement: starting from the existing facilities, each
 * next site is the one that lowers the objective most. Demand with no open site in reach counts
 * at the largest cost in the matrix, so the first site's gain is finite.
 */
function rankByGreedy(problem: SitingProblem, cost: Float64Array, open: number[], model: 'pmedian' | 'pcenter'): { order: number[]; gains: number[] } {
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  let maxFinite = 0;
  for (const c of cost) if (c !== Infinity && c > maxFinite) maxFinite = c;
  const d = new Float64Array(n).fill(maxFinite);
  for (const j of existingSites(problem)) for (let u = 0; u < n; u++) d[u] = Math.min(d[u], cost[u * m + j]);
  const w = problem.weights;
  const score = (dist: (u: number) => number): [number, number] => {
    let sum = 0;
    let max = 0;
    for (let u = 0; u < n; u++) {
      if (w[u] === 0) continue;
      const v = dist(u);
      sum += w[u] * v;
      if (v > max) max = v;
    }
    return model === 'pmedian' ? [sum, 0] : [max, sum];
  };
  let current = score((u) => d[u]);
  const left = [...open];
  const order: number[] = [];
  const gains: number[] = [];
  while (left.length > 0) {
    let bestK = 0;
    let bestScore: [number, number] = [Infinity, Infinity];
    left.forEach((j, k) => {
      const s = score((u) => Math.min(d[u], cost[u * m + j]));
      if (s[0] < bestScore[0] || (s[0] === bestScore[0] && s[1] < bestScore[1])) {
        bestScore = s;
        bestK = k;
      }
    });
    const j = left.splice(bestK, 1)[0];
    for (let u = 0; u < n; u++) d[u] = Math.min(d[u], cost[u * m + j]);
    order.push(j);
    gains.push(current[0] - bestScore[0]);
    current = bestScore;
  }
  return { order, gains };
}
