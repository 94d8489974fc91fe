import { InputError } from '../../errors.ts';
import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { SeatNetwork } from '../heuristics/seat-network.ts';
import { coverageLists, type CoverageLists, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import { seededRandom, randomInt } from '../random.ts';
import {
  checkDemand,
  checkP,
  checkRadius,
  exactDeadline,
  existingSites,
  heuristicBudgetS,
  pickExact,
  seconds,
  timeToBuild,
  wantsExact,
  withStatus,
} from './common.ts';
import type { SolveStatus } from '../types.ts';

/**
 * Capacitated maximal covering: open p candidates, each with `seats` places, maximising the
 * people seated within `radius`, after existing facilities have filled their own seats (the
 * Zhengzhou case: give unserved pupils a place). People of one block may be split between sites.
 * Existing facilities need a capacity.
 */
export async function solveCmclp(problem: SitingProblem, p: number, radius: number, seats: number, opts: SolveOptions = {}): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  checkRadius(radius);
  if (!Number.isFinite(seats) || seats <= 0) throw new InputError('seats', `seats per new site must be positive, got ${seats}`);
  const fixed = existingSites(problem);
  for (const j of fixed) {
    const c = problem.capacity[j];
    if (!Number.isFinite(c) || c < 0) throw new InputError('existing', `${problem.siteIds[j]}: needs a capacity (seats) for the capacitated model`);
  }
  const capacity = Float64Array.from(problem.capacity, (c, j) => (j < problem.nCandidates ? seats : c));
  const cover = coverageLists(problem, radius);
  const w = problem.weights;
  const network = new SeatNetwork(cover, w, capacity, fixed);
  const served = (open: number[]): number => network.served(open);
  const columns = problem.nCandidates + cover.demand.length;
  const exact = wantsExact(opts, columns);
  if (exact) checkSize(columns, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
  const deadline = exactDeadline(opts, t0);
  const limitS = exact ? heuristicBudgetS(deadline, 30) : (opts.timeLimitS ?? Infinity);
  const stopped = (): boolean => !!opts.cancel?.cancelled || seconds(t0) > limitS;

  // Greedy: score candidates by the people still without a seat within reach (capped by the
  // seats) and confirm the best few with the exact flow; then swap local search and a short
  // iterated local search (random swap, re-optimise, keep when no worse).
  const wide = problem.nCandidates <= 200 ? problem.nCandidates : 30;
  const score = (seated: Float64Array, j: number): number => {
    let s = 0;
    for (let t = cover.start[j]; t < cover.start[j + 1]; t++) s += w[cover.demand[t]] - seated[cover.demand[t]];
    return Math.min(s, seats);
  };
  const shortlist = (open: number[], k: number): number[] => {
    const { seated } = network.flow(open);
    const taken = new Set(open);
    const scored: [number, number][] = [];
    for (let j = 0; j < problem.nCandidates; j++) if (!taken.has(j)) scored.push([score(seated, j), j]);
    scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return scored.slice(0, k).map((x) => x[1]);
  };
  const eps = 1e-9 * Math.max(1, w.reduce((a, b) => a + b, 0));
  // No plan seats more than all the demand nor more than every seat of p new sites and the
  // existing ones: a plan reaching that is optimal and the searches stop.
  let seatsCap = p * seats;
  for (const j of fixed) seatsCap += capacity[j];
  const ceiling = Math.min(seatsCap, w.reduce((a, b) => a + b, 0)) - eps;
  const localSearch = (start: number[]): { open: number[]; value: number } => {
    let open = [...start];
    let value = served(open);
    for (let improved = value < ceiling; improved && !stopped(); ) {
      improved = false;
      for (let slot = 0; slot < open.length && !improved; slot++) {
        const rest = open.filter((_, k) => k !== slot);
        for (const j of shortlist(open, wide)) {
          const v = served([...rest, j]);
          if (v > value + eps) {
            open = [...rest, j];
            value = v;
            improved = true;
            break;
          }
        }
      }
    }
    return { open, value };
  };
  let open: number[] = [];
  // The greedy start always completes (a plan needs p sites); the searches after it stop at the limit.
  while (open.length < p && !opts.cancel?.cancelled) {
    let best = -1;
    let bestVal = -Infinity;
    for (const j of shortlist(open, 8)) {
      const v = served([...open, j]);
      if (v > bestVal) {
        bestVal = v;
        best = j;
      }
    }
    open.push(best);
    opts.onProgress?.(open.length / (p + 1), `capacitated covering: ${bestVal.toLocaleString('en-US', { maximumFractionDigits: 0 })}`);
  }
  let best = localSearch(open);
  const rand = seededRandom(opts.seed ?? 1);
  const rounds = opts.iterations ?? 20;
  for (let it = 0; it < rounds && p > 0 && problem.nCandidates > p && best.value < ceiling && !stopped(); it++) {
    const next = [...best.open];
    let j = randomInt(rand, problem.nCandidates);
    while (next.includes(j)) j = (j + 1) % problem.nCandidates;
    next[randomInt(rand, p)] = j;
    const tried = localSearch(next);
    if (tried.value >= best.value - eps) best = tried;
  }
  if (!exact) return finish(problem, cover, network, fixed, best.open, { solver: 'heuristic', status: 'heuristic', bound: null, t0 });
  // Too little time left to build and read the model: the heuristic's plan, unproven.
  if (!timeToBuild(deadline, columns)) return finish(problem, cover, network, fixed, best.open, { solver: 'exact', status: 'time_limit', bound: null, t0 });
  const start: Record<string, number> = {};
  for (let j = 0; j < problem.nCandidates; j++) start[`y${j}`] = 0;
  for (const j of best.open) start[`y${j}`] = 1;
  const ans = await solveMilp(cmclpLp(problem, cover, capacity, p), { deadline, loadHighs: opts.loadHighs, runMilp: opts.runMilp, start, cancel: opts.cancel });
  if (ans.status === 'infeasible') throw new Error('HiGHS reports the capacitated covering model infeasible');
  // Stopped by its time limit, HiGHS may hold a worse plan than the heuristic's: keep the better.
  open = pickExact(ans, best.open, problem.nCandidates, (a, b) => served(a) > served(b) + eps);
  return finish(problem, cover, network, fixed, open, { solver: 'exact', status: ans.status, bound: ans.bound, t0 });
}

/** max Σ x; Σ_j x_uj ≤ w_u; Σ_u x_uj ≤ cap_j·y_j (existing: cap_j); Σ y = p. */
function cmclpLp(problem: SitingProblem, cover: CoverageLists, capacity: Float64Array, p: number): string {
  const lp = new LpBuilder('Maximize');
  const obj: string[] = [];
  const byDemand: string[][] = problem.demandIds.map(() => []);
  for (let j = 0; j < problem.siteIds.length; j++) {
    const into: string[] = [];
    for (let t = cover.start[j]; t < cover.start[j + 1]; t++) {
      const u = cover.demand[t];
      if (problem.weights[u] <= 0) continue;
      const x = `x${u}_${j}`;
      lp.continuous(x, 0, Infinity);
      obj.push(x);
      into.push(x);
      byDemand[u].push(x);
    }
    if (into.length === 0) continue;
    if (j < problem.nCandidates) lp.row(`s${j}`, [...into, `- ${term(capacity[j], `y${j}`)}`], '<=', 0);
    else lp.row(`s${j}`, into, '<=', capacity[j]);
  }
  byDemand.forEach((xs, u) => {
    if (xs.length > 0) lp.row(`d${u}`, xs, '<=', problem.weights[u]);
  });
  const ys = Array.from({ length: problem.nCandidates }, (_, j) => `y${j}`);
  ys.forEach((y) => lp.binary(y));
  if (ys.length > 0) lp.row('p', ys, '=', p);
  lp.setObjective(obj);
  return lp.text();
}

function finish(
  problem: SitingProblem,
  cover: CoverageLists,
  network: SeatNetwork,
  fixed: number[],
  open: number[],
  ctx: { solver: SitingResult['solver']; status: SolveStatus; bound: number | null; t0: number },
): SitingResult {
  const flow = network.flow(open);
  // Rank: from the existing facilities, add the site that seats the most extra people. Seats
  // served are submodular in the open sites (a transversal-matroid rank), so a stale gain bounds
  // the fresh one and only the top is recomputed (lazy greedy).
  const order: number[] = [];
  const gains: number[] = [];
  let base = network.baseServed;
  const bound = new Map<number, number>();
  for (const j of open) bound.set(j, network.served([j]) - base);
  const top = (): number => {
    let bj = -1;
    for (const [j, g] of bound) if (bj < 0 || g > bound.get(bj)! || (g === bound.get(bj)! && open.indexOf(j) < open.indexOf(bj))) bj = j;
    return bj;
  };
  while (bound.size > 0) {
    let j = top();
    for (;;) {
      bound.set(j, network.served([...order, j]) - base);
      const next = top();
      if (next === j) break;
      j = next;
    }
    gains.push(bound.get(j)!);
    base += bound.get(j)!;
    bound.delete(j);
    order.push(j);
  }
  const uncovered = problem.demandIds.filter((_, u) => flow.seated[u] < problem.weights[u] - 1e-9);
  const reach = new Uint8Array(problem.demandIds.length);
  for (const u of cover.demand) reach[u] = 1;
  const unreachable = problem.demandIds.filter((_, u) => !reach[u]);
  const result: SitingResult = {
    model: 'cmclp',
    selected: order.map((j) => problem.siteIds[j]),
    objective: flow.served,
    perSiteGain: gains,
    assignment: Array.from(flow.mainSite, (j) => (j >= 0 ? problem.siteIds[j] : null)),
    solver: ctx.solver,
    status: 'heuristic',
    bound: null,
    gapPct: null,
    seconds: seconds(ctx.t0),
    coveredWeight: flow.served,
    uncovered,
    existing: fixed.map((j) => problem.siteIds[j]),
  };
  if (unreachable.length > 0) result.unreachable = unreachable;
  return withStatus(result, ctx.status, ctx.bound);
}
