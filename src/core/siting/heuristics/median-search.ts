import type { DemandLists } from '../demand-lists.ts';

/**
 * Swap-based local search for the p-median problem with the data structures of Resende & Werneck
 * ("A fast swap-based local search procedure for location problems", 2007): for every demand point
 * its nearest and second-nearest open site; gain[i] (closing nobody, opening i), loss[s] (closing
 * slot s) and extra[i,s] (the correction when both happen) are updated only for the demand points a
 * swap touches, so finding the best swap costs O(candidates × p) instead of a full re-evaluation.
 *
 * Works on per-demand sorted lists (complete, or k nearest: see `DemandLists`); a point with no
 * listed site open counts at its list's lower bound `beyond`, or at `big` when nothing else
 * reaches it. Each site's inverse list (the points listing it) limits a swap to the points it
 * touches.
 */
export class MedianSearch {
  readonly n: number;
  readonly m: number;
  readonly p: number;
  private readonly w: Float64Array;
  /** Per demand point, its listed sites sorted by cost (CSR). */
  private readonly ls: Int32Array;
  private readonly lsite: Int32Array;
  private readonly lcost: Float64Array;
  /** Cost of u while none of its listed sites is open. */
  private readonly floor: Float64Array;
  /** Per site, the demand points listing it and the cost (CSR). */
  readonly is: Int32Array;
  readonly iu: Int32Array;
  readonly ic: Float64Array;
  /** Marks a demand point already gathered into `affected` during one move. */
  private readonly mark: Int32Array;
  private stamp = 0;
  /** 1 where a site may be opened or closed by the search. */
  readonly swappable: Uint8Array;
  private readonly fixed: Int32Array;
  private readonly big: number;

  readonly open: Uint8Array;
  /** Slot of each open swappable site, -1 for the others. */
  readonly slotOf: Int32Array;
  /** Site in each swappable slot; `count` slots are filled. */
  readonly sol: Int32Array;
  count = 0;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly f1: Int32Array;
  readonly f2: Int32Array;
  private readonly gain: Float64Array;
  private readonly loss: Float64Array;
  /** extra[i, s] at s·m + i: a demand point's updates all fall in its nearest site's slot row. */
  private readonly extra: Float64Array;
  /** Per candidate, the slots whose extra entry may be non-zero (RW's sparse extra). */
  private readonly touched: Int32Array;
  private readonly touchedLen: Int32Array;
  private readonly inTouched: Uint8Array;
  private readonly affected: Int32Array;
  /** During a swap, the cost of the opened site for each touched point that lists it. */
  private readonly ciOf: Float64Array;
  /** During a swap, a touched point's second distance before it (-1: withdrawn and added back whole). */
  private readonly oldB: Float64Array;
  /** A site `bestSwap` may not open and a slot it may not change (-1: none), while a move settles. */
  tabuSite = -1;
  tabuSlot = -1;

  constructor(args: {
    lists: DemandLists;
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
    this.w = args.weights;
    this.swappable = args.swappable;
    this.fixed = args.fixed;
    this.big = args.big;
    const { n, m, p } = this;
    const L = args.lists;
    this.ls = L.start;
    this.lsite = L.site;
    this.lcost = L.cost;
    this.floor = Float64Array.from(L.beyond, (b) => (b === Infinity ? args.big : b));
    this.is = new Int32Array(m + 1);
    for (let k = 0; k < L.site.length; k++) this.is[L.site[k] + 1]++;
    for (let j = 0; j < m; j++) this.is[j + 1] += this.is[j];
    this.iu = new Int32Array(L.site.length);
    this.ic = new Float64Array(L.site.length);
    const fill = this.is.slice(0, m);
    for (let u = 0; u < n; u++) {
      for (let k = L.start[u]; k < L.start[u + 1]; k++) {
        const at = fill[L.site[k]]++;
        this.iu[at] = u;
        this.ic[at] = L.cost[k];
      }
    }
    this.mark = new Int32Array(n);
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
    this.ciOf = new Float64Array(n);
    this.oldB = new Float64Array(n);
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
    const { p, lsite, lcost, open, swappable, gain, extra, inTouched } = this;
    const base = s * this.m;
    for (let k = this.ls[u], end = this.ls[u + 1]; k < end; k++) {
      const i = lsite[k];
      const ci = lcost[k];
      if (ci >= b) break;
      if (open[i] || !swappable[i]) continue;
      if (ci < a) gain[i] += wu * (a - ci);
      if (s >= 0) {
        const e = base + i;
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
    const { lsite, lcost, open } = this;
    let first = -1;
    for (let k = this.ls[u], end = this.ls[u + 1]; k < end; k++) {
      const i = lsite[k];
      if (!open[i]) continue;
      if (first < 0) {
        first = k;
        continue;
      }
      this.f1[u] = lsite[first];
      this.d1[u] = lcost[first];
      this.f2[u] = i;
      this.d2[u] = lcost[k];
      return;
    }
    this.f1[u] = first >= 0 ? lsite[first] : -1;
    this.d1[u] = first >= 0 ? lcost[first] : this.floor[u];
    this.f2[u] = -1;
    this.d2[u] = this.floor[u];
  }

  /** Greedy step: opens site i in a new slot. */
  insert(i: number): void {
    let na = 0;
    for (let t = this.is[i]; t < this.is[i + 1]; t++) if (this.ic[t] < this.d2[this.iu[t]]) this.affected[na++] = t;
    for (let k = 0; k < na; k++) this.contribute(this.iu[this.affected[k]], -1);
    const s = this.count++;
    this.sol[s] = i;
    this.open[i] = 1;
    this.slotOf[i] = s;
    this.clearSite(i);
    for (let k = 0; k < na; k++) {
      const t = this.affected[k];
      const u = this.iu[t];
      const ci = this.ic[t];
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
    const { m, f1, f2, d1, d2, affected, ciOf, oldB, mark } = this;
    const r = this.sol[s];
    // Touched points: those with r as nearest or second (they list r), and those i comes closer to.
    // `ciOf` holds the cost of i for each (Infinity: not listed).
    const stamp = ++this.stamp;
    let na = 0;
    for (let t = this.is[r]; t < this.is[r + 1]; t++) {
      const u = this.iu[t];
      if (f1[u] === r || f2[u] === r) {
        mark[u] = stamp;
        ciOf[u] = Infinity;
        affected[na++] = u;
      }
    }
    for (let t = this.is[i]; t < this.is[i + 1]; t++) {
      const u = this.iu[t];
      if (mark[u] === stamp) ciOf[u] = this.ic[t];
      else if (this.ic[t] < d2[u]) {
        mark[u] = stamp;
        ciOf[u] = this.ic[t];
        affected[na++] = u;
      }
    }
    // A point whose nearest site stays (r was its second, or i comes between its first and second)
    // keeps its gains; only its second distance moves, which `shift` applies in one pass. The
    // others are withdrawn here and added back once the swap is made. oldB < 0 marks those.
    for (let k = 0; k < na; k++) {
      const u = affected[k];
      if (f1[u] !== r && ciOf[u] > d1[u]) oldB[u] = d2[u];
      else {
        oldB[u] = -1;
        this.contribute(u, -1);
      }
    }
    this.open[r] = 0;
    this.slotOf[r] = -1;
    this.open[i] = 1;
    this.slotOf[i] = s;
    this.sol[s] = i;
    this.clearSite(i);
    // Every demand point whose nearest was r has been withdrawn, so slot s's loss and extra row are
    // zero but for rounding; the row is contiguous, so clearing it is cheap.
    this.loss[s] = 0;
    this.extra.fill(0, s * m, (s + 1) * m);
    for (let k = 0; k < na; k++) {
      const u = affected[k];
      if (f1[u] === r || f2[u] === r) this.findNearest(u);
      else {
        const ci = ciOf[u];
        if (ci < d1[u]) {
          f2[u] = f1[u];
          d2[u] = d1[u];
          f1[u] = i;
          d1[u] = ci;
        } else {
          f2[u] = i;
          d2[u] = ci;
        }
      }
      if (oldB[u] < 0) this.contribute(u, 1);
      else this.shift(u, oldB[u]);
    }
  }

  /**
   * Demand point u kept its nearest site while its second distance moved from `bOld` to d2[u]:
   * gains are unchanged, the loss and extra of its nearest site's slot move by the difference. The
   * site just closed needs no care: it was u's second (cost bOld) or beyond it, so had no share.
   */
  private shift(u: number, bOld: number): void {
    const w = this.w[u];
    const s = this.slotOf[this.f1[u]];
    if (w === 0 || s < 0) return;
    const a = this.d1[u];
    const b = this.d2[u];
    this.loss[s] += w * (b - bOld);
    const { p, lsite, lcost, open, swappable, extra, inTouched } = this;
    const base = s * this.m;
    const hi = b > bOld ? b : bOld;
    for (let k = this.ls[u], end = this.ls[u + 1]; k < end; k++) {
      const i = lsite[k];
      const ci = lcost[k];
      if (ci >= hi) break;
      if (open[i] || !swappable[i]) continue;
      const near = ci > a ? ci : a;
      const d = (ci < b ? b - near : 0) - (ci < bOld ? bOld - near : 0);
      if (d === 0) continue;
      const e = base + i;
      extra[e] += w * d;
      if (!inTouched[e]) {
        inTouched[e] = 1;
        this.touched[i * p + this.touchedLen[i]++] = s;
      }
    }
  }

  /** Zeroes an opened site's column, which only rounding can have left non-zero (only its touched slots can be). */
  private clearSite(i: number): void {
    const { m, p, extra, inTouched, touched } = this;
    this.gain[i] = 0;
    for (let k = 0, len = this.touchedLen[i]; k < len; k++) {
      const e = touched[i * p + k] * m + i;
      extra[e] = 0;
      inTouched[e] = 0;
    }
    this.touchedLen[i] = 0;
  }

  /** Decrease of the objective if i replaces the site in slot s. */
  swapProfit(i: number, s: number): number {
    return this.gain[i] - this.loss[s] + this.extra[s * this.m + i];
  }

  /** Increase of the objective if the site in slot s is closed and nothing opened. */
  closeLoss(s: number): number {
    return this.loss[s];
  }

  /** Decrease of the objective if i is opened in a new slot. */
  insertGain(i: number): number {
    return this.gain[i];
  }

  /** Whether opening i would take over demand that closing slot s would move (their extra entry is non-zero). */
  overlaps(i: number, s: number): boolean {
    return this.extra[s * this.m + i] !== 0;
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
    const tabuSlot = this.tabuSlot;
    for (let s = 0; s < count; s++) {
      if (loss[s] < minLoss && s !== tabuSlot) {
        minLoss = loss[s];
        minLossSlot = s;
      }
    }
    let bi = -1;
    let bs = -1;
    let best = -Infinity;
    for (let i = 0; i < m; i++) {
      // extra[i, s] never exceeds loss[s] (it is part of it), so gain[i] bounds the row's profit.
      if (open[i] || !swappable[i] || gain[i] <= best || i === this.tabuSite) continue;
      const row = i * p;
      let rowBest = -minLoss;
      let rowSlot = minLossSlot;
      let len = touchedLen[i];
      for (let k = 0; k < len; ) {
        const s = touched[row + k];
        const e = extra[s * m + i];
        if (e === 0) {
          // Stale entry: drop it so rows stay short.
          inTouched[s * m + i] = 0;
          touched[row + k] = touched[row + --len];
          continue;
        }
        const v = e - loss[s];
        if (v > rowBest && s !== tabuSlot) {
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
    let seen = 0;
    for (let k = this.ls[u]; k < this.ls[u + 1]; k++) {
      const i = this.lsite[k];
      const s = this.slotOf[i];
      if (s < 0) continue;
      if (seen++ === skip) return s;
    }
    return -1;
  }

  /** The closed swappable site nearest to demand point u, skipping the first `skip` of them. */
  closedNear(u: number, skip: number): number {
    let seen = 0;
    for (let k = this.ls[u]; k < this.ls[u + 1]; k++) {
      const i = this.lsite[k];
      if (this.open[i] || !this.swappable[i]) continue;
      if (seen++ === skip) return i;
    }
    return -1;
  }
}
