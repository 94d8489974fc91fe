import { InputError } from '../errors.ts';
import type { RecommendModel, RecommendOptions } from '../recommend/recommend-sites.ts';
import { describeValue, type NumberBounds } from './bounds.ts';
import { isRecord, numberField, oneOfField } from './fields.ts';

/** The models a planner chooses between, in the order the app lists them. */
export const RECOMMEND_MODELS: readonly RecommendModel[] = ['cmclp', 'mclp', 'lscp', 'pmedian', 'pcenter'];

export const RECOMMEND_SOLVERS = ['heuristic', 'exact'] as const;

/** The optimizer's settings as a person sets them (the app, a scenario file, a share link). */
export interface RecommendSettings {
  model: RecommendModel;
  /** New sites to place (all models but LSCP). */
  p: number;
  /** LSCP: share of pupils to bring within the radius, percent. */
  targetPct: number;
  /** Spacing of the candidate grid over unserved pupils, metres. */
  candidateSpacingM: number;
  solver: (typeof RECOMMEND_SOLVERS)[number];
  /** Heuristic improvement rounds after the first local optimum. */
  iterations: number;
  /** Wall-clock limit of a recommendation, seconds: each solver stops there with the best plan found so far. */
  timeLimitS: number;
}

export const DEFAULT_RECOMMEND_SETTINGS: RecommendSettings = Object.freeze({
  model: 'cmclp',
  p: 8,
  targetPct: 90,
  candidateSpacingM: 250,
  solver: 'heuristic',
  iterations: 2,
  timeLimitS: 30,
});

export const RECOMMEND_BOUNDS: Record<'p' | 'targetPct' | 'candidateSpacingM' | 'iterations' | 'timeLimitS', NumberBounds> = {
  p: { min: 1, max: 500, integer: true, unit: 'sites' },
  targetPct: { min: 1, max: 100, integer: false, unit: '%' },
  candidateSpacingM: { min: 50, max: 5000, integer: false, unit: 'm' },
  iterations: { min: 0, max: 50, integer: true, unit: 'rounds' },
  timeLimitS: { min: 1, max: 3600, integer: false, unit: 's' },
};

/**
 * Validates a whole record from an untrusted source, field by field: a missing or unusable field
 * is an InputError naming its path (e.g. `recommend.p: must be a whole number, got 2.5`); there are
 * no defaults here. Unknown fields are ignored. Returns a fresh object.
 */
export function validateRecommendSettings(value: unknown, where = 'recommend'): RecommendSettings {
  if (!isRecord(value)) throw new InputError(where, `must be an object, got ${describeValue(value)}`);
  return {
    model: oneOfField(value, 'model', RECOMMEND_MODELS, where),
    p: numberField(value, 'p', RECOMMEND_BOUNDS.p, where),
    targetPct: numberField(value, 'targetPct', RECOMMEND_BOUNDS.targetPct, where),
    candidateSpacingM: numberField(value, 'candidateSpacingM', RECOMMEND_BOUNDS.candidateSpacingM, where),
    solver: oneOfField(value, 'solver', RECOMMEND_SOLVERS, where),
    iterations: numberField(value, 'iterations', RECOMMEND_BOUNDS.iterations, where),
    timeLimitS: numberField(value, 'timeLimitS', RECOMMEND_BOUNDS.timeLimitS, where),
  };
}

/**
 * The optimizer's options for these settings: the LSCP target as a share (percent ÷ 100), the
 * rest as they are. Candidates, locked sites and exclusion zones come from the district, not here.
 */
export function recommendOptionsOf(settings: RecommendSettings): RecommendOptions {
  return {
    model: settings.model,
    p: settings.p,
    target: settings.targetPct / 100,
    candidateSpacingM: settings.candidateSpacingM,
    solver: settings.solver,
    iterations: settings.iterations,
    timeLimitS: settings.timeLimitS,
  };
}
