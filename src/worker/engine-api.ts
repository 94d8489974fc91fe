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
  type WhatIfDelta,
  whatIfDelta,
  hukouCounterfactual,
  type HukouCounterfactual,
  createZoneEditor,
  designZones,
  evaluateZones,
  greedyColouring,
  prepareZoneDesign,
  zoneOutlines,
  zoningTotals,
  type ZoneDesign,
  type ZoneEditor,
  type ZoneEditUpdate,
  type ZoneEvaluation,
  type ZoneOutline,
  type ZoningTotals,
} from '../core/index.ts';

/** A district as the worker keeps it: the evaluated layers, where nothing may be built, the user's candidate sites and the roads to walk. */
export interface DistrictInput extends EvaluateInput {
  exclusions?: Feature<Polygon | MultiPolygon>[];
  /** Candidate sites (points or parcels) given by the user, in place of the generated grid. */
  candidates?: unknown;
  /** Road LineStrings with `class`, for walking-network distance. */
  roads?: unknown;
  /** Official attendance zones: polygons with `zone` and `school` (null when the file names none). */
  zones?: FeatureCollection;
}

/** The official zones evaluated, with their totals and a colour each (neighbours differ). */
export interface ZoneEvaluationView extends ZoneEvaluation {
  totals: ZoningTotals;
  colours: number[];
}

/** A zone design with each zone's outline and colour, and the figures a hand edit keeps up to date. */
export interface ZoneDesignView {
  design: ZoneDesign;
  /** By school id. */
  outlines: Record<string, ZoneOutline | null>;
  colours: Record<string, number>;
  update: ZoneEditUpdate;
}

/** How to design zones: for today's schools or with the plan's proposed sites, fast or exact, and how full a school may be. */
export interface ZoneDesignRequest {
  sites: ProposedSite[];
  mode: 'fast' | 'exact';
  maxUtilisation: number;
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
  let zoneEditor: ZoneEditor | null = null;
  const editor = (): ZoneEditor => {
    if (!zoneEditor) throw new Error('no zone design: design zones first');
    return zoneEditor;
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
      zoneEditor = null;
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
    /** The official attendance zones evaluated for the analysis `settings` (a school type). */
    zoneEvaluation(settings: AnalysisSettings): ZoneEvaluationView {
      const options = optionsOf(settings);
      const d = loaded();
      if (!d.zones || d.zones.features.length === 0) throw new InputError('zones', 'no attendance zones loaded');
      // Without a school column in the file, each zone's school is the one facility of the type inside it.
      const named = d.zones.features.some((f) => f.properties?.school !== null && f.properties?.school !== undefined);
      const result = evaluateZones({ ...d, zones: d.zones, sources: { ...d.sources, zones: 'zones' } }, { ...options, zoneLayer: { idField: 'zone', ...(named ? { schoolField: 'school' } : {}) } });
      const index = new Map(result.zones.map((z, i) => [z.id, i]));
      const colours = greedyColouring(result.zones.map((z) => z.neighbours.map((n) => index.get(n)!).filter((i) => i !== undefined)));
      return { ...result, totals: zoningTotals(result.zones, result.summary.outsidePupils), colours };
    },
    /** Designs zones for the plan (the district's schools and `sites`), and keeps the design for hand editing. */
    async designZones(settings: AnalysisSettings, request: ZoneDesignRequest, onProgress?: ProgressCallback): Promise<ZoneDesignView> {
      const options = optionsOf(settings);
      const d = loaded();
      zoneEditor = null;
      onProgress?.(0.05, 'preparing');
      const input = request.sites.length > 0 ? withProposedSites(d, options.type, request.sites) : d;
      const problem = prepareZoneDesign(input, options);
      onProgress?.(0.3, request.mode === 'exact' ? 'solving the assignment LP' : 'growing zones');
      const design = await designZones(problem, { mode: request.mode, maxUtilisation: request.maxUtilisation, loadHighs: env.loadHighs, runMilp: env.runMilp });
      onProgress?.(0.8, 'outlines');
      const indexOf = new Map(problem.schools.map((school, i) => [school.id, i]));
      const cellSchool = Int32Array.from(problem.cells.map((c) => (design.assignment[c.id] == null ? -1 : indexOf.get(design.assignment[c.id]!)!)));
      const shapes = zoneOutlines(problem, cellSchool);
      // Zones touch where their cells do.
      const touching = problem.schools.map(() => new Set<number>());
      cellSchool.forEach((s, c) => {
        if (s < 0) return;
        for (let k = problem.neighbourStart[c]; k < problem.neighbourStart[c + 1]; k++) {
          const t = cellSchool[problem.neighbours[k]];
          if (t >= 0 && t !== s) touching[s].add(t);
        }
      });
      const colourList = greedyColouring(touching.map((set) => [...set]));
      const outlines: Record<string, ZoneOutline | null> = {};
      const colours: Record<string, number> = {};
      problem.schools.forEach((school, i) => {
        outlines[school.id] = shapes[i];
        colours[school.id] = colourList[i];
      });
      zoneEditor = createZoneEditor(problem, cellSchool, request.maxUtilisation);
      return { design, outlines, colours, update: zoneEditor.update() };
    },
    /** Moves the cells of zone `from` inside `box` to zone `to` (hand editing of the last design). */
    zoneMoveBlock(box: [number, number, number, number], from: string | null, to: string | null): ZoneEditUpdate {
      return editor().moveBlock(box, from, to);
    },
    zoneUndo(): ZoneEditUpdate | null {
      return editor().undo();
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
    /** `whatIfSetSites` as the app's editor sends it: facility rows only where the edit changed them. */
    whatIfSync(sites: ProposedSite[]): WhatIfDelta {
      const editing = session();
      const before = editing.facilities();
      return whatIfDelta(editing.setSites(sites), before);
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
