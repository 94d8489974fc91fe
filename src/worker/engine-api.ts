import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  createWhatIfSession,
  withProposedSites,
  isSchoolType,
  networkDistanceForMode,
  networkIsochrone,
  InputError,
  evaluate,
  evaluateAccess,
  evaluatePacked,
  readSitingPoints,
  recommendOptionsOf,
  recommendSites,
  coverageCurve,
  type CurvePoint,
  toSites,
  validateAnalysisSettings,
  validateRecommendSettings,
  type AccessSettings,
  type AnalysisSettings,
  type CellAccess,
  type SparseCostMatrix,
  type DistanceMode,
  type EvaluateInput,
  type EvaluateOptions,
  type Evaluation,
  type PackedEvaluation,
  type FacilityType,
  type NetworkDistance,
  type ProgressCallback,
  type Recommendation,
  type RecommendSettings,
  type SolveOptions,
  type LngLat,
  type ProposedSite,
  type WhatIfSession,
  type WhatIfSummary,
  type WhatIfUpdate,
  hukouCounterfactual,
  type HukouCounterfactual,
} from '../core/index.ts';

/** A district as the worker keeps it: the evaluated layers, where nothing may be built, the user's candidate sites and the roads to walk. */
export interface DistrictInput extends EvaluateInput {
  exclusions?: Feature<Polygon | MultiPolygon>[];
  /** Candidate sites (points or parcels) given by the user, in place of the generated grid. */
  candidates?: unknown;
  /** Road LineStrings with `class`, for walking-network distance. */
  roads?: unknown;
}

type NetworkMode = Exclude<DistanceMode, 'straight'>;
const NETWORK_MODES: readonly NetworkMode[] = ['network', 'network-no-arterial'];

/**
 * What the worker offers the app: the engine's functions over a district loaded once, so each
 * call sends only its settings across the worker boundary. Every settings record that arrives is
 * validated (it comes from the page: a scenario file or a share link may have put anything there);
 * a bad one is an InputError naming the field, e.g. `analysis.overrides.radiusM`.
 */
export function createEngineApi(env: Pick<SolveOptions, 'loadHighs' | 'runMilp'> = {}) {
  let district: DistrictInput | null = null;
  const loaded = (): DistrictInput => {
    if (!district) throw new Error('no district loaded: call setDistrict first');
    return district;
  };
  let whatIf: WhatIfSession | null = null;
  // Travel times are the user's own layer, kept when the district changes (the ids may still match).
  let travelTimes: SparseCostMatrix | null = null;
  // Walking networks are built from the district's roads on first use, once per mode.
  let networks = new Map<NetworkMode, NetworkDistance>();
  const network = (mode: NetworkMode): NetworkDistance => {
    if (!NETWORK_MODES.includes(mode)) throw new InputError('distance', `must be one of ${NETWORK_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
    const cached = networks.get(mode);
    if (cached) return cached;
    const d = loaded();
    if (!d.roads) throw new Error('roads: no road layer loaded for walking-network distance');
    const built = networkDistanceForMode(d.roads, mode);
    networks.set(mode, built);
    return built;
  };
  /** The engine's options for an untrusted settings record (validated first, then the district). */
  const optionsOf = (settings: AnalysisSettings): EvaluateOptions => {
    const { distance, ...settingsOptions } = validateAnalysisSettings(settings);
    // The app lists every village in its table (lowest served first); the equity card shows the first few.
    const options = { ...settingsOptions, worstVillageCount: Infinity };
    loaded();
    return distance === 'straight' ? options : { ...options, distanceRule: network(distance).rule };
  };
  const session = (): WhatIfSession => {
    if (!whatIf) throw new Error('no what-if session: call startWhatIf first');
    return whatIf;
  };
  return {
    setDistrict(input: DistrictInput): void {
      district = input;
      // A session answers for the district it was started on.
      whatIf = null;
      networks = new Map();
    },
    setTravelTimes(matrix: SparseCostMatrix | null): void {
      travelTimes = matrix;
    },
    /** An accessibility measure per cell of the analysis for `settings` (the same cells, in the same order). */
    access(settings: AnalysisSettings, access: AccessSettings): CellAccess {
      return evaluateAccess(loaded(), optionsOf(settings), access, travelTimes ?? undefined);
    },
    evaluate(settings: AnalysisSettings, onProgress?: ProgressCallback): Evaluation {
      const options = optionsOf(settings);
      return evaluate(loaded(), options, onProgress);
    },
    /** `evaluate` with the cells in columns, as the worker sends it. */
    evaluatePacked(settings: AnalysisSettings, onProgress?: ProgressCallback): PackedEvaluation {
      const options = optionsOf(settings);
      return evaluatePacked(loaded(), options, onProgress);
    },
    /** Recommends sites for the analysis `settings` with the optimizer's `recommend` settings, keeping `locked` proposals. */
    recommend(
      settings: AnalysisSettings,
      recommend: RecommendSettings & { locked?: ProposedSite[] },
      onProgress?: ProgressCallback,
    ): Promise<Recommendation> {
      const options = optionsOf(settings);
      const optimizer = recommendOptionsOf(validateRecommendSettings(recommend));
      const locked = recommend.locked;
      if (locked !== undefined && !Array.isArray(locked)) throw new InputError('recommend.locked', 'must be a list of proposed sites');
      const d = loaded();
      const candidates = d.candidates ? toSites(readSitingPoints(d.candidates, 'candidates'), 'candidates') : undefined;
      return recommendSites(d, options, { ...optimizer, locked, exclude: d.exclusions, loadHighs: env.loadHighs, runMilp: env.runMilp, candidates }, onProgress);
    },
    /**
     * The Hukou-only counterfactual: as many new schools as the shortfall asks for, planned once
     * for every resident and once for registered residents only, both judged against every resident.
     */
    hukouPlan(settings: AnalysisSettings, recommend: RecommendSettings, onProgress?: ProgressCallback): Promise<HukouCounterfactual> {
      const options = optionsOf(settings);
      const { p: _p, ...optimizer } = recommendOptionsOf(validateRecommendSettings(recommend));
      const d = loaded();
      const candidates = d.candidates ? toSites(readSitingPoints(d.candidates, 'candidates'), 'candidates') : undefined;
      return hukouCounterfactual(d, options, { ...optimizer, exclude: d.exclusions, loadHighs: env.loadHighs, runMilp: env.runMilp, candidates }, 'shortfall', onProgress);
    },
    /** The chosen model's plan for p = 0 … maxP new sites (the optimizer's settings otherwise as Recommend's), point by point. */
    coverageCurve(
      settings: AnalysisSettings,
      recommend: RecommendSettings,
      maxP: number,
      onPoint?: (point: CurvePoint) => void,
      onProgress?: ProgressCallback,
    ): Promise<CurvePoint[]> {
      const options = optionsOf(settings);
      const optimizer = recommendOptionsOf(validateRecommendSettings(recommend));
      const d = loaded();
      const candidates = d.candidates ? toSites(readSitingPoints(d.candidates, 'candidates'), 'candidates') : undefined;
      return coverageCurve(d, options, { ...optimizer, exclude: d.exclusions, loadHighs: env.loadHighs, runMilp: env.runMilp, candidates }, maxP, onPoint, onProgress);
    },
    /** A plan with proposed sites built, evaluated in full (e.g. a saved scenario to compare with). */
    evaluateWithSites(settings: AnalysisSettings, sites: ProposedSite[]): Evaluation {
      const options = optionsOf(settings);
      const d = loaded();
      return evaluate(sites.length > 0 ? withProposedSites(d, options.type, sites) : d, options);
    },
    /** The walking-distance catchment shape of each facility of a type (drawing only). */
    isochrones(type: FacilityType, radiusM: number, distance: NetworkMode, sites: { id: string; lngLat: LngLat }[]): FeatureCollection {
      const net = network(distance).network;
      const features: Feature[] = [];
      for (const site of sites) {
        const shape = networkIsochrone(net, site.lngLat, radiusM);
        if (shape) features.push({ ...shape, properties: { id: site.id, type, school: isSchoolType(type) } });
      }
      return { type: 'FeatureCollection', features };
    },
    /**
     * Starts live editing of proposed sites for one facility type (the slow part: layers, village
     * tagging, catchments of the existing facilities), optionally with sites already placed, and
     * answers the full evaluation that the updates of later edits apply to.
     */
    startWhatIf(settings: AnalysisSettings, sites: ProposedSite[] = [], onProgress?: ProgressCallback): Evaluation {
      whatIf = null;
      const started = createWhatIfSession(loaded(), optionsOf(settings), onProgress);
      if (sites.length > 0) started.setSites(sites);
      whatIf = started;
      return started.evaluation();
    },
    whatIfAdd(site: ProposedSite): WhatIfUpdate {
      return session().addSite(site);
    },
    whatIfMove(id: string, lngLat: LngLat): WhatIfUpdate {
      return session().moveSite(id, lngLat);
    },
    whatIfRemove(id: string): WhatIfUpdate {
      return session().removeSite(id);
    },
    whatIfResize(id: string, seats: number, classes?: number | null): WhatIfUpdate {
      return session().resizeSite(id, seats, classes);
    },
    whatIfSetSites(sites: ProposedSite[]): WhatIfUpdate {
      return session().setSites(sites);
    },
    whatIfSites(): ProposedSite[] {
      return session().sites();
    },
    whatIfSummary(): WhatIfSummary {
      return session().summary();
    },
    whatIfEvaluation(): Evaluation {
      return session().evaluation();
    },
    stopWhatIf(): void {
      whatIf = null;
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;
