import type { DemandLists } from '../demand-lists.ts';
import { MedianSearch } from './median-search.ts';

/** Improves a region's small search from where it stands (an iterated local search); returns the best plan it saw. */
export type RegionImprover = (search: MedianSearch) => { sites: number[]; objective: number };

export interface RegionOptions {
  /** Open sites in a region that gives one up. */
  minusSize: number;
  /** Open sites in a region that takes one more: taking a site re-spaces a longer stretch than giving one up. */
  plusSize: number;
  eps: number;
  /** The search's cost for "no open site in reach" (see `sentinelCost`). */
  big: number;
  improve: RegionImprover;
  stopped: () => boolean;
  /** Pairs that fail (the plan settled no better) before a round gives up (default 3). */
  tries?: number;
  /** Sweeps over the regions (default 20), each followed by the moves it found; the work is bounded, so the result is deterministic. */
  maxRounds?: number;
}

/** A region's new plan: its slots, the sites they should hold, and its saving over the region's plan now. */
interface Option {
  slots: Int32Array;
  sites: number[];
  saving: number;
}

interface SubProblem {
  lists: DemandLists;
  weights: Float64Array;
  /** Local candidate → global site; local id `site.length` is the fixed site standing for the open sites outside the region. */
  site: Int32Array;
  /** The region's demand's cost now. */
  objective: number;
  /** Local ids of the region's open sites. */
  initial: number[];
}

/**
 * Region ±1 moves (after Taillard & Voss's POPMUSIC): a region is an open site and the open sites
 * next to it; its sub-problem is the demand they serve (and whatever demand one of its candidates
 * would serve better), every candidate that demand lists nearer than its nearest open site outside
 * the region, and a fixed site standing for that nearest outside site. Around every open site, a
 * small region is re-solved with one site fewer and a larger one with one site more; pairs of
 * disjoint regions, one giving a site to the other, are applied best first (while their slots are
 * untouched by the moves before) and the swap search settles the whole plan; each kept when
 * better, else undone. A site moved from where it is least needed to
 * where one is most wanted re-spaces both neighbourhoods, which single swaps and drop–add moves
 * cannot do one site at a time (each step costs until the last). A further sweep solves again
 * only regions the moves touched (a large one when its first `CORE` sites moved). Returns the
 * objective.
 */
export function regionSearch(search: MedianSearch, lists: DemandLists, weights: Float64Array, opts: RegionOptions): number {
  const p = search.count;
  let current = search.objective();
  // Too few sites for a region of each size apart: no pair to try.
  if (p < opts.minusSize + opts.plusSize) return current;
  const scratch = new Scratch(search.n, search.m, p, lists.site.length);
  const floor = Float64Array.from(lists.beyond, (b) => (b === Infinity ? opts.big : b));
  const minus: (Option | null)[] = new Array<Option | null>(p).fill(null);
  const plus: (Option | null)[] = new Array<Option | null>(p).fill(null);
  const changed = new Uint8Array(p).fill(1);
  const stale = (old: Option | null, slots: Int32Array): boolean => !old || !sameSlots(old.slots.subarray(0, slots.length), slots) || slots.some((s) => changed[s]);
  const tries = opts.tries ?? 3;
  const maxRounds = opts.maxRounds ?? 20;
  const grow = Math.max(opts.plusSize, opts.minusSize);
  const log: number[] = [];
  for (let round = 0; round < maxRounds && !opts.stopped(); round++) {
    for (let c = 0; c < p && !opts.stopped(); c++) {
      // Regions grow nearest first, so each small region is the start of the large one.
      const large = regionSlots(search, lists, c, grow, scratch);
      const small = large.subarray(0, opts.minusSize);
      if (stale(minus[c], small)) minus[c] = solveMinus(subProblem(search, lists, weights, floor, small, scratch), small, opts);
      const wide = large.subarray(0, opts.plusSize);
      if (stale(plus[c], wide.subarray(0, CORE))) plus[c] = solvePlus(subProblem(search, lists, weights, floor, wide, scratch), wide, opts);
    }
    if (opts.stopped()) break;
    changed.fill(0);
    // Pairs best first; one whose slots an earlier move of this round changed waits for the next.
    let applied = false;
    let failed = 0;
    for (const mv of bestPairs(minus, plus, PAIRS, opts.eps, scratch)) {
      if (failed >= tries) break;
      if (mv.slots.some((s) => changed[s])) continue;
      log.length = 0;
      if (!applyPlan(search, mv.slots, mv.sites, log)) continue;
      search.localSearch(opts.eps, log);
      const obj = search.objective();
      if (obj < current - opts.eps) {
        current = obj;
        for (let k = 2; k < log.length; k += 3) changed[log[k]] = 1;
        applied = true;
      } else {
        search.undo(log);
        failed++;
      }
    }
    if (!applied) break;
  }
  return current;
}

/** Per-search scratch: stamps over demand points, sites and slots, so a region costs only what it touches. */
class Scratch {
  readonly demandStamp: Int32Array;
  readonly siteStamp: Int32Array;
  readonly localOf: Int32Array;
  readonly regionStamp: Int32Array;
  readonly slotStamp: Int32Array;
  readonly est: Float64Array;
  readonly demand: Int32Array;
  readonly subWeights: Float64Array;
  readonly site: Int32Array;
  readonly start: Int32Array;
  readonly entries: Int32Array;
  readonly costs: Float64Array;
  readonly beyond: Float64Array;
  stamp = 0;

  constructor(n: number, m: number, p: number, pairs: number) {
    this.demandStamp = new Int32Array(n);
    this.siteStamp = new Int32Array(m);
    this.localOf = new Int32Array(m);
    this.regionStamp = new Int32Array(m);
    this.slotStamp = new Int32Array(p);
    this.est = new Float64Array(p);
    this.demand = new Int32Array(n);
    this.subWeights = new Float64Array(n);
    this.site = new Int32Array(m);
    this.start = new Int32Array(n + 1);
    this.entries = new Int32Array(pairs + n);
    this.costs = new Float64Array(pairs + n);
    this.beyond = new Float64Array(n).fill(Infinity);
  }

  next(): number {
    return ++this.stamp;
  }
}

function sameSlots(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Slot c and the open sites nearest to it, nearest first. Site-to-site costs are not stored, so
 * a neighbour's distance is estimated through the demand between them (a point served by a region
 * site costs that much to its site plus its cost to the neighbour, chained from slot c as in
 * Dijkstra's search): the sites a region reaches through its own demand come in order of detour.
 */
function regionSlots(search: MedianSearch, lists: DemandLists, c: number, size: number, scratch: Scratch): Int32Array {
  const { f1, is, iu, ic, sol } = search;
  const p = search.count;
  const stamp = scratch.next();
  const { est, slotStamp } = scratch;
  // slotStamp: stamp = reached (estimate in est), -stamp = taken.
  const slots = new Int32Array(Math.min(size, p));
  slotStamp[c] = stamp;
  est[c] = 0;
  for (let got = 0; got < slots.length; got++) {
    let a = -1;
    for (let s = 0; s < p; s++) if (slotStamp[s] === stamp && (a < 0 || est[s] < est[a])) a = s;
    if (a < 0) return slots.subarray(0, got);
    slotStamp[a] = -stamp;
    slots[got] = a;
    const da = est[a];
    const site = sol[a];
    for (let t = is[site]; t < is[site + 1]; t++) {
      const u = iu[t];
      if (f1[u] !== site) continue;
      for (let k = lists.start[u]; k < lists.start[u + 1]; k++) {
        const b = search.slotOf[lists.site[k]];
        if (b < 0 || slotStamp[b] === -stamp) continue;
        const d = da + ic[t] + lists.cost[k];
        if (slotStamp[b] !== stamp || d < est[b]) {
          slotStamp[b] = stamp;
          est[b] = d;
        }
      }
    }
  }
  return slots;
}

/**
 * The region's sub-problem: its demand (points whose nearest open site is in the region), every
 * candidate they list nearer than their nearest open site outside the region, the other points one
 * of those candidates would serve better than now, and one fixed site standing for each point's
 * nearest open site outside the region (at that point's own cost, or its list's bound when none is
 * listed). It prices every point a change of the region's sites can move, so its saving is the
 * true one as long as the rest of the plan stays. Its arrays are views of the scratch buffers,
 * valid until the next sub-problem.
 */
function subProblem(
  search: MedianSearch,
  lists: DemandLists,
  weights: Float64Array,
  floor: Float64Array,
  slots: Int32Array,
  scratch: Scratch,
): SubProblem {
  const { f1, d1, is, iu, ic, open, swappable, sol } = search;
  const { demandStamp, siteStamp, localOf, regionStamp, demand, site, entries, costs, start, subWeights } = scratch;
  const stamp = scratch.next();
  for (const s of slots) regionStamp[sol[s]] = stamp;
  let nd = 0;
  let ns = 0;
  for (const s of slots) {
    const r = sol[s];
    for (let t = is[r]; t < is[r + 1]; t++) {
      const u = iu[t];
      if (f1[u] !== r || demandStamp[u] === stamp) continue;
      demandStamp[u] = stamp;
      demand[nd++] = u;
      for (let k = lists.start[u]; k < lists.start[u + 1]; k++) {
        const j = lists.site[k];
        if (open[j] && regionStamp[j] !== stamp) break;
        if (swappable[j] && siteStamp[j] !== stamp) {
          siteStamp[j] = stamp;
          localOf[j] = ns;
          site[ns++] = j;
        }
      }
    }
  }
  for (let x = 0; x < ns; x++) {
    const j = site[x];
    for (let t = is[j]; t < is[j + 1]; t++) {
      const u = iu[t];
      if (ic[t] < d1[u] && demandStamp[u] !== stamp) {
        demandStamp[u] = stamp;
        demand[nd++] = u;
      }
    }
  }
  demand.subarray(0, nd).sort();
  const out = ns;
  let at = 0;
  let objective = 0;
  for (let x = 0; x < nd; x++) {
    const u = demand[x];
    objective += weights[u] * d1[u];
    subWeights[x] = weights[u];
    let outCost = floor[u];
    for (let k = lists.start[u]; k < lists.start[u + 1]; k++) {
      const j = lists.site[k];
      if (open[j] && regionStamp[j] !== stamp) {
        outCost = lists.cost[k];
        break;
      }
      if (siteStamp[j] !== stamp) continue;
      entries[at] = localOf[j];
      costs[at++] = lists.cost[k];
    }
    entries[at] = out;
    costs[at++] = outCost;
    start[x + 1] = at;
  }
  const initial: number[] = [];
  for (const s of slots) if (siteStamp[sol[s]] === stamp) initial.push(localOf[sol[s]]);
  return {
    lists: {
      n: nd,
      m: ns + 1,
      start: start.subarray(0, nd + 1),
      site: entries.subarray(0, at),
      cost: costs.subarray(0, at),
      beyond: scratch.beyond.subarray(0, nd),
    },
    weights: subWeights.subarray(0, nd),
    site: site.subarray(0, ns),
    objective,
    initial,
  };
}

/** A small search over a sub-problem, holding up to `capacity` sites, with its outside site fixed and a hole (see `solveMinus`). */
function localSearchOf(sub: SubProblem, capacity: number, big: number): MedianSearch {
  const nLocal = sub.site.length;
  const swappable = new Uint8Array(nLocal + 2).fill(1, 0, nLocal);
  return new MedianSearch({ lists: { ...sub.lists, m: nLocal + 2 }, weights: sub.weights, nSites: nLocal + 2, swappable, fixed: Int32Array.of(nLocal), p: capacity, big });
}

/** The option a local plan gives, the hole (local id site.length + 1) left out. */
function optionOf(sub: SubProblem, slots: Int32Array, sites: number[], objective: number): Option {
  const hole = sub.site.length + 1;
  return { slots, sites: sites.filter((j) => j !== hole).map((j) => sub.site[j]), saving: sub.objective - objective };
}

/** Positive pairs a round considers, best first. */
const PAIRS = 30;

/** A large region is solved again when its first sites change, not when only its rim does. */
const CORE = 6;

/** How many of a region's sites, cheapest to close first, `solveMinus` tries dropping. */
const MINUS_DROPS = 3;

/**
 * The region with one site fewer: its sites cheapest to close are closed in turn and the rest
 * settled by swaps, the best kept. A site is closed by swapping a hole (a site that serves nobody)
 * into its slot and holding the slot, which costs a few swaps, not a rebuild of the search.
 */
function solveMinus(sub: SubProblem, slots: Int32Array, opts: RegionOptions): Option | null {
  const k = slots.length;
  if (sub.initial.length !== k) return null;
  const local = localSearchOf(sub, k, opts.big);
  const hole = sub.site.length + 1;
  local.reset(sub.initial);
  const order = Array.from({ length: k }, (_, s) => s).sort((a, b) => local.closeLoss(a) - local.closeLoss(b) || a - b);
  const log: number[] = [];
  let dropSlot = 0;
  let dropObj = Infinity;
  for (const s of order.slice(0, MINUS_DROPS)) {
    log.length = 0;
    log.push(hole, local.sol[s], s);
    local.swap(hole, s);
    local.tabuSlot = s;
    local.localSearch(opts.eps, log);
    const obj = local.objective();
    if (obj < dropObj) {
      dropObj = obj;
      dropSlot = s;
    }
    local.undo(log);
  }
  local.swap(hole, dropSlot);
  local.tabuSlot = dropSlot;
  local.localSearch(opts.eps);
  return optionOf(sub, slots, local.solution(), local.objective());
}

/**
 * The region with one site more, the better of two plans: the region's sites plus the best
 * candidate, settled by swaps; and a greedy plan built afresh, settled and improved by `improve`.
 * The second finds re-spacings that shift every site of a long stretch a little (on the city bench
 * a site taken by six sites along a town's edge), which swaps from the first never reach.
 */
function solvePlus(sub: SubProblem, slots: Int32Array, opts: RegionOptions): Option | null {
  const k = slots.length;
  if (sub.initial.length !== k || sub.site.length <= k) return null;
  const local = localSearchOf(sub, k + 1, opts.big);
  local.reset(sub.initial);
  local.insert(local.bestInsert());
  local.localSearch(opts.eps);
  let best = { sites: local.solution(), objective: local.objective() };
  local.reset([]);
  while (local.count < k + 1) local.insert(local.bestInsert());
  local.localSearch(opts.eps);
  const fresh = opts.improve(local);
  if (fresh.objective < best.objective) best = fresh;
  return optionOf(sub, slots, best.sites, best.objective);
}

/** A plan for some slots: the sites they should hold. */
interface Move {
  value: number;
  slots: number[];
  sites: number[];
}

/** The best few pairs of disjoint regions, one giving a site up and the other taking one. */
function bestPairs(minus: (Option | null)[], plus: (Option | null)[], tries: number, eps: number, scratch: Scratch): Move[] {
  const moves: Move[] = [];
  const key = (x: Move): string => [...x.sites].sort((a, b) => a - b).join(',') + '|' + [...x.slots].sort((a, b) => a - b).join(',');
  for (const give of minus) {
    if (!give) continue;
    const stamp = scratch.next();
    for (const s of give.slots) scratch.slotStamp[s] = stamp;
    for (const take of plus) {
      if (!take) continue;
      const value = give.saving + take.saving;
      if (value <= eps || (moves.length === tries && value <= moves[moves.length - 1].value)) continue;
      if (take.slots.some((s) => scratch.slotStamp[s] === stamp)) continue;
      const mv = { value, slots: [...give.slots, ...take.slots], sites: [...give.sites, ...take.sites] };
      // Overlapping regions often propose the same plan: it is one move.
      if (moves.some((x) => key(x) === key(mv))) continue;
      moves.push(mv);
      moves.sort((a, b) => b.value - a.value);
      if (moves.length > tries) moves.pop();
    }
  }
  return moves;
}

/**
 * Puts `sites` in `slots` by swaps (logged for undo): sites already there stay, the others enter
 * the slots whose sites leave. False when the plan does not fit (a site twice, or one already open
 * elsewhere).
 */
function applyPlan(search: MedianSearch, slots: number[], sites: number[], log: number[]): boolean {
  const want = new Set(sites);
  if (want.size !== slots.length) return false;
  const held = new Set(slots.map((s) => search.sol[s]));
  const entering = sites.filter((i) => !held.has(i));
  const leaving = slots.filter((s) => !want.has(search.sol[s]));
  if (entering.some((i) => search.open[i])) return false;
  for (let k = 0; k < entering.length; k++) {
    log.push(entering[k], search.sol[leaving[k]], leaving[k]);
    search.swap(entering[k], leaving[k]);
  }
  return true;
}
