import type { CoverageLists, SitingProblem } from '../problem.ts';

/**
 * A covering instance reduced without changing its optimum (Church & ReVelle's reductions):
 * - demand already covered by an existing facility, of weight 0, or covered by no candidate is
 *   left out (its weight is a constant: `base`);
 * - demand points covered by exactly the same candidates become one point with their summed weight;
 * - `dominance`: a candidate whose covered demand is a subset of another's is dropped (ties keep the
 *   lower index), as long as p candidates remain. Any plan using it is no better than the same plan
 *   with the dominating candidate instead, or, when that one is open already, with any other.
 *   Exact for maximal covering and set covering; not for capacitated covering, where two sites
 *   over the same demand can both be needed for their seats (there only exact duplicates beyond p
 *   are dropped).
 */
export interface ReducedCover {
  cover: CoverageLists;
  weights: Float64Array;
  /** Reduced site index → problem site index: candidates, then (capacitated) existing facilities. */
  sites: Int32Array;
  /** Reduced candidates: sites[0, nCandidates). */
  nCandidates: number;
  /** Weight covered whatever is opened (existing facilities). */
  base: number;
  /** Problem demand index → reduced demand index (-1 when left out). */
  demandOf: Int32Array;
}

export function reduceCover(
  problem: SitingProblem,
  cover: CoverageLists,
  p: number,
  mode: { dominance: boolean; keepExistingCovered?: boolean },
): ReducedCover {
  const n = problem.demandIds.length;
  const nc = problem.nCandidates;
  const w = problem.weights;
  const coveredFixed = new Uint8Array(n);
  if (!mode.keepExistingCovered) {
    for (let j = nc; j < problem.siteIds.length; j++) for (let k = cover.start[j]; k < cover.start[j + 1]; k++) coveredFixed[cover.demand[k]] = 1;
  }
  let base = 0;
  for (let u = 0; u < n; u++) if (coveredFixed[u]) base += w[u];
  // Per demand point, its candidates (inverse lists over candidates only), sorted by index.
  const keepDemand = (u: number): boolean => !coveredFixed[u] && w[u] > 0;
  const fixed = mode.keepExistingCovered ? problem.siteIds.length - nc : 0;
  let sites = Int32Array.from({ length: nc + fixed }, (_, j) => j);
  let rows = invert(cover, sites, n, keepDemand);
  let merged = mergeDemand(rows, w, n, sites.length);
  let kept = nc;
  const drop = dominated(merged, nc, p, mode.dominance);
  if (drop.some((d) => d)) {
    sites = sites.filter((_, k) => k >= nc || !drop[k]);
    kept = sites.length - fixed;
    rows = invert(cover, sites, n, keepDemand);
    merged = mergeDemand(rows, w, n, sites.length);
  }
  return { cover: merged.cover, weights: merged.weights, sites, nCandidates: kept, base, demandOf: merged.demandOf };
}

interface DemandRows {
  /** Per problem demand point, its reduced candidates (CSR, ascending). */
  start: Int32Array;
  site: Int32Array;
}

function invert(cover: CoverageLists, sites: Int32Array, n: number, keep: (u: number) => boolean): DemandRows {
  const start = new Int32Array(n + 1);
  for (const j of sites) for (let k = cover.start[j]; k < cover.start[j + 1]; k++) if (keep(cover.demand[k])) start[cover.demand[k] + 1]++;
  for (let u = 0; u < n; u++) start[u + 1] += start[u];
  const site = new Int32Array(start[n]);
  const fill = start.slice(0, n);
  sites.forEach((j, r) => {
    for (let k = cover.start[j]; k < cover.start[j + 1]; k++) if (keep(cover.demand[k])) site[fill[cover.demand[k]]++] = r;
  });
  return { start, site };
}

/** Demand points with the same candidate set merged; the coverage lists rebuilt per reduced site. */
function mergeDemand(rows: DemandRows, w: Float64Array, n: number, nSites: number): { cover: CoverageLists; weights: Float64Array; demandOf: Int32Array } {
  const demandOf = new Int32Array(n).fill(-1);
  const byKey = new Map<string, number>();
  const weights: number[] = [];
  const firstOf: number[] = [];
  for (let u = 0; u < n; u++) {
    const a = rows.start[u];
    const b = rows.start[u + 1];
    if (a === b) continue;
    const key = rows.site.subarray(a, b).join(',');
    let r = byKey.get(key);
    if (r === undefined) {
      r = weights.length;
      byKey.set(key, r);
      weights.push(0);
      firstOf.push(u);
    }
    weights[r] += w[u];
    demandOf[u] = r;
  }
  const start = new Int32Array(nSites + 1);
  firstOf.forEach((u) => {
    for (let k = rows.start[u]; k < rows.start[u + 1]; k++) start[rows.site[k] + 1]++;
  });
  for (let j = 0; j < nSites; j++) start[j + 1] += start[j];
  const demand = new Int32Array(start[nSites]);
  const fill = start.slice(0, nSites);
  firstOf.forEach((u, r) => {
    for (let k = rows.start[u]; k < rows.start[u + 1]; k++) demand[fill[rows.site[k]]++] = r;
  });
  return { cover: { start, demand, cost: new Float64Array(demand.length) }, weights: Float64Array.from(weights), demandOf };
}

/**
 * Candidates to drop: covered set a subset of another's (`subsets`), else only exact duplicates
 * beyond the first p of a kind, and empty ones beyond p; never so many that fewer than p remain.
 */
function dominated(merged: { cover: CoverageLists; weights: Float64Array }, nSites: number, p: number, subsets: boolean): boolean[] {
  // Only candidates [0, nSites) are compared and dropped; existing facilities after them stay.
  const { start, demand } = merged.cover;
  const nd = merged.weights.length;
  // Inverse: per reduced demand point, the sites covering it.
  const is = new Int32Array(nd + 1);
  for (let k = 0; k < demand.length; k++) is[demand[k] + 1]++;
  for (let u = 0; u < nd; u++) is[u + 1] += is[u];
  const iv = new Int32Array(demand.length);
  const fill = is.slice(0, nd);
  const lenOf = (j: number): number => start[j + 1] - start[j];
  for (let j = 0; j + 1 < start.length; j++) for (let k = start[j]; k < start[j + 1]; k++) iv[fill[demand[k]]++] = j;
  const drop: boolean[] = new Array<boolean>(nSites).fill(false);
  const mark = new Int32Array(nd).fill(-1);
  const dupCount = new Map<number, number>();
  let kept = nSites;
  for (let j = 0; j < nSites && kept > p; j++) {
    const len = lenOf(j);
    if (len === 0) {
      drop[j] = true;
      kept--;
      continue;
    }
    // The demand point of j covered by the fewest sites: any dominating site covers it too.
    let pivot = demand[start[j]];
    for (let k = start[j]; k < start[j + 1]; k++) if (is[demand[k] + 1] - is[demand[k]] < is[pivot + 1] - is[pivot]) pivot = demand[k];
    for (let k = start[j]; k < start[j + 1]; k++) mark[demand[k]] = j;
    for (let t = is[pivot]; t < is[pivot + 1]; t++) {
      const k2 = iv[t];
      if (k2 === j || k2 >= nSites || drop[k2]) continue;
      const len2 = lenOf(k2);
      if (len2 < len || (!subsets && len2 !== len)) continue;
      let inside = 0;
      for (let q = start[k2]; q < start[k2 + 1]; q++) if (mark[demand[q]] === j) inside++;
      if (inside < len) continue;
      if (len2 === len) {
        // Same set: the lower index stands for the class; with subsets off keep p of a kind.
        if (k2 > j) continue;
        if (!subsets) {
          const c = (dupCount.get(k2) ?? 1) + 1;
          dupCount.set(k2, c);
          if (c <= p) continue;
        }
      }
      drop[j] = true;
      kept--;
      break;
    }
  }
  return drop;
}
