import type { HighsLoader } from '../siting/exact/highs-loader.ts';
import type { MilpRunner } from '../siting/exact/milp-runner.ts';
import { InputError } from '../errors.ts';
import { DEFAULT_EXACT_MAX_VARIABLES } from '../siting/exact/highs.ts';
import { assignmentLowerBound, schoolLimits, solveAssignmentLp } from './assignment-lp.ts';
import type { NoPairReason, ZoneDesignProblem } from './design-problem.ts';
import { sumZoneFigures, type ZoneFigures } from './zone-figures.ts';
import { emptyState, evictOverCapacity, growZones, keepConnected, pairOf, placeByEjection, roundShares, shortenWalks, tradePlaces, type ZoneState } from './zone-repair.ts';

/** Why a cell with pupils is in no zone. */
export type UnplacedReason = NoPairReason | 'no-seats' | 'not-contiguous';

export interface UnplacedCell {
  cell: string;
  pupils: number;
  /**
   * 'no-school-in-reach': no school within the reach limit by the distance rule;
   * 'across-arterial': the only schools in reach, or the only ones with room, lie across a road
   * that may not be crossed there; 'no-seats': every school it may go to is full;
   * 'not-contiguous': a school it may go to has room, but its zone does not reach the cell.
   */
  reason: UnplacedReason;
}

export interface ZoneDesignSettings {
  /** 'exact': the transportation LP with HiGHS, rounded and repaired; 'fast': zones grown from the schools, repaired the same way (no HiGHS). */
  mode: 'exact' | 'fast';
  /** No school takes more than this × its seats; default 1. */
  maxUtilisation?: number;
  /** Prove the LP lower bound for the gap; default true in exact mode. */
  lowerBound?: boolean;
  /** HiGHS must answer both LPs within this many seconds of the start (default 60); stopped there, the fast design answers without a bound. */
  timeLimitS?: number;
  runMilp?: MilpRunner;
  loadHighs?: HighsLoader;
}

/** A designed zoning. Plain data (JSON as it is). */
export interface ZoneDesign {
  /** Each cell: its school's id, or null when it is in no zone (cells without pupils join zones that reach them). */
  assignment: Record<string, string | null>;
  /** One zone per school, with the evaluation's figures. */
  zones: ZoneFigures[];
  unassigned: UnplacedCell[];
  /** Pupil-metres walked: Σ pupils × distance to their zone's school. */
  objective: number;
  /** Least pupil-metres to place as many pupils over the same pairs (the LP, cells splittable); null when not proven. */
  lowerBound: number | null;
  /** 100 × (objective − lowerBound) / lowerBound; null without a bound. */
  gapPct: number | null;
  placedPupils: number;
  unplacedPupils: number;
  /** Pupils the LP places with cells splittable (the most the seats allow over the pairs); null in fast mode. */
  lpPlacedPupils: number | null;
  /** What made the zones: 'lp' (HiGHS's optimum, rounded and repaired), 'greedy' (fast mode, or HiGHS stopped at the time limit). */
  solver: 'lp' | 'greedy';
  /** HiGHS's status for the LP; null in fast mode. */
  lpStatus: 'optimal' | 'time_limit' | 'infeasible' | null;
  maxUtilisation: number;
  seconds: number;
}

/** Why each cell with pupils and no school is unplaced. */
function unplacedOf(problem: ZoneDesignProblem, state: ZoneState): UnplacedCell[] {
  const out: UnplacedCell[] = [];
  problem.cells.forEach((cell, c) => {
    if (!(cell.users > 0) || state.cellSchool[c] >= 0) return;
    const fits = (s: number) => state.load[s] + cell.users <= state.limits[s] + 1e-7;
    let room = false;
    for (let k = problem.pairStart[c]; k < problem.pairStart[c + 1]; k++) if (fits(problem.pairSchool[k])) room = true;
    let roomAcross = false;
    for (let k = problem.acrossStart[c]; k < problem.acrossStart[c + 1]; k++) if (fits(problem.acrossSchool[k])) roomAcross = true;
    const none = problem.noPairReason[c];
    const reason: UnplacedReason = none ?? (room ? 'not-contiguous' : roomAcross ? 'across-arterial' : 'no-seats');
    out.push({ cell: cell.id, pupils: cell.users, reason });
  });
  return out;
}

/** Per-zone figures of a zoning given as each cell's school index (-1: none): what a hand edit recomputes. */
export function designFigures(problem: ZoneDesignProblem, cellSchool: Int32Array): ZoneFigures[] {
  const cell: number[] = [];
  const zone: number[] = [];
  const share: number[] = [];
  cellSchool.forEach((s, c) => {
    if (s < 0) return;
    cell.push(c);
    zone.push(s);
    share.push(1);
  });
  const radiusM = problem.standard.radiusM;
  const indexOf = new Map(problem.schools.map((school, s) => [school, s]));
  return sumZoneFigures(
    problem.schools.map((school) => ({ id: school.id, school })),
    problem.cells,
    { cell, zone, share },
    (c, school) => {
      const k = pairOf(problem, c, indexOf.get(school)!);
      return k < 0 || problem.pairDistanceM[k] > radiusM;
    },
  );
}

function pupilMetres(problem: ZoneDesignProblem, state: ZoneState): { metres: number; placed: number } {
  let metres = 0;
  let placed = 0;
  state.cellSchool.forEach((s, c) => {
    if (s < 0) return;
    const w = problem.cells[c].users;
    metres += w * problem.pairDistanceM[pairOf(problem, c, s)];
    placed += w;
  });
  return { metres, placed };
}

/**
 * Designs attendance zones: every cell with pupils to at most one school it may go to (a kept pair:
 * in reach by the distance rule, so never only across an arterial without a crossing in the
 * network no-cross mode), no school above `maxUtilisation` × its seats, every zone one connected
 * piece of touching cells, pupil-metres as few as the method finds. Exact mode solves the
 * transportation LP with HiGHS (cells splittable), gives each cell to the school carrying most of
 * it, then repairs: over-full schools give up cells (moved to a touching zone with room where
 * one holds the excess, else let go), detached pieces are let go,
 * zones grow into the cells left (nearest first), a cell still left joins a full zone that hands
 * one of its cells on to a neighbour with room or trades places with one of its cells (more
 * pupils placed, or as many walking less), and edge cells move to a touching zone whose school is
 * nearer. Fast mode grows the zones from the schools and repairs the same way, without
 * the LP. Deterministic: the same problem and settings give the same zones.
 */
export async function designZones(problem: ZoneDesignProblem, settings: ZoneDesignSettings): Promise<ZoneDesign> {
  const t0 = performance.now();
  const maxUtilisation = settings.maxUtilisation ?? 1;
  if (!(Number.isFinite(maxUtilisation) && maxUtilisation > 0 && maxUtilisation <= 10)) {
    throw new InputError('maxUtilisation', `must be a number above 0 and at most 10, got ${String(maxUtilisation)}`);
  }
  const timeLimitS = settings.timeLimitS ?? 60;
  if (!(Number.isFinite(timeLimitS) && timeLimitS > 0)) throw new InputError('timeLimitS', `must be a number of seconds above 0, got ${String(timeLimitS)}`);
  const deadline = t0 + timeLimitS * 1000;
  const milp = { deadline, runMilp: settings.runMilp, loadHighs: settings.loadHighs };
  const limits = schoolLimits(problem, maxUtilisation);
  const state = emptyState(problem, limits);

  let solver: ZoneDesign['solver'] = 'greedy';
  let lpStatus: ZoneDesign['lpStatus'] = null;
  let lpPlacedPupils: number | null = null;
  if (settings.mode === 'exact') {
    // The LP has a column per kept pair and per cell; past the engine's limit for HiGHS the fast mode is the way.
    const columns = problem.pairSchool.length + problem.cells.length;
    if (columns > DEFAULT_EXACT_MAX_VARIABLES) {
      throw new InputError('exact', `the zone LP would have ${columns.toLocaleString('en-US')} columns (limit ${DEFAULT_EXACT_MAX_VARIABLES.toLocaleString('en-US')}); design with the fast mode (--fast)`);
    }
    const lp = await solveAssignmentLp(problem, maxUtilisation, milp);
    lpStatus = lp.status;
    if (lp.pairShare && lp.status === 'optimal') {
      solver = 'lp';
      lpPlacedPupils = lp.placedPupils;
      roundShares(problem, state, lp.pairShare);
      evictOverCapacity(problem, state);
      keepConnected(problem, state);
    }
  }
  growZones(problem, state);
  placeByEjection(problem, state);
  tradePlaces(problem, state);
  shortenWalks(problem, state);
  // Seats a move left free may take cells still waiting.
  growZones(problem, state);

  const { metres, placed } = pupilMetres(problem, state);
  let lowerBound: number | null = null;
  if (settings.lowerBound ?? settings.mode === 'exact') lowerBound = await assignmentLowerBound(problem, maxUtilisation, placed, milp);
  const assignment = Object.create(null) as Record<string, string | null>;
  problem.cells.forEach((cell, c) => (assignment[cell.id] = state.cellSchool[c] >= 0 ? problem.schools[state.cellSchool[c]].id : null));
  const unassigned = unplacedOf(problem, state);
  return {
    assignment,
    zones: designFigures(problem, state.cellSchool),
    unassigned,
    objective: metres,
    lowerBound,
    gapPct: lowerBound === null ? null : lowerBound > 0 ? (100 * (metres - lowerBound)) / lowerBound : metres > 0 ? null : 0,
    placedPupils: placed,
    unplacedPupils: unassigned.reduce((s, u) => s + u.pupils, 0),
    lpPlacedPupils,
    solver,
    lpStatus,
    maxUtilisation,
    seconds: (performance.now() - t0) / 1000,
  };
}
