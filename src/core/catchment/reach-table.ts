import type { BatchDistanceRule, DistanceRule, ReachTable, SiteRef } from '../types.ts';

function isBatchRule(rule: DistanceRule): rule is BatchDistanceRule {
  return typeof (rule as Partial<BatchDistanceRule>).reachAll === 'function';
}

/**
 * Catchment membership of every site: the demand points within `radiusM` of each, as a
 * ReachTable. A batch rule answers in one pass; any other rule (a walking network, a cost matrix)
 * is asked site by site.
 */
export function reachTable(rule: DistanceRule, sites: readonly SiteRef[], radiusM: number): ReachTable {
  if (isBatchRule(rule)) return rule.reachAll(sites, radiusM);
  const reaches = sites.map((site) => rule.reach(site, radiusM));
  const offsets = new Int32Array(sites.length + 1);
  reaches.forEach((r, s) => (offsets[s + 1] = offsets[s] + r.indices.length));
  const indices = new Int32Array(offsets[sites.length]);
  const distancesM = new Float64Array(offsets[sites.length]);
  reaches.forEach((r, s) => {
    indices.set(r.indices, offsets[s]);
    distancesM.set(r.distancesM, offsets[s]);
  });
  return { offsets, indices, distancesM };
}
