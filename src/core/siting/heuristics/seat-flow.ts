import type { CoverageLists } from '../problem.ts';

/** How many of each demand point's people an open set of sites can seat, and where. */
export interface SeatFlow {
  served: number;
  /** Per demand point, the open site serving most of it (-1 if none). */
  mainSite: Int32Array;
  /** Per demand point, the weight seated. */
  seated: Float64Array;
}

/**
 * Maximum flow source → demand (weight) → open site within the radius → sink (seats), by Dinic's
 * algorithm: the most people that can be given a seat within reach, splitting blocks if needed.
 * Only the demand points some open site reaches become nodes, so one flow costs the open sites'
 * cover, not the whole demand (the greedy and swap searches run thousands of them).
 */
export function seatFlow(cover: CoverageLists, weights: Float64Array, capacity: Float64Array, open: readonly number[]): SeatFlow {
  const n = weights.length;
  const { served, members, pairEdge, flowOn } = maxFlow(cover, weights, capacity, open);
  const eps = 1e-9;
  const seated = new Float64Array(n);
  const mainSite = new Int32Array(n).fill(-1);
  const mainFlow = new Float64Array(n);
  for (const { l, k, e } of pairEdge) {
    const f = flowOn(e);
    if (f <= eps) continue;
    const u = members[l];
    seated[u] += f;
    if (f > mainFlow[u]) {
      mainFlow[u] = f;
      mainSite[u] = open[k];
    }
  }
  return { served, mainSite, seated };
}

/** The number seated only (what the searches compare). */
export function seatsServed(cover: CoverageLists, weights: Float64Array, capacity: Float64Array, open: readonly number[]): number {
  return maxFlow(cover, weights, capacity, open).served;
}

function maxFlow(
  cover: CoverageLists,
  weights: Float64Array,
  capacity: Float64Array,
  open: readonly number[],
): { served: number; members: number[]; pairEdge: { l: number; k: number; e: number }[]; flowOn: (e: number) => number } {
  // Compact node numbering: local demand nodes [0, nd), then open sites, source, sink.
  const local = new Map<number, number>();
  const members: number[] = [];
  for (const j of open) {
    for (let t = cover.start[j]; t < cover.start[j + 1]; t++) {
      const u = cover.demand[t];
      if (weights[u] > 0 && !local.has(u)) {
        local.set(u, members.length);
        members.push(u);
      }
    }
  }
  const nd = members.length;
  const source = nd + open.length;
  const sink = source + 1;
  const nodes = sink + 1;
  const head = new Int32Array(nodes).fill(-1);
  const to: number[] = [];
  const cap: number[] = [];
  const next: number[] = [];
  const addEdge = (a: number, b: number, c: number): void => {
    to.push(b, a);
    cap.push(c, 0);
    next.push(head[a], head[b]);
    head[a] = to.length - 2;
    head[b] = to.length - 1;
  };
  for (let l = 0; l < nd; l++) addEdge(source, l, weights[members[l]]);
  const pairEdge: { l: number; k: number; e: number }[] = [];
  open.forEach((j, k) => {
    addEdge(nd + k, sink, capacity[j]);
    for (let t = cover.start[j]; t < cover.start[j + 1]; t++) {
      const l = local.get(cover.demand[t]);
      if (l === undefined) continue;
      pairEdge.push({ l, k, e: to.length });
      addEdge(l, nd + k, Infinity);
    }
  });
  const eps = 1e-9;
  const level = new Int32Array(nodes);
  const iter = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  let served = 0;
  const bfs = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = source;
    while (qh < qt) {
      const v = queue[qh++];
      for (let e = head[v]; e >= 0; e = next[e]) {
        if (cap[e] > eps && level[to[e]] < 0) {
          level[to[e]] = level[v] + 1;
          queue[qt++] = to[e];
        }
      }
    }
    return level[sink] >= 0;
  };
  const dfs = (v: number, f: number): number => {
    if (v === sink) return f;
    for (; iter[v] >= 0; iter[v] = next[iter[v]]) {
      const e = iter[v];
      const w = to[e];
      if (cap[e] <= eps || level[w] !== level[v] + 1) continue;
      const d = dfs(w, Math.min(f, cap[e]));
      if (d > eps) {
        cap[e] -= d;
        cap[e ^ 1] += d;
        return d;
      }
    }
    return 0;
  };
  while (bfs()) {
    iter.set(head);
    for (;;) {
      const f = dfs(source, Infinity);
      if (f <= eps) break;
      served += f;
    }
  }
  return { served, members, pairEdge, flowOn: (e) => cap[e ^ 1] };
}
