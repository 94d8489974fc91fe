import type { CoverageLists } from '../problem.ts';

const EPS = 1e-9;

/** How many of each demand point's people an open set of sites can seat, and where. */
export interface SeatFlow {
  served: number;
  /** Per demand point, the open site serving most of it (-1 if none). */
  mainSite: Int32Array;
  /** Per demand point, the weight seated. */
  seated: Float64Array;
}

/**
 * A flow network in flat arrays: edge e and its reverse e ^ 1, adjacency as linked lists. The
 * arrays may be longer than `nodes` and `edges` (room for a query's nodes and edges).
 */
interface Network {
  nodes: number;
  edges: number;
  head: Int32Array;
  to: Int32Array;
  next: Int32Array;
  cap: Float64Array;
  /** When given, every edge whose capacity the flow changes is appended (its pair changes too). */
  changed: number[] | null;
  /** Dinic's per-node scratch (levels, edge iterators, queue), as long as `head`. */
  dist: Int32Array;
  iter: Int32Array;
  queue: Int32Array;
}

/**
 * The capacitated covering's seat flow: source → demand (weight) → open site within the radius →
 * sink (seats), by Dinic's algorithm — the most people that can be given a seat within reach,
 * blocks split between sites if needed. Built for many sets of new sites around the same existing
 * facilities (`fixed`): their flow, most of a city's network, is solved once, and each query copies
 * its residual network, adds the new sites' edges and only augments. Only demand points some open
 * site reaches become nodes. The greedy and swap searches run thousands of queries.
 */
export class SeatNetwork {
  /** The existing facilities' network, each query added to it in place and taken away after. */
  private g: Network;
  private readonly baseNodes: number;
  private readonly baseEdges: number;
  /** The existing network's adjacency heads and residual capacities, to restore after a query. */
  private readonly baseHead: Int32Array;
  private readonly baseCap: Float64Array;
  private readonly source: number;
  private readonly sink: number;
  /** Demand point → its node in the existing network, or -1. */
  private readonly local: Int32Array;
  private readonly members: Int32Array;
  /** Demand–facility edges of the existing network: demand node, facility (site index), edge. */
  private readonly basePairs: Int32Array;
  /** Scratch: demand point → its node in the current query (-1 when it has none). */
  private readonly scratch: Int32Array;
  /** Nodes that reach the sink in the existing facilities' residual network: no new site's path goes through them (see `reachingSink`). */
  private readonly dead: Uint8Array;
  readonly baseServed: number;

  constructor(
    private readonly cover: CoverageLists,
    private readonly weights: Float64Array,
    private readonly capacity: Float64Array,
    fixed: readonly number[],
  ) {
    const n = weights.length;
    this.local = new Int32Array(n).fill(-1);
    this.scratch = new Int32Array(n).fill(-1);
    const members: number[] = [];
    for (const j of fixed) {
      for (let t = cover.start[j]; t < cover.start[j + 1]; t++) {
        const u = cover.demand[t];
        if (weights[u] > 0 && this.local[u] < 0) {
          this.local[u] = members.length;
          members.push(u);
        }
      }
    }
    this.members = Int32Array.from(members);
    const nd = members.length;
    this.source = nd + fixed.length;
    this.sink = this.source + 1;
    let pairs = 0;
    for (const j of fixed) for (let t = cover.start[j]; t < cover.start[j + 1]; t++) if (this.local[cover.demand[t]] >= 0) pairs++;
    const g = networkOf(this.sink + 1, 2 * (nd + fixed.length + pairs));
    for (let l = 0; l < nd; l++) addEdge(g, this.source, l, weights[members[l]]);
    const basePairs = new Int32Array(3 * pairs);
    let at = 0;
    fixed.forEach((j, k) => {
      addEdge(g, nd + k, this.sink, capacity[j]);
      for (let t = cover.start[j]; t < cover.start[j + 1]; t++) {
        const l = this.local[cover.demand[t]];
        if (l < 0) continue;
        basePairs[at++] = l;
        basePairs[at++] = j;
        basePairs[at++] = g.edges;
        addEdge(g, l, nd + k, Infinity);
      }
    });
    this.basePairs = basePairs;
    this.baseServed = augment(g, this.source, this.sink, null);
    this.g = g;
    this.baseNodes = g.nodes;
    this.baseEdges = g.edges;
    this.baseHead = g.head.slice(0, g.nodes);
    this.baseCap = g.cap.slice(0, g.edges);
    this.dead = reachingSink(g, this.sink);
  }

  /** The people the existing facilities and the new sites `open` can seat. */
  served(open: readonly number[]): number {
    return this.solve(open, null);
  }

  /** Where the existing facilities and the new sites `open` seat whom (a demand point's main site: ties go to the earlier, existing first). */
  flow(open: readonly number[]): SeatFlow {
    const n = this.weights.length;
    const seated = new Float64Array(n);
    const mainSite = new Int32Array(n).fill(-1);
    const mainFlow = new Float64Array(n);
    const served = this.solve(open, (u, j, f) => {
      seated[u] += f;
      if (f > mainFlow[u]) {
        mainFlow[u] = f;
        mainSite[u] = j;
      }
    });
    return { served, mainSite, seated };
  }

  /** Augments the existing network's flow with `open`; `onPair` sees each demand–site flow, existing facilities first. */
  private solve(open: readonly number[], onPair: ((u: number, j: number, flow: number) => void) | null): number {
    const { cover, weights, local, scratch, baseNodes, baseEdges } = this;
    // New demand nodes (points only new sites reach) after the existing network's nodes, then the new sites.
    const added: number[] = [];
    let pairs = 0;
    for (const j of open) {
      for (let t = cover.start[j]; t < cover.start[j + 1]; t++) {
        const u = cover.demand[t];
        if (!(weights[u] > 0)) continue;
        pairs++;
        if (local[u] < 0 && scratch[u] < 0) {
          scratch[u] = baseNodes + added.length;
          added.push(u);
        }
      }
    }
    const siteNode = baseNodes + added.length;
    const g = (this.g = withRoom(this.g, siteNode + open.length, baseEdges + 2 * (added.length + open.length + pairs)));
    g.nodes = siteNode + open.length;
    g.head.fill(-1, baseNodes, g.nodes);
    for (const u of added) addEdge(g, this.source, scratch[u], weights[u]);
    const newPairs = new Int32Array(3 * pairs);
    let at = 0;
    open.forEach((j, k) => {
      addEdge(g, siteNode + k, this.sink, this.capacity[j]);
      for (let t = cover.start[j]; t < cover.start[j + 1]; t++) {
        const u = cover.demand[t];
        if (!(weights[u] > 0)) continue;
        newPairs[at++] = u;
        newPairs[at++] = j;
        newPairs[at++] = g.edges;
        addEdge(g, local[u] >= 0 ? local[u] : scratch[u], siteNode + k, Infinity);
      }
    });
    for (const u of added) scratch[u] = -1;
    const changed: number[] = [];
    g.changed = changed;
    const served = this.baseServed + augment(g, this.source, this.sink, this.dead);
    g.changed = null;
    if (onPair) {
      // The flow on an edge is what its reverse edge can send back.
      const bp = this.basePairs;
      for (let i = 0; i < bp.length; i += 3) {
        const f = g.cap[bp[i + 2] ^ 1];
        if (f > EPS) onPair(this.members[bp[i]], bp[i + 1], f);
      }
      for (let i = 0; i < newPairs.length; i += 3) {
        const f = g.cap[newPairs[i + 2] ^ 1];
        if (f > EPS) onPair(newPairs[i], newPairs[i + 1], f);
      }
    }
    // Back to the existing network: its heads, the capacities the flow changed, its sizes.
    g.head.set(this.baseHead);
    for (const e of changed) {
      if (e >= baseEdges) continue;
      g.cap[e] = this.baseCap[e];
      g.cap[e ^ 1] = this.baseCap[e ^ 1];
    }
    g.nodes = baseNodes;
    g.edges = baseEdges;
    return served;
  }
}

function networkOf(nodes: number, maxEdges: number): Network {
  return {
    nodes,
    edges: 0,
    head: new Int32Array(nodes).fill(-1),
    to: new Int32Array(maxEdges),
    next: new Int32Array(maxEdges),
    cap: new Float64Array(maxEdges),
    changed: null,
    dist: new Int32Array(nodes),
    iter: new Int32Array(nodes),
    queue: new Int32Array(nodes),
  };
}

/** `g` itself when its arrays hold `nodes` and `maxEdges`, else a copy with room to spare (queries grow it rarely). */
function withRoom(g: Network, nodes: number, maxEdges: number): Network {
  if (g.head.length >= nodes && g.to.length >= maxEdges) return g;
  const out = networkOf(Math.max(nodes, Math.ceil(g.head.length * 1.5)), Math.max(maxEdges, Math.ceil(g.to.length * 1.5)));
  out.head.set(g.head);
  out.to.set(g.to);
  out.next.set(g.next);
  out.cap.set(g.cap);
  out.nodes = g.nodes;
  out.edges = g.edges;
  return out;
}

/**
 * The nodes that can still send flow to the sink once the existing facilities' flow is maximal (an
 * existing facility with seats to spare and the blocks around it). The source reaches none of
 * them, and the edges a query adds (source → new block, block → new site → sink) lead into none, so
 * no augmenting path of any later query enters them (nor does the flow it pushes make an edge
 * that does): the searches skip them instead of walking them every phase.
 */
function reachingSink(g: Network, sink: number): Uint8Array {
  const reach = new Uint8Array(g.nodes);
  const queue = new Int32Array(g.nodes);
  let qt = 0;
  queue[qt++] = sink;
  for (let qh = 0; qh < qt; qh++) {
    const v = queue[qh];
    for (let e = g.head[v]; e >= 0; e = g.next[e]) {
      const w = g.to[e];
      if (!reach[w] && w !== sink && g.cap[e ^ 1] > EPS) {
        reach[w] = 1;
        queue[qt++] = w;
      }
    }
  }
  return reach;
}

function addEdge(g: Network, a: number, b: number, c: number): void {
  const e = g.edges;
  g.to[e] = b;
  g.cap[e] = c;
  g.next[e] = g.head[a];
  g.head[a] = e;
  g.to[e + 1] = a;
  g.cap[e + 1] = 0;
  g.next[e + 1] = g.head[b];
  g.head[b] = e + 1;
  g.edges = e + 2;
}

/**
 * Dinic's algorithm from the flow `g` holds: the flow added from source to sink. Levels are
 * distances to the sink over residual edges, found backwards from the sink and no further than the
 * source, skipping the `dead` nodes: after the existing facilities' flow, a new site's paths are
 * mostly source → block → site → sink, and a search forwards from the source would walk the whole
 * city's network every phase.
 */
function augment(g: Network, source: number, sink: number, dead: Uint8Array | null): number {
  const { head, to, next, cap, dist, iter, queue } = g;
  // The source's edges into the level graph, found by the search: the source's own list holds every block.
  const entries: number[] = [];
  const bfs = (): boolean => {
    dist.fill(-1, 0, g.nodes);
    dist[sink] = 0;
    entries.length = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = sink;
    while (qh < qt) {
      const v = queue[qh++];
      if (dist[source] >= 0 && dist[v] >= dist[source]) break;
      // Edge e leaves v; its reverse e ^ 1 enters v from to[e] with what it can still carry.
      for (let e = head[v]; e >= 0; e = next[e]) {
        const w = to[e];
        if (cap[e ^ 1] <= EPS) continue;
        if (w === source) {
          if (dist[source] < 0) dist[source] = dist[v] + 1;
          entries.push(e ^ 1);
        } else if (dist[w] < 0 && !(dead && w < dead.length && dead[w])) {
          dist[w] = dist[v] + 1;
          queue[qt++] = w;
        }
      }
    }
    return dist[source] >= 0;
  };
  const dfs = (v: number, f: number): number => {
    if (v === sink) return f;
    for (; iter[v] >= 0; iter[v] = next[iter[v]]) {
      const e = iter[v];
      const w = to[e];
      if (cap[e] <= EPS || dist[w] !== dist[v] - 1) continue;
      const d = dfs(w, Math.min(f, cap[e]));
      if (d > EPS) {
        cap[e] -= d;
        cap[e ^ 1] += d;
        g.changed?.push(e);
        return d;
      }
    }
    return 0;
  };
  let added = 0;
  while (bfs()) {
    iter.set(head.subarray(0, g.nodes));
    for (const es of entries) {
      const w = to[es];
      while (cap[es] > EPS) {
        const d = dfs(w, cap[es]);
        if (d <= EPS) break;
        cap[es] -= d;
        cap[es ^ 1] += d;
        g.changed?.push(es);
        added += d;
      }
    }
  }
  return added;
}
