import { e2sfcaZones, type Decay } from '../access/decay.ts';
import { ACCESS_METHODS, type AccessMethod, type AccessSpec } from '../access/measures.ts';
import { InputError } from '../errors.ts';
import { describeValue, type NumberBounds } from './bounds.ts';
import { isRecord, numberField, oneOfField, ownField } from './fields.ts';

/**
 * What travel costs an accessibility measure runs on: the analysis's own distance (straight line
 * or walking, in metres) or a travel-time matrix the user loaded (in its own unit, e.g. minutes).
 */
export const ACCESS_COSTS = ['distance', 'matrix'] as const;
export type AccessCosts = (typeof ACCESS_COSTS)[number];

/** The decays a person chooses between; E2SFCA brings its own zones, cumulative and nearest need none. */
export const ACCESS_DECAYS = ['binary', 'exponential', 'power', 'gaussian'] as const;
export type AccessDecay = (typeof ACCESS_DECAYS)[number];

/**
 * One accessibility measure per residential cell as a person sets it up (the app's step 3, a
 * scenario, a share link). Passive measures (per facility) are the CLI's; the map shows cells.
 */
export interface AccessSettings {
  method: AccessMethod;
  costs: AccessCosts;
  decay: AccessDecay;
  /**
   * Catchment, cumulative window or nearest-search limit, in the costs' unit. Null: the
   * standard's radius with distance costs; with a matrix, every pair given counts (binary and
   * Gaussian decays, and cumulative, then need a number).
   */
  cutoff: number | null;
  /** β of the exponential and power decays. */
  beta: number;
  /** How many facilities the nearest measure reaches for (1: the nearest). */
  n: number;
}

export const DEFAULT_ACCESS_SETTINGS: AccessSettings = Object.freeze({
  method: '2sfca',
  costs: 'distance',
  decay: 'binary',
  cutoff: null,
  beta: 0.1,
  n: 1,
});

export const ACCESS_BOUNDS = {
  cutoff: { min: 0.001, max: 1_000_000, integer: false },
  beta: { min: 0, max: 100, integer: false },
  n: { min: 1, max: 1_000, integer: true },
} as const satisfies Record<string, NumberBounds>;

/** Which settings a method reads: the rest are kept (for switching back) but have no effect. */
export function accessUses(method: AccessMethod, decay: AccessDecay): { decay: boolean; beta: boolean; n: boolean } {
  const decays = method === '2sfca' || method === 'bfca' || method === 'gravity';
  return { decay: decays, beta: decays && (decay === 'exponential' || decay === 'power'), n: method === 'nearest' };
}

/**
 * Validates a record from an untrusted source, like `validateAnalysisSettings`: an InputError
 * naming the field (`access.cutoff: must be between …`); unknown fields ignored; a fresh object.
 */
export function validateAccessSettings(value: unknown, where = 'access'): AccessSettings {
  if (!isRecord(value)) throw new InputError(where, `must be an object, got ${describeValue(value)}`);
  const method = oneOfField(value, 'method', ACCESS_METHODS, where);
  const costs = oneOfField(value, 'costs', ACCESS_COSTS, where);
  const decay = oneOfField(value, 'decay', ACCESS_DECAYS, where);
  const cutoff = ownField(value, 'cutoff') === null ? null : numberField(value, 'cutoff', ACCESS_BOUNDS.cutoff, where);
  const beta = numberField(value, 'beta', ACCESS_BOUNDS.beta, where);
  const n = numberField(value, 'n', ACCESS_BOUNDS.n, where);
  return { method, costs, decay, cutoff, beta, n };
}

/**
 * The engine's spec for these settings with costs up to `cutoff` (the settings' own, or the
 * radius for distance costs; Infinity: every pair of a matrix). Throws an InputError when the
 * measure needs a cutoff that is not there.
 */
export function accessSpecOf(settings: AccessSettings, cutoff: number): AccessSpec {
  const finite = Number.isFinite(cutoff);
  const need = (what: string) => {
    if (!finite) throw new InputError('access.cutoff', `${what} needs a cutoff: set one in the travel costs' unit`);
  };
  const bounded = finite ? { cutoff } : {};
  const decayOf = (): Decay => {
    switch (settings.decay) {
      case 'binary':
        need('a binary catchment');
        return { kind: 'binary', cutoff };
      case 'gaussian':
        need('a Gaussian decay');
        return { kind: 'gaussian', cutoff };
      case 'exponential':
        return { kind: 'exponential', beta: settings.beta, ...bounded };
      case 'power':
        return { kind: 'power', beta: settings.beta, ...bounded };
    }
  };
  switch (settings.method) {
    case '2sfca':
    case 'bfca':
      return { method: settings.method, decay: decayOf() };
    case 'gravity':
      return { method: 'gravity', decay: decayOf() };
    case 'e2sfca':
      need('E2SFCA (its zones are thirds of the catchment)');
      return { method: 'e2sfca', decay: e2sfcaZones(cutoff) };
    case 'cumulative':
      need('Cumulative opportunities');
      return { method: 'cumulative', cutoff };
    case 'nearest':
      return { method: 'nearest', n: settings.n, ...(finite ? { maxCost: cutoff } : {}) };
  }
}
