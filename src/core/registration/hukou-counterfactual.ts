import type { Feature, Point } from 'geojson';
import { evaluateParts } from '../evaluate/evaluate.ts';
import type { EvaluateInput, EvaluateOptions, EvaluationSummary } from '../evaluate/evaluation.ts';
import { InputError } from '../errors.ts';
import { recommendSites, type Proposal, type RecommendOptions } from '../recommend/recommend-sites.ts';
import type { CancelToken, LngLat, ProgressCallback } from '../types.ts';
import { round } from '../util/rounding.ts';
import { withProposedSites } from '../whatif/proposed-site.ts';
import { UNKNOWN_RESIDENTS_TOLERANCE, type ByRegistration, type RegistrationOptions } from './by-registration.ts';

/** Whom a plan is made for: every resident (the Zhengzhou method) or registered (Hukou) residents only. */
export const PLAN_FOR = ['residents', 'registered'] as const;
export type PlanFor = (typeof PLAN_FOR)[number];

export function isPlanFor(value: unknown): value is PlanFor {
  return typeof value === 'string' && (PLAN_FOR as readonly string[]).includes(value);
}

/** A cell where a plan leaves pupils without a place, with how many of them are migrants' children. */
export interface LeftOutCell {
  id: string;
  featureIndex: number;
  lngLat: LngLat;
  /** Pupils without a place (0.01). */
  unservedPupils: number;
  /** Null when the residents' registration is not known. */
  migrantUnservedPupils: number | null;
}

/** A plan, made for `planFor`, evaluated against every resident. */
export interface PlanOutcome {
  planFor: PlanFor;
  /** The new schools the plan builds, where and how large. */
  proposals: Proposal[];
  /** The plan with its schools built, for all residents. */
  summary: EvaluationSummary;
  byRegistration: ByRegistration;
  /** Pupils left without a place, and how many are registered residents' or migrants' children (whole numbers adding up; null when registration is not known). */
  unservedPupils: number;
  registeredUnservedPupils: number | null;
  migrantUnservedPupils: number | null;
  /** Every cell with pupils left without a place, most first. */
  leftOut: LeftOutCell[];
}

/** The Hukou-only plan against the residential plan: both evaluated against every resident. */
export interface HukouCounterfactual {
  residential: PlanOutcome;
  hukou: PlanOutcome;
  /** Hukou plan less residential plan: the pupils (and migrants' children) planning from Hukou leaves out in addition. */
  difference: {
    newSchools: number;
    unservedPupils: number;
    registeredUnservedPupils: number;
    migrantUnservedPupils: number;
    /** Served share of migrants' children, percentage points (null when not known). */
    migrantServedPctPoints: number | null;
  };
}

/** How many new schools a plan builds when not told: as many as its own population's shortfall asks for (Zhengzhou step 4). */
export type SchoolCount = number | 'shortfall';

/**
 * The residents registered here as a population of points: each demand cell at its point with
 * its registered residents (before growth, so the evaluation's growth factor gives them back).
 */
function registeredPopulation(cells: readonly { id: string; lngLat: LngLat; residents: number }[], migrantShare: Float64Array, growthFactor: number): { type: 'FeatureCollection'; features: Feature<Point>[] } {
  return {
    type: 'FeatureCollection',
    features: cells.map((c, k) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.lngLat[0], c.lngLat[1]] },
      properties: { id: c.id, population: (c.residents * (1 - migrantShare[k])) / growthFactor },
    })),
  };
}

/** `proposals` built, evaluated against every resident with the groups' service per cell. */
function outcome(input: EvaluateInput, options: EvaluateOptions & { registration: RegistrationOptions }, planFor: PlanFor, proposals: Proposal[]): PlanOutcome {
  const built = proposals.length === 0 ? input : withProposedSites(input, options.type, proposals.map((p) => ({ id: p.id, lngLat: p.lngLat, seats: p.seats, classes: p.classes, name: p.name ?? undefined })));
  const { prepared, assessment, registration, rest } = evaluateParts(built, options);
  const byRegistration = rest.byRegistration!;
  const known = byRegistration.available;
  const service = registration!.service(assessment.allocation.served, assessment.allocation);
  const leftOut: LeftOutCell[] = [];
  let registeredSum = 0;
  prepared.cells.forEach((cell, c) => {
    registeredSum += service.registeredUnserved[c];
    const unserved = assessment.allocation.unserved[c];
    if (round(unserved, 2) > 0) {
      leftOut.push({ id: cell.id, featureIndex: cell.featureIndex, lngLat: cell.lngLat, unservedPupils: round(unserved, 2), migrantUnservedPupils: known ? round(service.migrantUnserved[c], 2) : null });
    }
  });
  leftOut.sort((a, b) => b.unservedPupils - a.unservedPupils || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const unservedPupils = rest.summary.unservedPupils;
  const registeredUnservedPupils = known ? Math.min(unservedPupils, Math.round(registeredSum)) : null;
  return {
    planFor,
    proposals,
    summary: rest.summary,
    byRegistration,
    unservedPupils,
    registeredUnservedPupils,
    migrantUnservedPupils: registeredUnservedPupils === null ? null : unservedPupils - registeredUnservedPupils,
    leftOut,
  };
}

/**
 * A plan for `who`, evaluated against every resident: that population's shortfall today decides
 * the number of new schools (`schools` 'shortfall'; a number fixes it), the siting model of
 * `recommend` places them over its unserved pupils, each sized from the pupils it takes. Planning
 * for registered residents needs every resident's registration (an InputError says what is
 * missing): they are planned for as points at the demand cells with their registered residents.
 */
export async function planOutcome(
  who: PlanFor,
  input: EvaluateInput,
  options: EvaluateOptions,
  recommend: Omit<RecommendOptions, 'p'>,
  schools: SchoolCount = 'shortfall',
  onProgress: ProgressCallback = () => undefined,
  cancel?: CancelToken,
): Promise<PlanOutcome> {
  const withGroups = { ...options, registration: options.registration ?? {} };
  // Registered residents alone have no groups to split: their plan is made without the analysis by registration.
  const { registration: _unused, ...planOptions } = withGroups;
  let planInput = input;
  if (who === 'registered') {
    const today = evaluateParts(input, withGroups);
    const split = today.registration!.split;
    if (split.residentsUnknown > UNKNOWN_RESIDENTS_TOLERANCE) {
      throw new InputError(
        input.sources?.population ?? 'population',
        `planning for registered residents needs every resident's registration, but that of ${Math.round(split.residentsUnknown).toLocaleString('en-US')} residents outside urban villages is not known: give registered / migrants figures or the migrants' share outside villages`,
      );
    }
    planInput = {
      ...input,
      population: registeredPopulation(today.prepared.cells, split.migrantShare, today.prepared.growthFactor),
      sources: { ...input.sources, population: `${input.sources?.population ?? 'population'} (registered residents)` },
    };
  }
  const planning = who === 'residents' ? withGroups : planOptions;
  const p = schools === 'shortfall' ? evaluateParts(planInput, planning).rest.summary.schoolsNeeded : schools;
  if (p === 0 && recommend.model !== 'lscp') return outcome(input, withGroups, who, []);
  const plan = await recommendSites(planInput, planning, { ...recommend, p } as RecommendOptions, onProgress, cancel);
  return outcome(input, withGroups, who, plan.proposals);
}

/**
 * The Hukou-only counterfactual: the same method — today's shortfall, the siting model of
 * `recommend` over the unserved pupils, schools sized from the pupils they take — run once on
 * every resident and once on registered residents only, each plan then evaluated against every
 * resident: the schools each builds and where, the pupils each leaves without a place (by cell)
 * and how many of them are migrants' children, and the difference. Needs every resident's
 * registration (`options.registration`; an InputError says what is missing). Plain data.
 */
export async function hukouCounterfactual(
  input: EvaluateInput,
  options: EvaluateOptions,
  recommend: Omit<RecommendOptions, 'p'>,
  schools: SchoolCount = 'shortfall',
  onProgress: ProgressCallback = () => undefined,
  cancel?: CancelToken,
): Promise<HukouCounterfactual> {
  const stage = (from: number, to: number): ProgressCallback => (f, m) => onProgress(from + (to - from) * f, m);
  // The Hukou plan first: it refuses unknown registration before the residential plan's seconds.
  const hukou = await planOutcome('registered', input, options, recommend, schools, stage(0, 0.5), cancel);
  const residential = await planOutcome('residents', input, options, recommend, schools, stage(0.5, 1), cancel);
  const migrantServed = (o: PlanOutcome) => (o.byRegistration.available ? o.byRegistration.migrants.servedPct : null);
  const hukouServed = migrantServed(hukou);
  const residentialServed = migrantServed(residential);
  return {
    residential,
    hukou,
    difference: {
      newSchools: hukou.proposals.length - residential.proposals.length,
      unservedPupils: hukou.unservedPupils - residential.unservedPupils,
      registeredUnservedPupils: hukou.registeredUnservedPupils! - residential.registeredUnservedPupils!,
      migrantUnservedPupils: hukou.migrantUnservedPupils! - residential.migrantUnservedPupils!,
      migrantServedPctPoints: hukouServed === null || residentialServed === null ? null : round(hukouServed - residentialServed, 1),
    },
  };
}
