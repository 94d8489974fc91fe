import { InputError } from '../../errors.ts';
import { checkSize, DEFAULT_EXACT_MAX_VARIABLES, LpBuilder, solveMilp, term } from '../exact/highs.ts';
import { capacitatedPMedianHeuristic } from '../heuristics/cpmedian.ts';
import { denseCosts, type SitingProblem } from '../problem.ts';
import type { SitingResult, SolveOptions } from '../types.ts';
import { checkDemand, checkP, exactDeadline, existingSites, openFromValues, seconds, withStatus } from './common.ts';

/**
 * Capacitated p-median, exact only (HiGHS): every demand point goes whole to one open site, the
 * demand a site receives stays within its capacity, and the total cost is minimal. With
 * `weightedCost` (default) cost counts per person (pupil-metres); without it, per demand point, the
 * convention of the OR-Library and Lorena–Senne benchmark sets. Sites without a capacity are
 * unlimited. Returns the optimum or, at the time limit, the incumbent with its proven gap.
 */
export async function solveCapacitatedPMedian(
  problem: SitingProblem,
  p: number,
  opts: SolveOptions & { weightedCost?: boolean; required?: string[]; fillRequired?: boolean; divisible?: boolean } = {},
): Promise<SitingResult> {
  const t0 = performance.now();
  checkDemand(problem);
  checkP(problem, p);
  const cost = denseCosts(problem);
  const n = problem.demandIds.length;
  const m = problem.siteIds.length;
  const w = problem.weights;
  let pairs = 0;
  for (const c of cost) if (c !== Infinity) pairs++;
  checkSize(pairs + m, opts.exactMaxVariables ?? DEFAULT_EXACT_MAX_VARIABLES);
  let totalDemand = 0;
  for (const q of w) totalDemand += q;
  let totalCap = 0;
  for (let j = 0; j < m; j++) totalCap += Number.isFinite(problem.capacity[j]) ? problem.capacity[j] : Infinity;
  if (totalCap < totalDemand) throw new InputError('capacity', `all sites together hold ${totalCap}, less than the demand ${totalDemand}`);
  const required = requiredSites(problem, p, opts.required ?? [], opts.fillRequired === true, totalDemand);
  const divisible = opts.divisible === true;

  const lp = new LpBuilder('Minimize');
  const obj: string[] = [];
  const into: string[][] = Array.from({ length: m }, () => []);
  for (let u = 0; u < n; u++) {
    if (w[u] === 0) continue;
    const assign: string[] = [];
    for (let j = 0; j < m; j++) {
      const c = cost[u * m + j];
      if (c === Infinity) continue;
      const x = `x${u}_${j}`;
      if (divisible) lp.continuous(x, 0, 1);
      else lp.binary(x);
      assign.push(x);
      const k = opts.weightedCost === false ? c : c * w[u];
      if (k !== 0) obj.push(term(k, x));
      into[j].push(term(w[u], x));
      // Redundant with the capacity row but tightens the LP relaxation considerably.
      if (j < problem.nCandidates) lp.row(`a${u}_${j}`, [x, `- y${j}`], '<=', 0);
    }
    if (assign.length === 0) throw new InputError('demand', `${problem.demandNames[u]}: no site can reach it`);
    lp.row(`d${u}`, assign, '=', 1);
  }
  for (let j = 0; j < m; j++) {
    const cap = problem.capacity[j];
    if (!Number.isFinite(cap) || into[j].length === 0) continue;
    // A required site to be filled takes exactly its capacity (spopt's fulfill_predefined_fac).
    const op = opts.fillRequired && required.has(j) ? '=' : '<=';
    if (j < problem.nCandidates) lp.row(`c${j}`, [...into[j], `- ${term(cap, `y${j}`)}`], op, 0);
    else lp.row(`c${j}`, into[j], op, cap);
  }
  const ys = Array.from({ length: problem.nCandidates }, (_, j) => `y${j}`);
  ys.forEach((y) => lp.binary(y));
  if (ys.length > 0) lp.row('p', ys, '=', p);
  for (const j of required) lp.row(`r${j}`, [`y${j}`], '=', 1);
  lp.setObjective(obj);
  // A heuristic solution gives HiGHS an incumbent at once, so a time-limited run still returns
  // a good plan and its proven gap.
  const swappable = new Uint8Array(m).fill(1, 0, problem.nCandidates);
  const fixed = Int32Array.from(existingSites(problem));
  // Required sites and their filling are the MILP's to honour: the heuristic knows neither.
  const heur =
    required.size === 0
      ? capacitatedPMedianHeuristic(
          { cost, demand: w, capacity: problem.capacity, nSites: m, swappable, fixed, p, weightedCost: opts.weightedCost !== false },
          opts.seed,
        )
      : { open: [], assign: new Int32Array(n).fill(-1), objective: Infinity };
  let start: Record<string, number> | undefined;
  if (heur.objective !== Infinity) {
    start = {};
    for (let j = 0; j < problem.nCandidates; j++) start[`y${j}`] = 0;
    for (const j of heur.open) start[`y${j}`] = 1;
    for (let u = 0; u < n; u++) {
      if (w[u] === 0) continue;
      for (let j = 0; j < m; j++) if (cost[u * m + j] !== Infinity) start[`x${u}_${j}`] = heur.assign[u] === j ? 1 : 0;
    }
  }
  const ans = await solveMilp(lp.text(), { deadline: exactDeadline(opts, t0), loadHighs: opts.loadHighs, runMilp: opts.runMilp, start, cancel: opts.cancel });
  if (ans.status === 'infeasible') {
    throw new InputError(
      'capacity',
      `no assignment of every demand point${divisible ? '' : ' whole'} to ${p} site(s)${required.size > 0 ? `, the ${required.size} required ones among them${opts.fillRequired ? ' and filled' : ''},` : ''} fits the capacities`,
    );
  }
  // HiGHS's plan unless it has none or a worse one than the heuristic's (stopped at the limit).
  let open: number[];
  const assignment: (string | null)[] = [];
  const heurCost = heur.objective;
  const values = ans.values;
  const milpCost = values ? cpCost(values) : Infinity;
  if (values && (ans.status === 'optimal' || milpCost <= heurCost)) {
    open = openFromValues(values, problem.nCandidates);
    for (let u = 0; u < n; u++) {
      // The site taking the largest share (all of it unless divisible).
      let site: string | null = null;
      let most = 1e-9;
      for (let j = 0; j < m; j++) {
        const x = values.get(`x${u}_${j}`) ?? 0;
        if (x > most) {
          most = x;
          site = problem.siteIds[j];
        }
      }
      assignment.push(site);
    }
  } else if (heurCost !== Infinity) {
    open = heur.open;
    for (let u = 0; u < n; u++) assignment.push(heur.assign[u] >= 0 ? problem.siteIds[heur.assign[u]] : null);
  } else {
    throw new InputError('exact', `no capacitated plan found within ${opts.timeLimitS ?? 60} s; raise the time limit`);
  }
  let objective = 0;
  if (values && open !== heur.open) objective = milpCost;
  else {
    assignment.forEach((s, u) => {
      if (s === null) return;
      const c = cost[u * m + problem.siteIds.indexOf(s)];
      objective += opts.weightedCost === false ? c : c * w[u];
    });
  }
  // Rank by demand served (the marginal cost of a capacitated site is not separable).
  const served = new Map<string, number>();
  assignment.forEach((s, u) => s !== null && served.set(s, (served.get(s) ?? 0) + w[u]));
  const ranked = open.map((j) => problem.siteIds[j]).sort((a, b) => (served.get(b) ?? 0) - (served.get(a) ?? 0));
  const result: SitingResult = {
    model: 'cpmedian',
    selected: ranked,
    objective,
    perSiteGain: ranked.map((id) => served.get(id) ?? 0),
    assignment,
    solver: 'exact',
    status: 'heuristic',
    bound: null,
    gapPct: null,
    seconds: seconds(t0),
    existing: existingSites(problem).map((j) => problem.siteIds[j]),
  };
  return withStatus(result, ans.status, ans.bound);

  /** Σ x·cost over the MILP's assignment (shares when divisible). */
  function cpCost(values: Map<string, number>): number {
    let total = 0;
    for (let u = 0; u < n; u++) {
      if (w[u] === 0) continue;
      for (let j = 0; j < m; j++) {
        const x = values.get(`x${u}_${j}`) ?? 0;
        if (x > 1e-9) total += x * (opts.weightedCost === false ? cost[u * m + j] : cost[u * m + j] * w[u]);
      }
    }
    return total;
  }
}

/**
 * The required candidates' indices, after the checks spopt makes, each naming its cause: an id that
 * is not a candidate, more required sites than p, a required site without a capacity to fill, the
 * required sites holding more than the whole demand (they could not be filled), and p too small
 * for the demand (existing, required and the largest other candidates together hold too little).
 */
function requiredSites(problem: SitingProblem, p: number, ids: string[], fill: boolean, totalDemand: number): Set<number> {
  const index = new Map(problem.siteIds.slice(0, problem.nCandidates).map((id, j) => [id, j]));
  const out = new Set<number>();
  for (const id of ids) {
    const j = index.get(id);
    if (j === undefined) throw new InputError('required', `'${id}' is not a candidate site`);
    out.add(j);
  }
  if (out.size > p) throw new InputError('p', `p = ${p} is less than the ${out.size} required facilities; p must be at least ${out.size}`);
  const cap = (j: number): number => (Number.isFinite(problem.capacity[j]) ? problem.capacity[j] : Infinity);
  if (fill) {
    let held = 0;
    for (const j of out) {
      if (!Number.isFinite(problem.capacity[j])) throw new InputError('required', `${problem.siteIds[j]}: a required facility to be filled needs a capacity`);
      held += cap(j);
    }
    if (held > totalDemand) {
      throw new InputError('capacity', `the ${out.size} required facilities hold ${held} places, more than the total demand ${totalDemand}: they cannot all be filled`);
    }
  }
  let most = 0;
  for (let j = problem.nCandidates; j < problem.siteIds.length; j++) most += cap(j);
  for (const j of out) most += cap(j);
  const others = Array.from({ length: problem.nCandidates }, (_, j) => j)
    .filter((j) => !out.has(j))
    .map(cap)
    .sort((a, b) => b - a)
    .slice(0, p - out.size);
  for (const c of others) most += c;
  if (most < totalDemand) {
    throw new InputError('p', `p = ${p} is too small for the demand ${totalDemand}: any ${p} sites hold at most ${most} places (with the existing facilities)`);
  }
  return out;
}
