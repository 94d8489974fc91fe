import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  buildRoadGraph,
  createWhatIfSession,
  withProposedSites,
  isSchoolType,
  networkIsochrone,
  networkRule,
  walkNetwork,
  type FacilityType,
  type WalkNetwork,
  evaluate,
  readSitingPoints,
  recommendSites,
  toSites,
  type EvaluateInput,
  type EvaluateOptions,
  type Evaluation,
  type ProgressCallback,
  type Recommendation,
  type RecommendOptions,
  type SolveOptions,
  type LngLat,
  type ProposedSite,
  type WhatIfSession,
  type WhatIfSummary,
  type WhatIfUpdate,
} from '../core/index.ts';

/** A district as the worker keeps it: the evaluated layers, where nothing may be built, the user's candidate sites and the roads to walk. */
export interface DistrictInput extends EvaluateInput {
  exclusions?: Feature<Polygon | MultiPolygon>[];
  /** Candidate sites (points or parcels) given by the user, in place of the generated grid. */
  candidates?: unknown;
  /** Road LineStrings with `class`, for walking-network distance. */
  roads?: unknown;
}

/**
 * How distance is measured: straight line, along the streets, or along the streets without
 * crossing arterial roads (Zhengzhou: primary catchments must not cross major arterials).
 */
export type DistanceMode = 'straight' | 'network' | 'network-no-arterial';

/** Evaluation options as the page sends them: the distance rule is named, not a function. */
export interface EngineOptions extends Omit<EvaluateOptions, 'distanceRule'> {
  distance?: DistanceMode;
}

/**
 * What the worker offers the app: the engine's functions over a district loaded once, so each
 * call sends only its options across the worker boundary.
 */
export function createEngineApi(env: { loadHighs?: SolveOptions['loadHighs'] } = {}) {
  let district: DistrictInput | null = null;
  const loaded = (): DistrictInput => {
    if (!district) throw new Error('no district loaded: call setDistrict first');
    return district;
  };
  let whatIf: WhatIfSession | null = null;
  // Walking networks are built from the district's roads on first use, once per mode.
  let networks = new Map<DistanceMode, WalkNetwork>();
  const network = (mode: Exclude<DistanceMode, 'straight'>): WalkNetwork => {
    const cached = networks.get(mode);
    if (cached) return cached;
    const d = loaded();
    if (!d.roads) throw new Error('roads: no road layer loaded for walking-network distance');
    const graph = buildRoadGraph(d.roads, { source: 'roads' });
    const built = walkNetwork(graph, mode === 'network-no-arterial' ? { barrier: { classes: ['arterial'] } } : {});
    networks.set(mode, built);
    return built;
  };
  const resolve = ({ distance = 'straight', ...options }: EngineOptions): EvaluateOptions =>
    distance === 'straight' ? options : { ...options, distanceRule: (points) => networkRule(network(distance), points) };
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
    evaluate(options: EngineOptions, onProgress?: ProgressCallback): Evaluation {
      return evaluate(loaded(), resolve(options), onProgress);
    },
    recommend(evalOptions: EngineOptions, options: RecommendOptions, onProgress?: ProgressCallback): Promise<Recommendation> {
      const d = loaded();
      const candidates = d.candidates ? toSites(readSitingPoints(d.candidates, 'candidates'), 'candidates') : undefined;
      return recommendSites(d, resolve(evalOptions), { exclude: d.exclusions, loadHighs: env.loadHighs, candidates, ...options }, onProgress);
    },
    /** A plan with proposed sites built, evaluated in full (e.g. a saved scenario to compare with). */
    evaluateWithSites(options: EngineOptions, sites: ProposedSite[]): Evaluation {
      const d = loaded();
      return evaluate(sites.length > 0 ? withProposedSites(d, options.type, sites) : d, resolve(options));
    },
    /** The walking-distance catchment shape of each facility of a type (drawing only). */
    isochrones(type: FacilityType, radiusM: number, distance: Exclude<DistanceMode, 'straight'>, sites: { id: string; lngLat: LngLat }[]): FeatureCollection {
      const net = network(distance);
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
    startWhatIf(options: EngineOptions, sites: ProposedSite[] = [], onProgress?: ProgressCallback): Evaluation {
      whatIf = null;
      const started = createWhatIfSession(loaded(), resolve(options), onProgress);
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
