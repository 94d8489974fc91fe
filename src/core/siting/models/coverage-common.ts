import type { CoverageLists, SitingProblem } from '../problem.ts';
import type { SitingResult, SolveStatus } from '../types.ts';
import { existingSites, seconds, withStatus } from './common.ts';

/** Demand points no site (candidate or existing) covers. */
export function uncoverable(problem: SitingProblem, cover: CoverageLists): Uint8Array {
  const reached = new Uint8Array(problem.demandIds.length);
  for (const u of cover.demand) reached[u] = 1;
  return reached;
}

/**
 * Result of a coverage model for the given open candidates: each demand point goes to its
 * nearest open site within the radius; sites ranked by the weight each newly covers.
 */
export function finishCoverage(
  problem: SitingProblem,
  cover: CoverageLists,
  open: number[],
  ctx: { model: 'mclp' | 'lscp' | 'lscpb'; solver: SitingResult['solver']; t0: number; status?: SolveStatus; bound?: number | null },
): SitingResult {
  const n = problem.demandIds.length;
  const fixed = existingSites(problem);
  const best = new Float64Array(n).fill(Infinity);
  const site = new Int32Array(n).fill(-1);
  for (const j of [...fixed, ...open]) {
    for (let k = cover.start[j]; k < cover.start[j + 1]; k++) {
      const u = cover.demand[k];
      if (cover.cost[k] < best[u]) {
        best[u] = cover.cost[k];
        site[u] = j;
      }
    }
  }
  let coveredWeight = 0;
  const uncovered: string[] = [];
  for (let u = 0; u < n; u++) {
    if (site[u] >= 0) coveredWeight += problem.weights[u];
    else uncovered.push(problem.demandIds[u]);
  }
  // Greedy rank: from the existing facilities, add the site covering the most new weight.
  const covered = new Uint8Array(n);
  for (const j of fixed) for (let k = cover.start[j]; k < cover.start[j + 1]; k++) covered[cover.demand[k]] = 1;
  const left = [...open];
  const order: number[] = [];
  const gains: number[] = [];
  while (left.length > 0) {
    let bestK = 0;
    let bestGain = -1;
    left.forEach((j, k) => {
      let g = 0;
      for (let t = cover.start[j]; t < cover.start[j + 1]; t++) if (!covered[cover.demand[t]]) g += problem.weights[cover.demand[t]];
      if (g > bestGain) {
        bestGain = g;
        bestK = k;
      }
    });
    const j = left.splice(bestK, 1)[0];
    for (let t = cover.start[j]; t < cover.start[j + 1]; t++) covered[cover.demand[t]] = 1;
    order.push(j);
    gains.push(bestGain);
  }
  const reach = uncoverable(problem, cover);
  const unreachable = problem.demandIds.filter((_, u) => !reach[u]);
  const result: SitingResult = {
    model: ctx.model,
    selected: order.map((j) => problem.siteIds[j]),
    objective: ctx.model === 'mclp' ? coveredWeight : open.length,
    perSiteGain: gains,
    assignment: Array.from(site, (j) => (j >= 0 ? problem.siteIds[j] : null)),
    solver: ctx.solver,
    status: 'heuristic',
    bound: null,
    gapPct: null,
    seconds: seconds(ctx.t0),
    coveredWeight,
    uncovered,
    existing: fixed.map((j) => problem.siteIds[j]),
  };
  if (unreachable.length > 0) result.unreachable = unreachable;
  return withStatus(result, ctx.status ?? 'heuristic', ctx.bound ?? null);
}

/** Weight already covered by existing facilities, and the mask of those demand points. */
export function coveredByExisting(problem: SitingProblem, cover: CoverageLists): { mask: Uint8Array; weight: number } {
  const mask = new Uint8Array(problem.demandIds.length);
  for (const j of existingSites(problem)) for (let k = cover.start[j]; k < cover.start[j + 1]; k++) mask[cover.demand[k]] = 1;
  let weight = 0;
  mask.forEach((v, u) => (weight += v ? problem.weights[u] : 0));
  return { mask, weight };
}

/** Per demand point, the candidate sites covering it (for MILP rows). */
export function candidatesCovering(problem: SitingProblem, cover: CoverageLists): number[][] {
  const lists: number[][] = problem.demandIds.map(() => []);
  for (let j = 0; j < problem.nCandidates; j++) {
    for (let k = cover.start[j]; k < cover.start[j + 1]; k++) lists[cover.demand[k]].push(j);
  }
  return lists;
}
