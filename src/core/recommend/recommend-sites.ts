import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { evaluate } from '../evaluate/evaluate.ts';
import type { EvaluateInput, EvaluateOptions, Evaluation, EvaluationSummary } from '../evaluate/evaluation.ts';
import { InputError } from '../errors.ts';
import { geodesicRule } from '../distance/geodesic-rule.ts';
import { featuresOf } from '../input/features.ts';
import { withProposedSites } from '../whatif/proposed-site.ts';
import type { ProposedSite } from '../whatif/types.ts';
import { gridCandidates } from '../siting/candidates.ts';
import { sitingDemand } from './siting-demand.ts';
import { buildProblem, solveSiting, type ModelSpec, type SitingResult, type SolveOptions } from '../siting/index.ts';
import type { SitingSite } from '../siting/types.ts';
import type { CancelToken, LngLat, ProgressCallback } from '../types.ts';

/** The models a planner chooses between in the app. */
export type RecommendModel = 'cmclp' | 'mclp' | 'lscp' | 'pmedian' | 'pcenter';

export interface RecommendOptions {
  model: RecommendModel;
  /** New sites to place (all models but LSCP). */
  p?: number;
  /** LSCP: share of pupils to bring within the radius, 0..1 (default 1). */
  target?: number;
  /** Candidate grid spacing over unserved demand, metres (unused when `candidates` are given). */
  candidateSpacingM: number;
  /** The user's own candidate sites (points or parcel centroids) in place of the grid. */
  candidates?: SitingSite[];
  /** Proposed sites the planner has locked: kept and counted like existing facilities; p more are placed. */
  locked?: ProposedSite[];
  /** Candidates closer than this to an existing facility of the type are dropped (default: half the radius). */
  minSpacingM?: number;
  /** Where nothing may be built (parks, water, rail, industry…). */
  exclude?: (Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>)[];
  /** Most candidates kept (those with the most unserved demand nearby first). */
  maxCandidates?: number;
  solver?: SolveOptions['solver'];
  seed?: number;
  /** Heuristic improvement rounds after the first local optimum (more: slower, sometimes better). */
  iterations?: number;
  /** Wall-clock budget of the whole recommendation, seconds: the optimizer gets what the evaluations leave of it. */
  timeLimitS?: number;
  loadHighs?: SolveOptions['loadHighs'];
  runMilp?: SolveOptions['runMilp'];
}

/** One recommended new facility, sized the Zhengzhou way: from the pupils it takes, within the cap. */
export interface Proposal {
  rank: number;
  id: string;
  /** The candidate's own name (user-given sites), or null for grid points. */
  name: string | null;
  lngLat: LngLat;
  /** Seats (schools) or visits a day (clinics) of the proposed facility. */
  seats: number;
  /** Classes for schools, null for clinics. */
  classes: number | null;
  /** Pupils given a place there after allocation. */
  pupilsServed: number;
  /** Pupils living within its radius. */
  pupilsInCatchment: number;
  /** The model's marginal objective gain for this site, in rank order. */
  marginalGain: number;
}

export interface Recommendation {
  proposals: Proposal[];
  siting: SitingResult;
  candidates: number;
  /** Today, without any proposed site (locked ones included in `after`). */
  before: EvaluationSummary;
  after: EvaluationSummary;
  /** The full evaluation with the proposals built, for the map. */
  afterEvaluation: Evaluation;
}

const EXISTING = 'existing:';

type Size = { seats: number; classes: number | null };

function specFor(options: RecommendOptions, radiusM: number, seats: number): ModelSpec {
  const p = options.p ?? 0;
  if (options.model !== 'lscp' && !(Number.isInteger(p) && p >= 1)) {
    throw new InputError('recommend', `the number of new sites must be a whole number ≥ 1, got ${String(options.p)}`);
  }
  switch (options.model) {
    case 'cmclp':
      return { model: 'cmclp', p, radius: radiusM, seats };
    case 'mclp':
      return { model: 'mclp', p, radius: radiusM };
    case 'lscp':
      return { model: 'lscp', radius: radiusM, target: options.target ?? 1 };
    case 'pmedian':
      return { model: 'pmedian', p };
    case 'pcenter':
      return { model: 'pcenter', p };
  }
}

function proposedFeature(site: { id: string; rank: number; lngLat: LngLat; name?: string }, type: EvaluateOptions['type'], size: Size): Feature<Point> {
  const name = site.name ?? `Proposed site ${site.rank}`;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [site.lngLat[0], site.lngLat[1]] },
    properties: { id: site.id, name, name_en: name, type, capacity: size.seats, ...(size.classes === null ? {} : { classes: size.classes }), proposed: true },
  };
}

/**
 * What every recommendation for one district and standard shares, whatever the number of sites:
 * today's evaluation (and with locked sites), the candidate sites and the siting problem with its
 * distances. Built once, it can be finished for several p (`coverageCurve`).
 */
export interface RecommendationBasis {
  startedAt: number;
  today: Evaluation;
  before: Evaluation;
  /** The district with the locked proposals built. */
  base: EvaluateInput;
  candidates: SitingSite[];
  problem: ReturnType<typeof buildProblem>;
  /** Seconds one evaluation took: the finish needs two more. */
  evaluationS: number;
}

/** Evaluates today, generates the candidates and builds the siting problem. Progress 0 to 0.25. */
export function recommendationBasis(
  input: EvaluateInput,
  evalOptions: EvaluateOptions,
  options: RecommendOptions,
  onProgress: ProgressCallback = () => undefined,
): RecommendationBasis {
  const startedAt = performance.now();
  const stage = (from: number, to: number): ProgressCallback => (f, m) => onProgress(from + (to - from) * f, m);
  const today = evaluate(input, evalOptions, stage(0, 0.1));
  const evaluationS = (performance.now() - startedAt) / 1000;
  // Locked proposals stand like existing facilities: the model places sites around them.
  const locked = options.locked ?? [];
  const base = locked.length > 0 ? withProposedSites(input, evalOptions.type, locked) : input;
  const before = locked.length > 0 ? evaluate(base, evalOptions, stage(0.1, 0.2)) : today;
  const radiusM = before.summary.standard.radiusM;

  onProgress(0.2, 'generating candidate sites');
  const { demand } = sitingDemand(before.cells, radiusM);
  if (demand.length === 0) throw new InputError('population', 'no residents to plan for');
  const existing: SitingSite[] = before.facilities.map((f) => ({ id: EXISTING + f.id, name: f.name, lngLat: f.lngLat, capacity: f.capacity }));
  const candidates = options.candidates ?? gridCandidates({
    unserved: before.cells.map((c) => ({ lngLat: c.lngLat, weight: c.unserved })),
    spacingM: options.candidateSpacingM,
    reachM: radiusM,
    exclude: options.exclude,
    existing: before.facilities.map((f) => f.lngLat),
    minSpacingM: options.minSpacingM ?? radiusM / 2,
    maxCandidates: options.maxCandidates ?? 600,
  });
  if (candidates.length === 0) {
    throw new InputError(
      'candidates',
      options.candidates
        ? 'the candidate sites layer is empty'
        : 'no candidate sites: every unserved pupil is already near a facility, or the grid falls only in excluded zones',
    );
  }
  const missing = candidates.find((c) => !c.lngLat);
  if (missing) throw new InputError('candidates', `${missing.id}: a candidate site needs coordinates`);

  const coverage = options.model === 'cmclp' || options.model === 'mclp' || options.model === 'lscp';
  onProgress(0.22, 'distances from the candidate sites');
  const problem = buildProblem({
    demand,
    candidates,
    existing,
    // The evaluations' own rule (straight line or walking network), so siting and results agree.
    rule: (evalOptions.distanceRule ?? geodesicRule)(demand.map((d) => d.lngLat!)),
    maxCost: coverage ? radiusM : Infinity,
  });
  return { startedAt, today, before, base, candidates, problem, evaluationS };
}

/**
 * Chooses the sites of `options` on a prepared basis, sizes each new school from the pupils it
 * takes (classes × class size, within the cap) and evaluates the plan. Progress 0.25 to 1.
 */
export async function finishRecommendation(
  input: EvaluateInput,
  evalOptions: EvaluateOptions,
  options: RecommendOptions,
  basis: RecommendationBasis,
  onProgress: ProgressCallback = () => undefined,
  cancel?: CancelToken,
): Promise<Recommendation> {
  const stage = (from: number, to: number): ProgressCallback => (f, m) => onProgress(from + (to - from) * f, m);
  const { today, before, base, candidates, problem, evaluationS } = basis;
  const { standard } = before.summary;
  const radiusM = standard.radiusM;
  onProgress(0.25, 'choosing sites');
  const siting = await solveSiting(problem, specFor(options, radiusM, standard.maxSchoolSeats), {
    solver: options.solver ?? 'heuristic',
    seed: options.seed ?? 1,
    iterations: options.iterations,
    // Two more evaluations follow the model (sizing, then the plan): keep time for them.
    timeLimitS: options.timeLimitS === undefined ? undefined : Math.max(0.5, options.timeLimitS - (performance.now() - basis.startedAt) / 1000 - 2 * evaluationS),
    loadHighs: options.loadHighs,
    runMilp: options.runMilp,
    onProgress: stage(0.25, 0.8),
    cancel,
  });
  // Build every chosen site at the size cap, see how many pupils each takes, then size it to them.
  const byId = new Map(candidates.map((c) => [c.id, c.lngLat!]));
  const nameById = new Map(candidates.map((c) => [c.id, c.name]));
  const chosen = siting.selected.map((id, k) => ({ id, rank: k + 1, lngLat: byId.get(id)!, name: nameById.get(id) }));
  const withSites = (sizes: Map<string, Size>): EvaluateInput => ({
    ...base,
    facilities: {
      type: 'FeatureCollection',
      features: [
        ...featuresOf(base.facilities, input.sources?.facilities ?? 'facilities'),
        ...chosen.map((c) => proposedFeature(c, evalOptions.type, sizes.get(c.id)!)),
      ],
    },
  });
  const capped = new Map<string, Size>(chosen.map((c) => [c.id, { seats: standard.maxSchoolSeats, classes: null }]));
  const trial = evaluate(withSites(capped), evalOptions, stage(0.8, 0.9));
  const sized = new Map<string, Size>(
    chosen.map((c): [string, Size] => {
      const taken = trial.facilities.find((f) => f.id === c.id)?.allocated ?? 0;
      if (standard.classSize === null) return [c.id, { seats: Math.max(1, Math.ceil(taken)), classes: null }];
      const classes = Math.max(1, Math.ceil(taken / standard.classSize));
      return [c.id, { seats: Math.min(standard.maxSchoolSeats, classes * standard.classSize), classes }];
    }),
  );
  const after = evaluate(withSites(sized), evalOptions, stage(0.9, 1));

  const proposals: Proposal[] = chosen.map((c, k) => {
    const result = after.facilities.find((f) => f.id === c.id);
    const size = sized.get(c.id)!;
    return {
      rank: c.rank,
      id: c.id,
      name: c.name ?? null,
      lngLat: c.lngLat,
      seats: size.seats,
      classes: size.classes,
      pupilsServed: result?.allocated ?? 0,
      pupilsInCatchment: result?.usersInCatchment ?? 0,
      marginalGain: siting.perSiteGain[k] ?? 0,
    };
  });
  onProgress(1, 'done');
  return {
    proposals,
    siting: { ...siting, existing: siting.existing.map((id) => (id.startsWith(EXISTING) ? id.slice(EXISTING.length) : id)) },
    candidates: candidates.length,
    before: today.summary,
    after: after.summary,
    afterEvaluation: after,
  };
}

/**
 * The Zhengzhou method's step 5 as one call: evaluate today, put candidate sites on a grid over
 * the unserved pupils, let a siting model choose new sites (existing facilities kept, their seats
 * counted), size each new school from the pupils it takes (classes × class size, within the cap),
 * and evaluate again with them built — the before and after a planner compares.
 */
export async function recommendSites(
  input: EvaluateInput,
  evalOptions: EvaluateOptions,
  options: RecommendOptions,
  onProgress: ProgressCallback = () => undefined,
  cancel?: CancelToken,
): Promise<Recommendation> {
  // A bad p is refused before seconds of evaluation.
  specFor(options, 0, 0);
  const basis = recommendationBasis(input, evalOptions, options, onProgress);
  return finishRecommendation(input, evalOptions, options, basis, onProgress, cancel);
}
