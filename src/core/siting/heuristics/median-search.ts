/**
 * Swap-based local search for the p-median problem with the data structures of Resende & Werneck
 * ("A fast swap-based local search procedure for location problems", 2007): for every demand point
 * its nearest and second-nearest open site; gain[i] (closing nobody, opening i), loss[s] (closing
 * slot s) and extra[i,s] (the correction when both happen) are updated only for the demand points a
 * swap touches, so finding the best swap costs O(candidates × p) instead of a full re-evaluation.
 *
 * Costs must be finite: callers replace "unreachable" by a large sentinel.
 */
export class MedianSearch {
  readonly n: number;
  readonly m: number;
  readonly p: number;
  /** Demand-major costs, n × m. */
  private readonly c: Float64Array;
  private readonly w: Float64Array;
  /** Per demand point, all sites sorted by cost (n × m). */
  private readonly near: Int32Array;
  /** 1 where a site may be opened or closed by the search. */
  readonly swappable: Uint8Array;
  private readonly fixed: Int32Array;
  private readonly big: number;

  readonly open: Uint8Array;
  private readonly slotOf: Int32Array;
  /** Site in each swappable slot; `count` slots are filled. */
  readonly sol: Int32Array;
  count = 0;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly f1: Int32Array;
  readonly f2: Int32Array;
  private readonly gain: Float64Array;
  private readonly loss: Float64Array;
  private readonly extra: Float64Array;
  /** Per candidate row of `extra`, the slots that may be non-zero (RW's sparse extra). */
  private readonly touched: Int32Array;
  private readonly touchedLen: Int32Array;
  private readonly inTouched: Uint8Array;
  private readonly affected: Int32Array;

  constructor(args: {
    cost: Float64Array;
    weights: Float64Array;
    nSites: number;
    swappable: Uint8Array;
    fixed: Int32Array;
    p: number;
    /** Cost used for "no open site in reach"; larger than every real cost. */
    big: number;
  }) {
    this.m = args.nSites;
    this.n = args.weights.length;
    this.p = args.p;
    this.c = args.cost;
    this.w = args.weights;
    this.swappable = args.swappable;
    this.fixed = args.fixed;
    this.big = args.big;
    const { n, m, p } = this;
    this.near = new Int32Array(n * m);
    const idx = new Int32Array(m);
    for (let u = 0; u < n; u++) {
      const base = u * m;
      for (let i = 0; i < m; i++) idx[i] = i;
      idx.sort((a, b) => this.c[base + a] - this.c[base + b] || a - b);
      this.near.set(idx, base);
    }
    this.open = new Uint8Array(m);
    this.slotOf = new Int32Array(m).fill(-1);
    this.sol = new Int32Array(p);
    this.d1 = new Float64Array(n);
    this.d2 = new Float64Array(n);
    this.f1 = new Int32Array(n);
    this.f2 = new Int32Array(n);
    this.gain = new Float64Array(m);
    this.loss = new Float64Array(p);
    this.extra = new Float64Array(m * p);
    this.touched = new Int32Array(m * p);
    this.touchedLen = new Int32Array(m);
    this.inTouched = new Uint8Array(m * p);
    this.affected = new Int32Array(n);
  }

  /** Opens exactly the fixed sites plus `sites` (at most p) and rebuilds every structure. */
  reset(sites: ArrayLike<number>): void {
    this.open.fill(0);
    this.slotOf.fill(-1);
    this.gain.fill(0);
    this.loss.fill(0);
    this.extra.fill(0);
    this.touchedLen.fill(0);
    this.inTouched.fill(0);
    for (const f of this.fixed) this.open[f] = 1;
    this.count = sites.length;
    for (let s = 0; s < sites.length; s++) {
      this.sol[s] = sites[s];
      this.open[sites[s]] = 1;
      this.slotOf[sites[s]] = s;
    }
    for (let u = 0; u < this.n; u++) {
      this.findNearest(u);
      this.contribute(u, 1);
    }
  }

  objective(): number {
    let obj = 0;
    for (let u = 0; u < this.n; u++) obj += this.w[u] * this.d1[u];
    return obj;
  }

  /** Sites currently in the swappable slots. */
  solution(): number[] {
    return Array.from(this.sol.subarray(0, this.count));
  }

  /** Adds or removes demand point u's share of gain, loss and extra. */
  private contribute(u: number, sign: number): void {
    const wu = this.w[u] * sign;
    if (wu === 0) return;
    const a = this.d1[u];
    const b = this.d2[u];
    const r = this.f1[u];
    const s = r >= 0 ? this.slotOf[r] : -1;
    if (s >= 0) this.loss[s] += wu * (b - a);
    const { m, p, c, near, open, swappable, gain, extra, inTouched } = this;
    const base = u * m;
    for (let k = 0; k < m; k++) {
      const i = near[base + k];
      const ci = c[base + i];
      if (ci >= b) break;
      if (open[i] || !swappable[i]) continue;
      if (ci < a) gain[i] += wu * (a - ci);
      if (s >= 0) {
        const e = i * p + s;
        extra[e] += wu * (b - (ci > a ? ci : a));
        if (!inTouched[e]) {
          inTouched[e] = 1;
          this.touched[i * p + this.touchedLen[i]++] = s;
        }
      }
    }
  }

  /** Nearest and second-nearest open site of u, by walking its sorted list. */
  private findNearest(u: number): void {
    const { m, c, near, open } = this;
    const base = u * m;
    let first = -1;
    for (let k = 0; k < m; k++) {
      const i = near[base + k];
      if (!open[i]) continue;
      if (first < 0) {
        first = i;
        continue;
      }
      this.f1[u] = first;
      this.d1[u] = c[base + first];
      this.f2[u] = i;
      this.d2[u] = c[base + i];
      return;
    }
    this.f1[u] = first;
    this.d1[u] = first >= 0 ? c[base + first] : this.big;
    this.f2[u] = -1;
    this.d2[u] = this.big;
  }

  /** Greedy step: opens site i in a new slot. */
  insert(i: number): void {
    const { n, m, c } = this;
    let na = 0;
    for (let u = 0; u < n; u++) if (c[u * m + i] < this.d2[u]) this.affected[na++] = u;
    for (let k = 0; k < na; k++) this.contribute(this.affected[k], -1);
    const s = this.count++;
    this.sol[s] = i;
    this.open[i] = 1;
    this.slotOf[i] = s;
    this.clearSite(i);
    for (let k = 0; k < na; k++) {
      const u = this.affected[k];
      const ci = c[u * m + i];
      if (ci < this.d1[u]) {
        this.f2[u] = this.f1[u];
        this.d2[u] = this.d1[u];
        this.f1[u] = i;
        this.d1[u] = ci;
      } else {
        this.f2[u] = i;
        this.d2[u] = ci;
      }
      this.contribute(u, 1);
    }
  }

  /** Closes the site in slot s and opens i there. */
  swap(i: number, s: number): void {
    const { n, m, p, c } = this;
    const r = this.sol[s];
    let na = 0;
    for (let u = 0; u < n; u++) {
      if (this.f1[u] === r || this.f2[u] === r || c[u * m + i] < this.d2[u]) this.affected[na++] = u;
    }
    for (let k = 0; k < na; k++) this.contribute(this.affected[k], -1);
    this.open[r] = 0;
    this.slotOf[r] = -1;
    this.open[i] = 1;
    this.slotOf[i] = s;
    this.sol[s] = i;
    this.clearSite(i);
    // Every demand point whose nearest was r has been withdrawn, so column s is empty.
    this.loss[s] = 0;
    for (let j = 0; j < m; j++) this.extra[j * p + s] = 0;
    for (let k = 0; k < na; k++) {
      const u = this.affected[k];
      if (this.f1[u] === r || this.f2[u] === r) this.findNearest(u);
      else {
        const ci = c[u * m + i];
        if (ci < this.d1[u]) {
          this.f2[u] = this.f1[u];
          this.d2[u] = this.d1[u];
          this.f1[u] = i;
          this.d1[u] = ci;
        } else {
          this.f2[u] = i;
          this.d2[u] = ci;
        }
      }
      this.contribute(u, 1);
    }
  }

  /** Zeroes an opened site's row, which only rounding can have left non-zero. */
  private clearSite(i: number): void {
    this.gain[i] = 0;
    this.extra.fill(0, i * this.p, (i + 1) * this.p);
    this.inTouched.fill(0, i * this.p, (i + 1) * this.p);
    this.touchedLen[i] = 0;
  }

  /** Decrease of the objective if i replaces the site in slot s. */
  swapProfit(i: number, s: number): number {
    return this.gain[i] - this.loss[s] + this.extra[i * this.p + s];
  }

  /** Candidate to open with the largest gain (greedy). */
  bestInsert(): number {
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < this.m; i++) {
      if (this.open[i] || !this.swappable[i]) continue;
      if (this.gain[i] > bestGain) {
        bestGain = this.gain[i];
        best = i;
      }
    }
    return best;
  }

  /** Best swap (largest decrease of the objective); profit ≤ 0 when at a local optimum. */
  bestSwap(): { i: number; s: number; profit: number } {
    const { m, p, count, gain, loss, extra, open, swappable, touched, touchedLen, inTouched } = this;
    // profit(i, s) = gain[i] - loss[s] + extra[i, s]; extra is mostly zero, so each row only
    // needs its touched slots plus the slot that is cheapest to close.
    let minLossSlot = -1;
    let minLoss = Infinity;
    for (let s = 0; s < count; s++) {
      if (loss[s] < minLoss) {
        minLoss = loss[s];
        minLossSlot = s;
      }
    }
    let bi = -1;
    let bs = -1;
    let best = -Infinity;
    for (let i = 0; i < m; i++) {
      if (open[i] || !swappable[i]) continue;
      const row = i * p;
      let rowBest = -minLoss;
      let rowSlot = minLossSlot;
      let len = touchedLen[i];
      for (let k = 0; k < len; ) {
        const s = touched[row + k];
        const e = extra[row + s];
        if (e === 0) {
          // Stale entry: drop it so rows stay short.
          inTouched[row + s] = 0;
          touched[row + k] = touched[row + --len];
          continue;
        }
        const v = e - loss[s];
        if (v > rowBest) {
          rowBest = v;
          rowSlot = s;
        }
        k++;
      }
      touchedLen[i] = len;
      const prof = gain[i] + rowBest;
      if (prof > best) {
        best = prof;
        bi = i;
        bs = rowSlot;
      }
    }
    return { i: bi, s: bs, profit: best };
  }

  /** Best-improvement swaps until none improves by more than `eps`; logs each as [opened, closed, slot]. */
  localSearch(eps: number, log?: number[]): void {
    for (;;) {
      const mv = this.bestSwap();
      if (mv.i < 0 || mv.profit <= eps) return;
      log?.push(mv.i, this.sol[mv.s], mv.s);
      this.swap(mv.i, mv.s);
    }
  }

  /** Reverts the swaps of a log, newest first. */
  undo(log: number[]): void {
    for (let k = log.length - 3; k >= 0; k -= 3) this.swap(log[k + 1], log[k + 2]);
    log.length = 0;
  }

  /** Slot of the open swappable site nearest to demand point u, skipping the first `skip` of them. */
  openSlotNear(u: number, skip: number): number {
    const base = u * this.m;
    let seen = 0;
    for (let k = 0; k < this.m; k++) {
      const i = this.near[base + k];
      const s = this.slotOf[i];
      if (s < 0) continue;
      if (seen++ === skip) return s;
    }
    return -1;
  }

  /** The closed swappable site nearest to demand point u, skipping the first `skip` of them. */
  closedNear(u: number, skip: number): number {
    const base = u * this.m;
    let seen = 0;
    for (let k = 0; k < this.m; k++) {
      const i = this.near[base + k];
      if (this.open[i] || !this.swappable[i]) continue;
      if (seen++ === skip) return i;
    }
    return -1;
  }
}
