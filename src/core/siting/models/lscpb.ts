import { InputError } from '../../errors.ts';
import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { coverageLists, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import { checkDemand, checkRadius, exactDeadline, existingSites, openFromValues, withStatus } from './common.ts';
import { candidatesCovering, finishCoverage } from './coverage-common.ts';

/**
 * LSCP-B, backup coverage (Hogan & ReVelle 1986; spopt's LSCPB), exact with HiGHS in two stages:
 * (1) the fewest sites p* covering every demand point of weight > 0 within `radius` (existing
 * facilities count and stay open); (2) with exactly p* sites, every such point still covered, the
 * most demand weight covered at least twice. A point no site reaches makes the model infeasible and
 * is named, as is a stage HiGHS cannot finish within the time limit.
 */
export async function solveLscpb(problem: SitingProblem, radius: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkRadius(radius);
  const cover = coverageLists(problem, radius);
  const covering = candidatesCovering(problem, cover);
  const fixedCount = new Int32Array(problem.demandIds.length);
  for (const j of existingSites(problem)) for (let k = cover.start[j]; k < cover.start[j + 1]; k++) fixedCount[cover.demand[k]]++;
  const need = problem.demandIds.map((_, u) => u).filter((u) => problem.weights[u] > 0);
  const unreachable = need.filter((u) => covering[u].length === 0 && fixedCount[u] === 0);
  if (unreachable.length > 0) {
    const names = unreachable.map((u) => problem.demandNames[u]);
    throw new InputError('lscpb', `no site reaches ${names.length} demand point(s) within ${radius}, so not everyone can be covered: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}`);
  }
  const nc = problem.nCandidates;
  checkSize(nc + need.length, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
  const deadline = exactDeadline(opts, t0);
  const ys = Array.from({ length: nc }, (_, j) => `y${j}`);
  const stage = (backup: number | null): LpBuilder => {
    const lp = new LpBuilder(backup === null ? 'Minimize' : 'Maximize');
    ys.forEach((y) => lp.binary(y));
    const obj: string[] = [];
    for (const u of need) {
      const js = covering[u].map((j) => `y${j}`);
      // Σ y ≥ 1 − (existing facilities covering u); with backup: Σ y − b ≥ 1 − existing.
      if (backup === null) {
        if (fixedCount[u] === 0) lp.row(`c${u}`, js, '>=', 1);
      } else {
        lp.continuous(`b${u}`, 0, 1);
        obj.push(term(problem.weights[u], `b${u}`));
        if (js.length > 0 || fixedCount[u] < 2) lp.row(`c${u}`, [...js, `- b${u}`], '>=', 1 - fixedCount[u]);
      }
    }
    if (backup === null) lp.setObjective(ys);
    else {
      if (ys.length > 0) lp.row('p', ys, '=', backup);
      lp.setObjective(obj);
    }
    return lp;
  };
  const first = await solveMilp(stage(null).text(), { deadline, loadHighs: opts.loadHighs, runMilp: opts.runMilp, cancel: opts.cancel });
  if (first.status !== 'optimal' || !first.values) {
    throw new InputError('lscpb', `HiGHS did not prove the fewest sites within ${opts.timeLimitS ?? 60} s; raise --time-limit`);
  }
  const pStar = openFromValues(first.values, nc).length;
  const start: Record<string, number> = Object.fromEntries(ys.map((y) => [y, first.values!.get(y) ?? 0]));
  const second = await solveMilp(stage(pStar).text(), { deadline, loadHighs: opts.loadHighs, runMilp: opts.runMilp, start, cancel: opts.cancel });
  if (second.status === 'infeasible') throw new Error('HiGHS reports the backup stage infeasible with the first stage’s count');
  const open = openFromValues(second.values ?? first.values, nc);
  const result = finishCoverage(problem, cover, open, { model: 'lscpb', solver: 'exact', t0 });
  let backupWeight = 0;
  const count = Int32Array.from(fixedCount);
  for (const j of open) for (let k = cover.start[j]; k < cover.start[j + 1]; k++) count[cover.demand[k]]++;
  count.forEach((c, u) => (backupWeight += c >= 2 ? problem.weights[u] : 0));
  result.backupWeight = backupWeight;
  // The count is proven by stage 1; what stage 2 may leave unproven is the backup weight.
  return withStatus(result, second.status === 'optimal' ? 'optimal' : 'time_limit', pStar);
}
