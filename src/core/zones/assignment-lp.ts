import { LpBuilder, solveMilp, term, type MilpOptions } from '../siting/exact/highs.ts';
import type { ZoneDesignProblem } from './design-problem.ts';

/** The transportation LP's answer: how much of each cell each kept pair carries. */
export interface AssignmentLp {
  status: 'optimal' | 'time_limit' | 'infeasible';
  /** Share of its cell's pupils each pair carries (indexed like `pairSchool`); null when HiGHS gave no solution. */
  pairShare: Float64Array | null;
  /** Pupil-metres of the LP's solution; null without one. */
  pupilMetres: number | null;
  /** Pupils the LP places; null without a solution. */
  placedPupils: number | null;
  seconds: number;
}

/** Capacity of each school under the utilisation cap. */
export function schoolLimits(problem: ZoneDesignProblem, maxUtilisation: number): Float64Array {
  return Float64Array.from(problem.schools, (s) => s.capacity * maxUtilisation);
}

/** Cells that take part: pupils to place and at least one school they may go to. */
function activeCells(problem: ZoneDesignProblem): number[] {
  const out: number[] = [];
  problem.cells.forEach((c, i) => {
    if (c.users > 0 && problem.pairStart[i + 1] > problem.pairStart[i]) out.push(i);
  });
  return out;
}

/**
 * The assignment as a transportation LP over the kept pairs, cells splittable: x_k ∈ [0, 1] is the
 * share of cell c's pupils w_c going to school s along pair k, u_c the share left unplaced.
 *   minimise Σ_k d_k w_c x_k + P Σ_c w_c u_c
 *   subject to Σ_{k of c} x_k + u_c = 1 (every cell), Σ_{k to s} w_c x_k ≤ maxUtilisation × seats_s.
 * With P above (schools + 1) × reachM no augmenting path (each school at most once, each pair at
 * most reachM) costs more than a pupil's penalty, so the optimum places the most pupils the seats
 * allow and, among such placements, walks the least.
 */
export async function solveAssignmentLp(problem: ZoneDesignProblem, maxUtilisation: number, milp: MilpOptions): Promise<AssignmentLp> {
  const cells = activeCells(problem);
  const { pairStart, pairSchool, pairDistanceM } = problem;
  const penalty = (problem.schools.length + 1) * problem.reachM;
  const lp = new LpBuilder('Minimize');
  const objective: string[] = [];
  const schoolTerms: string[][] = problem.schools.map(() => []);
  for (const c of cells) {
    const w = problem.cells[c].users;
    const row: string[] = [];
    for (let k = pairStart[c]; k < pairStart[c + 1]; k++) {
      objective.push(term(pairDistanceM[k] * w, `x${k}`));
      row.push(`x${k}`);
      schoolTerms[pairSchool[k]].push(term(w, `x${k}`));
    }
    objective.push(term(penalty * w, `u${c}`));
    row.push(`u${c}`);
    lp.row(`c${c}`, row, '=', 1);
  }
  const limits = schoolLimits(problem, maxUtilisation);
  schoolTerms.forEach((terms, s) => {
    if (terms.length > 0) lp.row(`s${s}`, terms, '<=', limits[s]);
  });
  lp.setObjective(objective);
  const answer = await solveMilp(lp.text(), milp);
  if (!answer.values) return { status: answer.status, pairShare: null, pupilMetres: null, placedPupils: null, seconds: answer.seconds };
  const pairShare = new Float64Array(pairSchool.length);
  let pupilMetres = 0;
  let placed = 0;
  for (const c of cells) {
    const w = problem.cells[c].users;
    for (let k = pairStart[c]; k < pairStart[c + 1]; k++) {
      const x = Math.min(1, Math.max(0, answer.values.get(`x${k}`) ?? 0));
      pairShare[k] = x;
      pupilMetres += x * w * pairDistanceM[k];
      placed += x * w;
    }
  }
  return { status: answer.status, pairShare, pupilMetres, placedPupils: placed, seconds: answer.seconds };
}

/**
 * The least pupil-metres any assignment over the kept pairs needs to place at least `placedPupils`
 * pupils within the seats (cells splittable): a lower bound on the walking of every zoning that
 * places as many. Null when HiGHS did not prove it by the deadline.
 */
export async function assignmentLowerBound(problem: ZoneDesignProblem, maxUtilisation: number, placedPupils: number, milp: MilpOptions): Promise<number | null> {
  const cells = activeCells(problem);
  if (placedPupils <= 0) return 0;
  const { pairStart, pairSchool, pairDistanceM } = problem;
  const lp = new LpBuilder('Minimize');
  const objective: string[] = [];
  const placement: string[] = [];
  const schoolTerms: string[][] = problem.schools.map(() => []);
  for (const c of cells) {
    const w = problem.cells[c].users;
    const row: string[] = [];
    for (let k = pairStart[c]; k < pairStart[c + 1]; k++) {
      objective.push(term(pairDistanceM[k] * w, `x${k}`));
      row.push(`x${k}`);
      placement.push(term(w, `x${k}`));
      schoolTerms[pairSchool[k]].push(term(w, `x${k}`));
    }
    lp.row(`c${c}`, row, '<=', 1);
  }
  const limits = schoolLimits(problem, maxUtilisation);
  schoolTerms.forEach((terms, s) => {
    if (terms.length > 0) lp.row(`s${s}`, terms, '<=', limits[s]);
  });
  // A hair below the target, so rounding in the placed total never makes it infeasible.
  lp.row('placed', placement, '>=', placedPupils * (1 - 1e-9));
  lp.setObjective(objective);
  const answer = await solveMilp(lp.text(), milp);
  return answer.status === 'optimal' ? answer.bound : null;
}
