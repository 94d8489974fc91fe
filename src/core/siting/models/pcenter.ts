import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { maxCoverHeuristic } from '../heuristics/max-cover.ts';
import { coverageLists, denseCosts, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import { candidateMask, checkDemand, checkP, existingSites, openFromValues, wantsExact } from './common.ts';
import { dropUnreachable, finishMedian } from './pmedian.ts';

/**
 * p-center: open p candidates minimising the largest cost from a demand point (weight > 0) to
 * its nearest open site. Heuristic: binary search over the distinct costs, asking the covering
 * search whether p sites can cover every demand point within that radius.
 */
export async function solvePCenter(problem: SitingProblem, p: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  const cost = denseCosts(problem);
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const { weights, unreachable } = dropUnreachable(problem, cost);
  const unit = weights.map((w) => (w > 0 ? 1 : 0));
  let need = 0;
  for (const w of unit) need += w;
  const radii = [...new Set(Array.from(cost).filter((c) => c !== Infinity))].sort((a, b) => a - b);
  const inst = { weights: unit, nSites: m, swappable: candidateMask(problem), fixed: existingSites(problem), p };
  const tryRadius = (r: number): { sites: number[]; covered: number } =>
    maxCoverHeuristic({ ...inst, cover: coverageLists(problem, r) }, { ...opts, starts: 2, stopAt: need });
  let lo = 0;
  let hi = radii.length - 1;
  let open = tryRadius(radii[hi]).sites;
  while (lo < hi && !opts.cancel?.cancelled) {
    const mid = (lo + hi) >> 1;
    const attempt = tryRadius(radii[mid]);
    if (attempt.covered >= need) {
      hi = mid;
      open = attempt.sites;
    } else lo = mid + 1;
    opts.onProgress?.(1 - (hi - lo) / radii.length, `p-center: ≤ ${radii[hi].toLocaleString('en-US', { maximumFractionDigits: 0 })} m`);
  }
  let bound: number | undefined;
  let gap: number | undefined;
  let solver: SitingResult['solver'] = 'heuristic';
  let pairs = 0;
  for (const c of cost) if (c !== Infinity) pairs++;
  if (wantsExact(opts, pairs + problem.nCandidates + 1)) {
    checkSize(pairs + problem.nCandidates + 1, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
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
    const ans = await solveMilp(lp.text(), { timeLimitS: opts.timeLimitS, loadHighs: opts.loadHighs, start });
    open = openFromValues(ans.values, problem.nCandidates);
    bound = ans.bound;
    gap = ans.gap;
    solver = 'exact';
  }
  return finishMedian(problem, cost, open, { n, m, unreachable, bound, gap, solver, t0, model: 'pcenter' });
}
