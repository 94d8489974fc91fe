import { seededRandom } from '../../../src/core/siting/random.ts';
import { problemFromMatrix, type SitingProblem } from '../../../src/core/siting/problem.ts';

/** Random planar instance: demand and sites on a 10 km square, Euclidean metres, integer weights. */
export function planarInstance(seed: number, nDemand: number, nCandidates: number, nExisting = 0, capacity?: number[]): SitingProblem {
  const rand = seededRandom(seed);
  const pt = (): [number, number] => [rand() * 10_000, rand() * 10_000];
  const demand = Array.from({ length: nDemand }, pt);
  const sites = Array.from({ length: nCandidates + nExisting }, pt);
  const cost = new Float64Array(nDemand * sites.length);
  demand.forEach((d, u) => sites.forEach((s, j) => (cost[u * sites.length + j] = Math.round(Math.hypot(d[0] - s[0], d[1] - s[1])))));
  return problemFromMatrix({
    demandIds: demand.map((_, u) => `d${u}`),
    siteIds: sites.map((_, j) => (j < nCandidates ? `c${j}` : `e${j - nCandidates}`)),
    cost,
    weights: Float64Array.from(demand, () => 1 + Math.floor(rand() * 20)),
    nCandidates,
    capacity: capacity ? Float64Array.from(sites, (_, j) => (j < nCandidates ? NaN : capacity[j - nCandidates])) : undefined,
  });
}

/** Every k-subset of 0..n-1. */
export function* subsets(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let i = start; i <= n - (k - prefix.length); i++) yield* subsets(n, k, i + 1, [...prefix, i]);
}

export function costOf(problem: SitingProblem, u: number, j: number): number {
  if (problem.costs.kind !== 'dense') throw new Error('dense only');
  return problem.costs.cost[u * problem.siteIds.length + j];
}

/** Brute-force optimum over all p-subsets of candidates (existing always open). */
export function bruteForce(problem: SitingProblem, p: number, value: (open: number[]) => number, sense: 'min' | 'max'): { best: number; sets: number[][] } {
  const existing = Array.from({ length: problem.siteIds.length - problem.nCandidates }, (_, k) => problem.nCandidates + k);
  let best = sense === 'min' ? Infinity : -Infinity;
  let sets: number[][] = [];
  for (const s of subsets(problem.nCandidates, p)) {
    const v = value([...existing, ...s]);
    if (Math.abs(v - best) < 1e-9) sets.push(s);
    else if (sense === 'min' ? v < best : v > best) {
      best = v;
      sets = [s];
    }
  }
  return { best, sets };
}

export function medianValue(problem: SitingProblem, open: number[]): number {
  let total = 0;
  problem.weights.forEach((w, u) => (total += w * Math.min(...open.map((j) => costOf(problem, u, j)))));
  return total;
}

export function centerValue(problem: SitingProblem, open: number[]): number {
  let worst = 0;
  problem.weights.forEach((w, u) => {
    if (w > 0) worst = Math.max(worst, Math.min(...open.map((j) => costOf(problem, u, j))));
  });
  return worst;
}

export function coverValue(problem: SitingProblem, open: number[], radius: number): number {
  let total = 0;
  problem.weights.forEach((w, u) => {
    if (open.some((j) => costOf(problem, u, j) <= radius)) total += w;
  });
  return total;
}
