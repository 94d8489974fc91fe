/**
 * Per demand point, the sites that reach it sorted by cost (CSR): every such site, or only its k
 * nearest. The p-median search works on these lists, so its memory grows with the pairs kept
 * (n × k), not with n × m.
 *
 * How the k nearest bound the error: every site left out of u's list costs at least `beyond[u]`
 * (the (k+1)-th smallest cost). While none of u's listed sites is open the search counts u at
 * `beyond[u]`, a lower bound of its true cost, so the search's objective never exceeds the true
 * one by construction and is exact whenever every demand point has an open site in its list; the
 * plan it returns is always re-costed exactly (`openSiteCosts`), so the reported objective is
 * the true cost of the plan, whatever k.
 */
export interface DemandLists {
  n: number;
  m: number;
  start: Int32Array;
  site: Int32Array;
  cost: Float64Array;
  /** Lower bound on the cost of every site missing from u's list; Infinity when the list is complete. */
  beyond: Float64Array;
}

/** Lists from a demand-major dense matrix (Infinity = unreachable), keeping at most k per point. */
export function listsFromDense(cost: Float64Array, n: number, m: number, k = m): DemandLists {
  const idx = new Int32Array(m);
  const keep = Math.min(k, m);
  const start = new Int32Array(n + 1);
  const siteOut = new Int32Array(n * keep);
  const costOut = new Float64Array(n * keep);
  const beyond = new Float64Array(n).fill(Infinity);
  let at = 0;
  for (let u = 0; u < n; u++) {
    const base = u * m;
    let len = 0;
    for (let j = 0; j < m; j++) if (cost[base + j] !== Infinity) idx[len++] = j;
    const row = idx.subarray(0, len);
    row.sort((a, b) => cost[base + a] - cost[base + b] || a - b);
    const take = Math.min(len, keep);
    for (let t = 0; t < take; t++) {
      siteOut[at] = row[t];
      costOut[at++] = cost[base + row[t]];
    }
    if (len > keep) beyond[u] = cost[base + row[keep]];
    start[u + 1] = at;
  }
  return { n, m, start, site: siteOut.slice(0, at), cost: costOut.slice(0, at), beyond };
}

/**
 * Lists from per-site reach (any order within a site), keeping each demand point's k nearest:
 * a bounded max-heap of k + 1 entries per point, so memory is n × (k + 1) whatever m is.
 */
export class NearestCollector {
  private readonly cap: number;
  private readonly hc: Float64Array;
  private readonly hs: Int32Array;
  private readonly size: Int32Array;

  constructor(
    private readonly n: number,
    private readonly m: number,
    private readonly k: number,
  ) {
    this.cap = k + 1;
    this.hc = new Float64Array(n * this.cap);
    this.hs = new Int32Array(n * this.cap);
    this.size = new Int32Array(n);
  }

  /** Offers the pair (u, site j) at cost c. */
  add(u: number, j: number, c: number): void {
    const { cap, hc, hs } = this;
    const base = u * cap;
    const sz = this.size[u];
    if (sz < cap) {
      let h = sz;
      this.size[u] = sz + 1;
      while (h > 0) {
        const parent = (h - 1) >> 1;
        if (!(c > hc[base + parent] || (c === hc[base + parent] && j > hs[base + parent]))) break;
        hc[base + h] = hc[base + parent];
        hs[base + h] = hs[base + parent];
        h = parent;
      }
      hc[base + h] = c;
      hs[base + h] = j;
      return;
    }
    if (!above(hc, hs, base, c, j)) return;
    let h = 0;
    for (;;) {
      let child = 2 * h + 1;
      if (child >= cap) break;
      if (child + 1 < cap && above(hc, hs, base + child + 1, hc[base + child], hs[base + child])) child++;
      if (!above(hc, hs, base + child, c, j)) break;
      hc[base + h] = hc[base + child];
      hs[base + h] = hs[base + child];
      h = child;
    }
    hc[base + h] = c;
    hs[base + h] = j;
  }

  finish(): DemandLists {
    const { n, m, k, cap, hc, hs, size } = this;
    const start = new Int32Array(n + 1);
    for (let u = 0; u < n; u++) start[u + 1] = start[u] + Math.min(size[u], k);
    const site = new Int32Array(start[n]);
    const cost = new Float64Array(start[n]);
    const beyond = new Float64Array(n).fill(Infinity);
    const order = new Int32Array(cap);
    for (let u = 0; u < n; u++) {
      const base = u * cap;
      const sz = size[u];
      for (let t = 0; t < sz; t++) order[t] = base + t;
      const row = order.subarray(0, sz);
      row.sort((a, b) => hc[a] - hc[b] || hs[a] - hs[b]);
      const take = Math.min(sz, k);
      for (let t = 0; t < take; t++) {
        site[start[u] + t] = hs[row[t]];
        cost[start[u] + t] = hc[row[t]];
      }
      if (sz > k) beyond[u] = hc[row[k]];
    }
    return { n, m, start, site, cost, beyond };
  }
}

/** Heap order: larger (cost, site) pairs sit at the top of the max-heap. */
function above(hc: Float64Array, hs: Int32Array, a: number, bc: number, bj: number): boolean {
  return hc[a] > bc || (hc[a] === bc && hs[a] > bj);
}

/** Whether every list holds every site reaching its demand point (no k cut). */
export function listsComplete(lists: DemandLists): boolean {
  return lists.beyond.every((b) => b === Infinity);
}

/**
 * How many nearest sites the p-median keeps per demand point: with p of m candidates open, a
 * point's nearest open site is, on average, about its (m / p)-th nearest; three times that (at
 * least 40) leaves almost every point an open site in its list. On the city bench (20,000 × 2,000,
 * p = 100) k = 40, 64 and 160 gave objectives within 0.005 % of each other; time grows with k.
 */
export function nearestK(m: number, p: number): number {
  return Math.min(m, Math.max(40, Math.ceil((3 * m) / Math.max(1, p))));
}
