import type { CancelToken, ProgressCallback } from '../../types.ts';
import type { CoverageLists } from '../problem.ts';
import { randomInt, seededRandom } from '../random.ts';

export interface CoverInstance {
  /** Per site, the demand points it covers. */
  cover: CoverageLists;
  weights: Float64Array;
  nSites: number;
  /** 1 for candidates the search may open. */
  swappable: Uint8Array;
  /** Sites always open (existing facilities). */
  fixed: readonly number[];
  p: number;
}

/**
 * Maximal covering by swaps: gain[j] (weight newly covered if j opens) is kept up to date through
 * the inverse lists (demand → sites covering it), so a close/open only touches the demand points
 * of the two sites; the best swap for a slot is gain[i] plus what closing its site would uncover
 * that i also covers.
 */
export class CoverSearch {
  readonly n: number;
  readonly m: number;
  private readonly cover: CoverageLists;
  private readonly invStart: Int32Array;
  private readonly invSite: Int32Array;
  private readonly w: Float64Array;
  readonly swappable: Uint8Array;
  readonly count: Int32Array;
  readonly gain: Float64Array;
  readonly open: Uint8Array;
  readonly sol: number[] = [];
  covered = 0;
  private readonly extra: Float64Array;
  private readonly touched: number[] = [];

  constructor(private readonly inst: CoverInstance) {
    this.n = inst.weights.length;
    this.m = inst.nSites;
    this.cover = inst.cover;
    this.w = inst.weights;
    this.swappable = inst.swappable;
    const { start, demand } = inst.cover;
    this.invStart = new Int32Array(this.n + 1);
    for (let k = 0; k < demand.length; k++) this.invStart[demand[k] + 1]++;
    for (let u = 0; u < this.n; u++) this.invStart[u + 1] += this.invStart[u];
    this.invSite = new Int32Array(demand.length);
    const fill = this.invStart.slice(0, this.n);
    for (let j = 0; j < this.m; j++) for (let k = start[j]; k < start[j + 1]; k++) this.invSite[fill[demand[k]]++] = j;
    this.count = new Int32Array(this.n);
    this.gain = new Float64Array(this.m);
    this.open = new Uint8Array(this.m);
    this.extra = new Float64Array(this.m);
    this.reset([]);
  }

  /** Opens the fixed sites plus `sites`. */
  reset(sites: readonly number[]): void {
    this.count.fill(0);
    this.open.fill(0);
    this.sol.length = 0;
    this.covered = 0;
    const { start, demand } = this.cover;
    for (let j = 0; j < this.m; j++) {
      let g = 0;
      for (let k = start[j]; k < start[j + 1]; k++) g += this.w[demand[k]];
      this.gain[j] = g;
    }
    for (const f of this.inst.fixed) this.openSite(f);
    for (const s of sites) {
      this.openSite(s);
      this.sol.push(s);
    }
  }

  private openSite(j: number): void {
    this.open[j] = 1;
    const { start, demand } = this.cover;
    for (let k = start[j]; k < start[j + 1]; k++) {
      const u = demand[k];
      if (this.count[u]++ === 0) {
        this.covered += this.w[u];
        for (let t = this.invStart[u]; t < this.invStart[u + 1]; t++) this.gain[this.invSite[t]] -= this.w[u];
      }
    }
  }

  private closeSite(j: number): void {
    this.open[j] = 0;
    const { start, demand } = this.cover;
    for (let k = start[j]; k < start[j + 1]; k++) {
      const u = demand[k];
      if (--this.count[u] === 0) {
        this.covered -= this.w[u];
        for (let t = this.invStart[u]; t < this.invStart[u + 1]; t++) this.gain[this.invSite[t]] += this.w[u];
      }
    }
  }

  insert(j: number): void {
    this.openSite(j);
    this.sol.push(j);
  }

  swap(i: number, slot: number): void {
    this.closeSite(this.sol[slot]);
    this.openSite(i);
    this.sol[slot] = i;
  }

  /** Closed candidate with the largest gain, -1 when none is left. */
  bestInsert(): number {
    let best = -1;
    for (let j = 0; j < this.m; j++) {
      if (this.open[j] || !this.swappable[j]) continue;
      if (best < 0 || this.gain[j] > this.gain[best]) best = j;
    }
    return best;
  }

  /** Best swap; profit is the change in covered weight. */
  bestSwap(): { i: number; slot: number; profit: number } {
    const { start, demand } = this.cover;
    let bi = -1;
    let bslot = -1;
    let best = -Infinity;
    for (let slot = 0; slot < this.sol.length; slot++) {
      const r = this.sol[slot];
      // What closing r uncovers, credited to every site that would cover it again.
      let lost = 0;
      for (let k = start[r]; k < start[r + 1]; k++) {
        const u = demand[k];
        if (this.count[u] !== 1) continue;
        lost += this.w[u];
        for (let t = this.invStart[u]; t < this.invStart[u + 1]; t++) {
          const j = this.invSite[t];
          if (this.extra[j] === 0) this.touched.push(j);
          this.extra[j] += this.w[u];
        }
      }
      for (let j = 0; j < this.m; j++) {
        if (this.open[j] || !this.swappable[j]) continue;
        const prof = this.gain[j] + this.extra[j] - lost;
        if (prof > best) {
          best = prof;
          bi = j;
          bslot = slot;
        }
      }
      for (const j of this.touched) this.extra[j] = 0;
      this.touched.length = 0;
    }
    return { i: bi, slot: bslot, profit: best };
  }

  localSearch(eps: number, log?: number[]): void {
    for (;;) {
      const mv = this.bestSwap();
      if (mv.i < 0 || mv.profit <= eps) return;
      log?.push(mv.i, this.sol[mv.slot], mv.slot);
      this.swap(mv.i, mv.slot);
    }
  }

  undo(log: number[]): void {
    for (let k = log.length - 3; k >= 0; k -= 3) this.swap(log[k + 1], log[k + 2]);
    log.length = 0;
  }

  /** A closed candidate covering demand point u (the k-th found), or -1. */
  closedCovering(u: number, k: number): number {
    let seen = 0;
    for (let t = this.invStart[u]; t < this.invStart[u + 1]; t++) {
      const j = this.invSite[t];
      if (this.open[j] || !this.swappable[j]) continue;
      if (seen++ === k) return j;
    }
    return -1;
  }
}

export interface CoverOptions {
  seed?: number;
  iterations?: number;
  starts?: number;
  timeLimitS?: number;
  cancel?: CancelToken;
  onProgress?: ProgressCallback;
  /** Stop as soon as this covered weight is reached (used by LSCP and p-center). */
  stopAt?: number;
}

/**
 * Greedy start, swap local search, then iterated local search (open a candidate covering an
 * uncovered demand point, close a random site, re-optimise, keep if no worse) from a few starts.
 */
export function maxCoverHeuristic(inst: CoverInstance, opts: CoverOptions = {}): { sites: number[]; covered: number } {
  const t0 = performance.now();
  const limitMs = (opts.timeLimitS ?? Infinity) * 1000;
  const stopAt = opts.stopAt ?? Infinity;
  const search = new CoverSearch(inst);
  const rand = seededRandom(opts.seed ?? 1);
  const candidates: number[] = [];
  for (let j = 0; j < inst.nSites; j++) if (inst.swappable[j] && !inst.fixed.includes(j)) candidates.push(j);
  const p = Math.min(inst.p, candidates.length);
  let total = 0;
  for (const w of inst.weights) total += w;
  const eps = 1e-9 * Math.max(1, total);
  const done = (): boolean => search.covered >= stopAt - eps;
  const stopped = (): boolean => !!opts.cancel?.cancelled || performance.now() - t0 > limitMs;

  let best = { sites: [] as number[], covered: -Infinity };
  const starts = opts.starts ?? 4;
  const rounds = opts.iterations ?? Math.max(50, Math.min(1000, 20 * p));
  for (let start = 0; start < starts; start++) {
    search.reset([]);
    while (search.sol.length < p) {
      // Later starts open a random candidate first so they explore other basins.
      const j = start > 0 && search.sol.length === 0 ? candidates[randomInt(rand, candidates.length)] : search.bestInsert();
      search.insert(j);
    }
    search.localSearch(eps);
    let current = search.covered;
    if (current > best.covered + eps) best = { sites: [...search.sol], covered: current };
    const log: number[] = [];
    for (let it = 0; it < rounds && p > 0 && candidates.length > p && !done(); it++) {
      if ((it & 15) === 0 && stopped()) break;
      log.length = 0;
      const k = 1 + (it % Math.min(3, p));
      for (let t = 0; t < k; t++) {
        const u = randomInt(rand, search.n);
        const i = search.count[u] === 0 ? search.closedCovering(u, 0) : candidates[randomInt(rand, candidates.length)];
        if (i < 0 || search.open[i]) continue;
        const slot = randomInt(rand, p);
        log.push(i, search.sol[slot], slot);
        search.swap(i, slot);
      }
      search.localSearch(eps, log);
      if (search.covered >= current - eps) {
        current = search.covered;
        if (current > best.covered + eps) best = { sites: [...search.sol], covered: current };
      } else search.undo(log);
    }
    opts.onProgress?.((start + 1) / starts, `covering: ${best.covered.toLocaleString('en-US', { maximumFractionDigits: 0 })}`);
    if (best.covered >= stopAt - eps || stopped()) break;
  }
  return best;
}
