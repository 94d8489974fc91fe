import type { CancelToken, LngLat, ProgressCallback } from '../types.ts';
import type { HighsLoader } from './exact/highs-loader.ts';
import type { MilpRunner } from './exact/milp-runner.ts';

/** See `SitingResult.status`. */
export type SolveStatus = 'optimal' | 'time_limit' | 'heuristic';

export type SitingModel = 'pmedian' | 'pcenter' | 'mclp' | 'cmclp' | 'lscp' | 'lscpb' | 'cpmedian';

/** A demand point: a block of residents (pupils, patients) at one place. */
export interface SitingDemand {
  id: string;
  /** Shown in messages (unreachable demand); defaults to the id. */
  name?: string;
  weight: number;
  lngLat?: LngLat;
}

/** A candidate or existing site. */
export interface SitingSite {
  id: string;
  name?: string;
  lngLat?: LngLat;
  /** Seats (schools) or daily visits (clinics); used by the capacitated model. */
  capacity?: number;
}

/** What the models are asked; one variant per model. */
export type ModelSpec =
  | { model: 'pmedian'; p: number }
  | { model: 'pcenter'; p: number }
  | { model: 'mclp'; p: number; radius: number }
  /** `seats`: capacity of each new site (the standard school size). */
  | { model: 'cmclp'; p: number; radius: number; seats: number }
  /** `target`: share of total demand weight to cover, 0..1 (default 1). */
  | { model: 'lscp'; radius: number; target?: number }
  /**
   * LSCP-B (Hogan & ReVelle's backup coverage; exact only): the fewest sites covering every demand
   * point of weight > 0 within `radius`, then, with that many, the most demand weight covered twice.
   */
  | { model: 'lscpb'; radius: number }
  /**
   * Capacitated p-median (exact only); capacities from the sites. `weightedCost` false: cost per
   * demand point. `required`: candidate ids that must be open (they count in p); `fillRequired`:
   * each of them must be filled exactly to its capacity (spopt's `fulfill_predefined_fac`).
   * `divisible`: a demand point may be split between sites (default: each goes whole to one).
   */
  | { model: 'cpmedian'; p: number; weightedCost?: boolean; required?: string[]; fillRequired?: boolean; divisible?: boolean };

export interface SolveOptions {
  /**
   * 'heuristic' (default); 'exact': HiGHS (the heuristic's answer as its start where the model has
   * one); 'auto': exact when the MILP has at most 25 000 variables, else the heuristic.
   */
  solver?: 'heuristic' | 'exact' | 'auto';
  /** Heuristic seed; the same seed gives the same answer. */
  seed?: number;
  /**
   * Wall-clock limit, seconds, for the whole solve (heuristic, model building, HiGHS). An exact run
   * that reaches it returns the best plan found with status 'time_limit'.
   */
  timeLimitS?: number;
  /** Heuristic effort: improvement rounds after the first local optimum. */
  iterations?: number;
  onProgress?: ProgressCallback;
  cancel?: CancelToken;
  /** How to obtain HiGHS in this thread (the browser passes one with `locateFile`); used without `runMilp`. */
  loadHighs?: HighsLoader;
  /**
   * Runs HiGHS in a thread terminated at the time limit, so the limit holds even in presolve (Node:
   * the CLI's worker_threads runner; the app: a Web Worker). Without it HiGHS runs in this thread
   * and can overrun the limit by a presolve.
   */
  runMilp?: MilpRunner;
  /** Largest MILP (variables) HiGHS is given at all (default 250 000); larger is an InputError. */
  exactMaxVariables?: number;
}

/** Plain, serialisable answer of every model. */
export interface SitingResult {
  model: SitingModel;
  /** New sites chosen (candidate ids), best first: each adds the most given the ones before it (cpmedian: most demand served). */
  selected: string[];
  /** pmedian: total weighted cost; pcenter: largest cost; mclp/cmclp: covered (served) weight; lscp, lscpb: number of new sites. */
  objective: number;
  /** Marginal objective improvement of each selected site in rank order (cpmedian: demand it serves). */
  perSiteGain: number[];
  /** Per demand point (problem order): the site id serving it, or null when none can. */
  assignment: (string | null)[];
  /**
   * How the answer stands: 'optimal' (HiGHS proved it), 'time_limit' (the exact solver stopped at
   * the wall-clock limit; the best plan found, HiGHS's or the heuristic's), 'heuristic' (no proof
   * was sought).
   */
  status: SolveStatus;
  /** Best proven bound on the objective (exact solver), null when none was proven. */
  bound: number | null;
  /** 100 × |objective − bound| / |objective|; 0 when proven optimal, null without a proven bound. */
  gapPct: number | null;
  /** gapPct / 100 when a bound is proven (what the app shows). */
  gap?: number;
  solver: 'heuristic' | 'exact';
  seconds: number;
  /** Coverage models: demand weight within the radius of an open site (cmclp: served by seats). */
  coveredWeight?: number;
  /** LSCP-B: demand weight within the radius of two or more open sites. */
  backupWeight?: number;
  /** Coverage models: ids of demand points left uncovered. */
  uncovered?: string[];
  /**
   * Demand points no site (candidate or existing) can reach at all. They cannot be counted in the
   * objective (no finite cost), so they are named here and in the CLI's JSON and warnings.
   */
  unreachable?: string[];
  /**
   * p-median / p-center: demand weight (> 0) left without an open site in reach, unreachable
   * included; the objective covers the rest only, so a non-zero value means the plan leaves
   * people unserved (e.g. p = 0 with too few existing facilities).
   */
  unservedWeight?: number;
  /** Existing facilities the answer counted on. */
  existing: string[];
}
