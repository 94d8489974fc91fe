import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  createWhatIfSession,
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

/** A district as the worker keeps it: the evaluated layers, where nothing may be built, and the user's candidate sites. */
export interface DistrictInput extends EvaluateInput {
  exclusions?: Feature<Polygon | MultiPolygon>[];
  /** Candidate sites (points or parcels) given by the user, in place of the generated grid. */
  candidates?: unknown;
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
  const session = (): WhatIfSession => {
    if (!whatIf) throw new Error('no what-if session: call startWhatIf first');
    return whatIf;
  };
  return {
    setDistrict(input: DistrictInput): void {
      district = input;
      // A session answers for the district it was started on.
      whatIf = null;
    },
    evaluate(options: EvaluateOptions, onProgress?: ProgressCallback): Evaluation {
      return evaluate(loaded(), options, onProgress);
    },
    recommend(evalOptions: EvaluateOptions, options: RecommendOptions, onProgress?: ProgressCallback): Promise<Recommendation> {
      const d = loaded();
      const candidates = d.candidates ? toSites(readSitingPoints(d.candidates, 'candidates'), 'candidates') : undefined;
      return recommendSites(d, evalOptions, { exclude: d.exclusions, loadHighs: env.loadHighs, candidates, ...options }, onProgress);
    },
    /**
     * Starts live editing of proposed sites for one facility type (the slow part: layers, village
     * tagging, catchments of the existing facilities), optionally with sites already placed, and
     * answers the full evaluation that the updates of later edits apply to.
     */
    startWhatIf(options: EvaluateOptions, sites: ProposedSite[] = [], onProgress?: ProgressCallback): Evaluation {
      whatIf = null;
      const started = createWhatIfSession(loaded(), options, onProgress);
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
