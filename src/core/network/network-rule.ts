import { InputError, type InputWarning } from '../errors.ts';
import type { BatchDistanceRule, LngLat, Reach, ReachTable, SiteRef } from '../types.ts';
import type { RoadGraph } from './road-graph.ts';
import { NetworkSearch } from './search.ts';
import { snapPoint, walkNetwork, type BarrierOptions, type Snap, type WalkNetwork } from './walk-network.ts';

/** Points farther than this from every road are not on the walking network (metres). */
export const DEFAULT_MAX_SNAP_M = 250;

export interface NetworkRuleOptions {
  /** Only with a RoadGraph: arterials not crossed except at crossings. A WalkNetwork carries its own. */
  barrier?: BarrierOptions | null;
  /** Points farther than this from every road are unreachable, and warned about (default 250 m). */
  maxSnapM?: number;
}

/** A walking-network distance rule; also says which points could not be put on the network. */
export interface NetworkRule extends BatchDistanceRule {
  readonly kind: 'network';
  readonly network: WalkNetwork;
  readonly maxSnapM: number;
  /** Demand points farther than `maxSnapM` from every road: no site reaches them. */
  readonly unsnappedDemand: Int32Array;
  /**
   * One warning per demand point and per site (asked so far) too far from the roads, naming
   * demand points by `demandName` (default `point N`, 1-based).
   */
  warnings(demandName?: (index: number) => string, sources?: { demand?: string; sites?: string }): InputWarning[];
}

/** Growable typed-array rows for `reachAll`, so a city of pairs costs no objects. */
class Rows {
  indices = new Int32Array(1024);
  distancesM = new Float64Array(1024);
  length = 0;

  append(indices: ArrayLike<number>, distancesM: ArrayLike<number>, count: number): void {
    if (this.length + count > this.indices.length) {
      const size = Math.max(2 * this.indices.length, this.length + count);
      const grownIdx = new Int32Array(size);
      grownIdx.set(this.indices.subarray(0, this.length));
      this.indices = grownIdx;
      const grownDist = new Float64Array(size);
      grownDist.set(this.distancesM.subarray(0, this.length));
      this.distancesM = grownDist;
    }
    for (let k = 0; k < count; k++) {
      this.indices[this.length + k] = indices[k];
      this.distancesM[this.length + k] = distancesM[k];
    }
    this.length += count;
  }
}

/**
 * Walking distance along the roads: each point is snapped to its nearest road segment (the snap
 * distance is walked too), and each site's catchment is a bounded Dijkstra from the two ends of
 * its segment. Demand on a reached segment is reached from whichever end is nearer, or directly
 * along the site's own segment. Built over a fixed array of demand points; slots into
 * `evaluate({ distanceRule })`, `buildProblem({ rule })` and `recommendSites`.
 */
export function networkRule(network: RoadGraph | WalkNetwork, points: readonly LngLat[], options: NetworkRuleOptions = {}): NetworkRule {
  if (network.kind === 'walk-network' && options.barrier) {
    throw new Error('networkRule: a WalkNetwork carries its own barrier; pass barrier options to walkNetwork()');
  }
  const net = network.kind === 'walk-network' ? network : walkNetwork(network, { barrier: options.barrier });
  const maxSnapM = options.maxSnapM ?? DEFAULT_MAX_SNAP_M;
  if (!(maxSnapM >= 0)) throw new RangeError(`maxSnapM must be ≥ 0, got ${maxSnapM}`);
  const n = points.length;

  // Demand points grouped by walk edge (compressed rows), each with its place and snap distance.
  const snaps = points.map(([lng, lat]) => snapPoint(net, lng, lat, maxSnapM));
  const unsnapped: number[] = [];
  const edgeStart = new Int32Array(net.walkCount + 1);
  snaps.forEach((s, i) => (s ? edgeStart[s.walk + 1]++ : unsnapped.push(i)));
  for (let w = 0; w < net.walkCount; w++) edgeStart[w + 1] += edgeStart[w];
  const fill = edgeStart.slice(0, net.walkCount);
  const onEdge = new Int32Array(edgeStart[net.walkCount]);
  const onEdgeT = new Float64Array(onEdge.length);
  const onEdgeSnapM = new Float64Array(onEdge.length);
  snaps.forEach((s, i) => {
    if (!s) return;
    const k = fill[s.walk]++;
    onEdge[k] = i;
    onEdgeT[k] = s.t;
    onEdgeSnapM[k] = s.snapM;
  });

  const search = new NetworkSearch(net);
  const best = new Float64Array(n).fill(Infinity);
  const found = new Int32Array(n);
  let foundCount = 0;
  const farSites = new Set<string>();

  const offer = (k: number, d: number, maxDistanceM: number) => {
    const i = onEdge[k];
    if (d > maxDistanceM || d >= best[i]) return;
    if (best[i] === Infinity) found[foundCount++] = i;
    best[i] = d;
  };

  /** The demand within `maxDistanceM` of `site`, left in `found`/`best`. */
  function collect(site: SiteRef, maxDistanceM: number): void {
    for (let k = 0; k < foundCount; k++) best[found[k]] = Infinity;
    foundCount = 0;
    if (!site.lngLat) throw new InputError(site.id, 'site has no coordinates for a walking-network distance');
    const snap: Snap | null = snapPoint(net, site.lngLat[0], site.lngLat[1], maxSnapM);
    if (!snap) {
      farSites.add(site.id);
      return;
    }
    search.runFrom(snap, maxDistanceM);
    const { walkFrom, walkLengthM, stateStart, stateWalk } = net;
    const { dist, settled } = search;
    for (let s = 0; s < search.settledCount; s++) {
      const u = settled[s];
      const du = dist[u];
      for (let a = stateStart[u]; a < stateStart[u + 1]; a++) {
        const w = stateWalk[a];
        const len = walkLengthM[w];
        const fromU = walkFrom[w] === u;
        for (let k = edgeStart[w]; k < edgeStart[w + 1]; k++) {
          offer(k, du + (fromU ? onEdgeT[k] : 1 - onEdgeT[k]) * len + onEdgeSnapM[k], maxDistanceM);
        }
      }
    }
    // Along the site's own segment without passing a node.
    const len = walkLengthM[snap.walk];
    for (let k = edgeStart[snap.walk]; k < edgeStart[snap.walk + 1]; k++) {
      offer(k, snap.snapM + Math.abs(snap.t - onEdgeT[k]) * len + onEdgeSnapM[k], maxDistanceM);
    }
  }

  /** `found` sorted by distance, then index (deterministic rows). */
  function sortedFound(): Int32Array {
    const out = found.slice(0, foundCount);
    out.sort((a, b) => best[a] - best[b] || a - b);
    return out;
  }

  return {
    kind: 'network',
    demandCount: n,
    network: net,
    maxSnapM,
    unsnappedDemand: Int32Array.from(unsnapped),
    reach(site: SiteRef, maxDistanceM: number): Reach {
      collect(site, maxDistanceM);
      const indices = sortedFound();
      return { indices, distancesM: Float64Array.from(indices, (i) => best[i]) };
    },
    reachAll(sites: readonly SiteRef[], maxDistanceM: number): ReachTable {
      const rows = new Rows();
      const offsets = new Int32Array(sites.length + 1);
      sites.forEach((site, s) => {
        collect(site, maxDistanceM);
        const indices = sortedFound();
        rows.append(indices, Float64Array.from(indices, (i) => best[i]), indices.length);
        offsets[s + 1] = rows.length;
      });
      return { offsets, indices: rows.indices.slice(0, rows.length), distancesM: rows.distancesM.slice(0, rows.length) };
    },
    warnings(demandName = (i) => `point ${i + 1}`, sources = {}): InputWarning[] {
      const reason = `farther than ${maxSnapM} m from every road: unreachable on the walking network`;
      return [
        ...unsnapped.map((i) => ({ source: sources.demand ?? 'demand', feature: demandName(i), reason })),
        ...[...farSites].map((id) => ({ source: sources.sites ?? 'sites', feature: id, reason })),
      ];
    },
  };
}
