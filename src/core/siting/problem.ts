import { InputError } from '../errors.ts';
import type { DistanceRule, Reach } from '../types.ts';
import { listsFromDense, NearestCollector, type DemandLists } from './demand-lists.ts';
import type { SitingDemand, SitingSite } from './types.ts';

/**
 * The compact, geometry-free form every model works on (spopt's "from_cost_matrix"): demand
 * weights, sites (candidates first, then existing facilities, which are always open) and their
 * costs, either as a dense matrix or as per-site lists sorted by cost.
 */
export interface SitingProblem {
  demandIds: string[];
  demandNames: string[];
  weights: Float64Array;
  /** Candidates at [0, nCandidates), existing facilities after them. */
  siteIds: string[];
  nCandidates: number;
  /** Seats per site; NaN where not given. */
  capacity: Float64Array;
  costs: DenseCosts | SparseCosts | NearestCosts;
}

/** Demand-major matrix: cost[d * nSites + s]; Infinity where unreachable. */
export interface DenseCosts {
  kind: 'dense';
  cost: Float64Array;
}

/** Per site (CSR), the demand it reaches sorted by cost; complete up to `maxCost`. */
export interface SparseCosts {
  kind: 'sparse';
  start: Int32Array;
  demand: Int32Array;
  cost: Float64Array;
  maxCost: number;
}

/**
 * p-median at scale: per demand point only its k nearest sites (see `DemandLists` for the error
 * bound), and a way to get one site's exact costs when a plan is re-costed.
 */
export interface NearestCosts {
  kind: 'nearest';
  lists: DemandLists;
  /** Every demand point site j reaches, with its cost (any order). */
  siteCosts(j: number): Reach;
}

export interface ProblemInput {
  demand: readonly SitingDemand[];
  candidates: readonly SitingSite[];
  existing?: readonly SitingSite[];
  /** Built over `demand` in the same order. */
  rule: DistanceRule;
  /** Farthest cost any model will look at (the coverage radius); Infinity for p-median/center. */
  maxCost?: number;
  /**
   * p-median at scale: keep only each demand point's `nearest` nearest sites (see `nearestK`);
   * the full matrix is never held. Only with maxCost Infinity.
   */
  nearest?: number;
}

/** Largest dense matrix the medians/centers models will build (cells). */
export const MAX_DENSE_CELLS = 40_000_000;

export function buildProblem(input: ProblemInput): SitingProblem {
  const { demand, candidates, rule } = input;
  const existing = input.existing ?? [];
  const maxCost = input.maxCost ?? Infinity;
  if (rule.demandCount !== demand.length) {
    throw new InputError('distance', `rule built over ${rule.demandCount} demand points, given ${demand.length}`);
  }
  checkIds('demand', demand.map((d) => d.id));
  checkIds('sites', [...candidates, ...existing].map((s) => s.id));
  demand.forEach((d, i) => {
    if (!Number.isFinite(d.weight) || d.weight < 0) {
      throw new InputError('demand', `${d.id || `feature ${i + 1}`}: weight must be a non-negative number, got ${d.weight}`);
    }
  });
  const sites = [...candidates, ...existing];
  const base = {
    demandIds: demand.map((d) => d.id),
    demandNames: demand.map((d) => d.name ?? d.id),
    weights: Float64Array.from(demand, (d) => d.weight),
    siteIds: sites.map((s) => s.id),
    nCandidates: candidates.length,
    capacity: Float64Array.from(sites, (s) => s.capacity ?? NaN),
  };
  if (input.nearest !== undefined && maxCost === Infinity) {
    // One site's reach at a time, so only n × (k + 1) pairs are ever held.
    const collect = new NearestCollector(demand.length, sites.length, input.nearest);
    sites.forEach((s, j) => {
      const r = rule.reach({ id: s.id, lngLat: s.lngLat }, Infinity);
      for (let t = 0; t < r.indices.length; t++) collect.add(r.indices[t], j, r.distancesM[t]);
    });
    const siteCosts = (j: number): Reach => rule.reach({ id: sites[j].id, lngLat: sites[j].lngLat }, Infinity);
    return { ...base, costs: { kind: 'nearest', lists: collect.finish(), siteCosts } };
  }
  const start = new Int32Array(sites.length + 1);
  const lists = sites.map((s) => rule.reach({ id: s.id, lngLat: s.lngLat }, maxCost));
  lists.forEach((r, i) => (start[i + 1] = start[i] + r.indices.length));
  const dem = new Int32Array(start[sites.length]);
  const cost = new Float64Array(start[sites.length]);
  lists.forEach((r, i) => {
    dem.set(r.indices, start[i]);
    cost.set(r.distancesM, start[i]);
  });
  return { ...base, costs: { kind: 'sparse', start, demand: dem, cost, maxCost } };
}

/** A problem straight from a dense matrix (OR-Library instances, tests). */
export function problemFromMatrix(args: {
  demandIds: string[];
  siteIds: string[];
  /** Demand-major, demandIds.length × siteIds.length; Infinity where unreachable. */
  cost: Float64Array;
  weights?: Float64Array;
  nCandidates?: number;
  capacity?: Float64Array;
  demandNames?: string[];
}): SitingProblem {
  const n = args.demandIds.length;
  const m = args.siteIds.length;
  if (args.cost.length !== n * m) throw new InputError('matrix', `expected ${n}×${m} costs, got ${args.cost.length}`);
  return {
    demandIds: args.demandIds,
    demandNames: args.demandNames ?? args.demandIds,
    weights: args.weights ?? new Float64Array(n).fill(1),
    siteIds: args.siteIds,
    nCandidates: args.nCandidates ?? m,
    capacity: args.capacity ?? new Float64Array(m).fill(NaN),
    costs: { kind: 'dense', cost: args.cost },
  };
}

export const siteCount = (p: SitingProblem): number => p.siteIds.length;
export const demandCount = (p: SitingProblem): number => p.demandIds.length;

/** The dense matrix (Infinity where unreachable), building it from sparse lists if needed. */
export function denseCosts(problem: SitingProblem): Float64Array {
  if (problem.costs.kind === 'dense') return problem.costs.cost;
  const n = demandCount(problem);
  const m = siteCount(problem);
  if (n * m > MAX_DENSE_CELLS) {
    throw new InputError('problem', `${n} demand points × ${m} sites is too large for this model; aggregate the demand or use fewer candidates`);
  }
  const out = new Float64Array(n * m).fill(Infinity);
  if (problem.costs.kind === 'nearest') {
    for (let s = 0; s < m; s++) {
      const r = problem.costs.siteCosts(s);
      for (let k = 0; k < r.indices.length; k++) out[r.indices[k] * m + s] = r.distancesM[k];
    }
    return out;
  }
  const { start, demand, cost, maxCost } = problem.costs;
  if (maxCost !== Infinity) throw new Error('denseCosts needs a problem built with maxCost = Infinity');
  for (let s = 0; s < m; s++) for (let k = start[s]; k < start[s + 1]; k++) out[demand[k] * m + s] = cost[k];
  return out;
}

/**
 * Per demand point its sites by cost: the stored k-nearest lists, or complete lists from a dense
 * or sparse problem (whose matrix is held anyway, so nothing is cut).
 */
export function demandLists(problem: SitingProblem): DemandLists {
  const n = demandCount(problem);
  const m = siteCount(problem);
  if (problem.costs.kind === 'nearest') return problem.costs.lists;
  if (problem.costs.kind === 'dense') return listsFromDense(problem.costs.cost, n, m);
  const { start, demand, cost, maxCost } = problem.costs;
  if (maxCost !== Infinity) throw new Error('demandLists needs a problem built with maxCost = Infinity');
  const collect = new NearestCollector(n, m, m);
  for (let s = 0; s < m; s++) for (let k = start[s]; k < start[s + 1]; k++) collect.add(demand[k], s, cost[k]);
  return collect.finish();
}

/** Exact costs from every demand point to each of `sites`: n × sites.length, demand-major; Infinity where unreachable. */
export function openSiteCosts(problem: SitingProblem, sites: readonly number[]): Float64Array {
  const n = demandCount(problem);
  const m = siteCount(problem);
  const q = sites.length;
  const out = new Float64Array(n * q).fill(Infinity);
  const costs = problem.costs;
  sites.forEach((j, t) => {
    if (costs.kind === 'dense') {
      for (let u = 0; u < n; u++) out[u * q + t] = costs.cost[u * m + j];
      return;
    }
    const r = costs.kind === 'nearest' ? costs.siteCosts(j) : { indices: costs.demand.subarray(costs.start[j], costs.start[j + 1]), distancesM: costs.cost.subarray(costs.start[j], costs.start[j + 1]) };
    for (let k = 0; k < r.indices.length; k++) out[r.indices[k] * q + t] = r.distancesM[k];
  });
  return out;
}

/** Per site (CSR), the demand points within `radius` (cost ≤ radius). */
export interface CoverageLists {
  start: Int32Array;
  demand: Int32Array;
  cost: Float64Array;
}

export function coverageLists(problem: SitingProblem, radius: number): CoverageLists {
  const m = siteCount(problem);
  const n = demandCount(problem);
  const start = new Int32Array(m + 1);
  const out: number[] = [];
  const outCost: number[] = [];
  if (problem.costs.kind === 'dense') {
    const c = problem.costs.cost;
    for (let s = 0; s < m; s++) {
      for (let d = 0; d < n; d++) {
        if (c[d * m + s] <= radius) {
          out.push(d);
          outCost.push(c[d * m + s]);
        }
      }
      start[s + 1] = out.length;
    }
  } else if (problem.costs.kind === 'nearest') {
    throw new Error('coverage models need a problem built with their radius, not k-nearest lists');
  } else {
    const { start: st, demand, cost, maxCost } = problem.costs;
    if (radius > maxCost) throw new Error(`coverage radius ${radius} beyond the problem's maxCost ${maxCost}`);
    for (let s = 0; s < m; s++) {
      for (let k = st[s]; k < st[s + 1] && cost[k] <= radius; k++) {
        out.push(demand[k]);
        outCost.push(cost[k]);
      }
      start[s + 1] = out.length;
    }
  }
  return { start, demand: Int32Array.from(out), cost: Float64Array.from(outCost) };
}

function checkIds(source: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InputError(source, `duplicate id '${id}'`);
    seen.add(id);
  }
}
