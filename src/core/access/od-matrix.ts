import { reachTable } from '../catchment/reach-table.ts';
import type { DistanceRule, ReachTable, SiteRef } from '../types.ts';

/**
 * Travel costs between origins (demand: cells, homes) and destinations (supply: facilities, jobs),
 * sparse: one entry per pair given, in any order; a pair that is absent is unreachable. Origins and
 * destinations are indices into the caller's demand and supply arrays. Three parallel typed arrays
 * (coordinate form) rather than objects per pair, so a city-sized matrix (Belo Horizonte: 748,437
 * pairs) costs 16 bytes a pair and every measure is one pass over them.
 */
export interface OdMatrix {
  originCount: number;
  destinationCount: number;
  /** Origin index of each pair. */
  origins: Int32Array;
  /** Destination index of each pair. */
  destinations: Int32Array;
  /** Cost of each pair (minutes, metres, …: the unit of the source); never negative. */
  costs: Float64Array;
}

/**
 * A ReachTable (rows per site, the demand points each reaches) as an OdMatrix: sites are the
 * destinations, demand points the origins. The table's arrays are shared, not copied; pairs keep
 * the table's order, so sums over them add in the same order as a loop over the table.
 */
export function odFromReachTable(table: ReachTable, demandCount: number): OdMatrix {
  const siteCount = table.offsets.length - 1;
  const destinations = new Int32Array(table.indices.length);
  for (let s = 0; s < siteCount; s++) destinations.fill(s, table.offsets[s], table.offsets[s + 1]);
  return { originCount: demandCount, destinationCount: siteCount, origins: table.indices, destinations, costs: table.distancesM };
}

/**
 * The pairs a distance rule (straight line, walking network, cost matrix) finds within `maxCost`
 * of each site, so every measure works on it as on a travel-time matrix.
 */
export function odFromDistanceRule(rule: DistanceRule, sites: readonly SiteRef[], maxCost: number): OdMatrix {
  return odFromReachTable(reachTable(rule, sites, maxCost), rule.demandCount);
}

/** Pair indices grouped by one side: group k holds `pairs[offsets[k] .. offsets[k + 1])`, in pair order. */
export interface PairGroups {
  offsets: Int32Array;
  pairs: Int32Array;
}

/** Groups pair indices by `keys` (origins or destinations) with a stable counting sort: O(pairs). */
export function groupPairs(keys: Int32Array, groupCount: number): PairGroups {
  const offsets = new Int32Array(groupCount + 1);
  for (let p = 0; p < keys.length; p++) offsets[keys[p] + 1]++;
  for (let k = 0; k < groupCount; k++) offsets[k + 1] += offsets[k];
  const next = offsets.slice(0, groupCount);
  const pairs = new Int32Array(keys.length);
  for (let p = 0; p < keys.length; p++) pairs[next[keys[p]]++] = p;
  return { offsets, pairs };
}
