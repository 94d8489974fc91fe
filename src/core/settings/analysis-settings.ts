import { InputError } from '../errors.ts';
import { FACILITY_TYPES, type FacilityType } from '../schema.ts';
import { DEFAULT_PRESET_ID, PRESETS, presetIds, type StandardValues } from '../standards/presets.ts';
import { describeValue, GROWTH_BOUNDS, STANDARD_KEYS, standardValueError } from './bounds.ts';
import { isRecord, numberField, oneOfField, ownField, requiredField } from './fields.ts';
import { ADMISSIONS, type RegistrationOptions } from '../registration/by-registration.ts';

export {
  STANDARD_KEYS,
  STANDARD_BOUNDS,
  GROWTH_BOUNDS,
  readNumber,
  type NumberBounds,
  type NumberReading,
} from './bounds.ts';
import type { NumberBounds } from './bounds.ts';

/**
 * How distance is measured: straight line, along the streets, or along the streets without
 * crossing arterial roads (Zhengzhou: primary catchments must not cross major arterials).
 */
export const DISTANCE_MODES = ['straight', 'network', 'network-no-arterial'] as const;
export type DistanceMode = (typeof DISTANCE_MODES)[number];

/** Migrants' share of residents outside urban villages, where the data give no groups. */
export const MIGRANT_SHARE_BOUNDS: NumberBounds = { min: 0, max: 1, integer: false };

/**
 * Residents by registration: how seats go to registered residents' and migrants' children, and
 * the migrants' share assumed outside villages (absent: not known, so the groups are reported as
 * not available rather than guessed). The engine's own options record.
 */
export type RegistrationSettings = RegistrationOptions;

export const DEFAULT_REGISTRATION_SETTINGS: RegistrationSettings = Object.freeze({ admission: 'proportional' });

/**
 * One analysis as a person sets it up: the same record in the app's state, a scenario file, a
 * share link, a message to the worker and the CLI's options. `evaluate` takes the same field names
 * (see `EvaluateOptions`), with the distance as a rule rather than a name.
 */
export interface AnalysisSettings {
  type: FacilityType;
  /** Standards preset id. */
  preset: string;
  /** Values the user edited (radius, users per 1,000, class size, size cap); the rest from the preset. */
  overrides: Partial<StandardValues>;
  /** Multiplies every population to reach the plan year: plan-year residents ÷ today's. */
  growthFactor: number;
  distance: DistanceMode;
  registration: RegistrationSettings;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = Object.freeze({
  type: 'primary',
  preset: DEFAULT_PRESET_ID,
  overrides: Object.freeze({}),
  growthFactor: 1,
  distance: 'straight',
  registration: DEFAULT_REGISTRATION_SETTINGS,
});

/** The registration part of a record; absent (a scenario saved before it existed) means the defaults. */
function validateRegistration(value: unknown, where: string): RegistrationSettings {
  if (value === undefined) return { ...DEFAULT_REGISTRATION_SETTINGS };
  if (!isRecord(value)) throw new InputError(where, `must be an object, got ${describeValue(value)}`);
  const admission = oneOfField(value, 'admission', ADMISSIONS, where);
  if (ownField(value, 'migrantShareOutsideVillages') === undefined) return { admission };
  return { admission, migrantShareOutsideVillages: numberField(value, 'migrantShareOutsideVillages', MIGRANT_SHARE_BOUNDS, where) };
}

/**
 * Validates a whole record from an untrusted source (scenario file, share link, worker message,
 * CLI): every field present and usable, an InputError naming the field path otherwise (e.g.
 * `analysis.overrides.radiusM: must be between 10 and 20,000, got 50800`). Unknown fields, and
 * unknown keys of `overrides`, are ignored. Returns a fresh object built from the known fields
 * only (never the input; no prototype keys).
 */
export function validateAnalysisSettings(value: unknown, where = 'analysis'): AnalysisSettings {
  if (!isRecord(value)) throw new InputError(where, `must be an object, got ${describeValue(value)}`);
  const type = oneOfField(value, 'type', FACILITY_TYPES, where);
  const presetId = requiredField(value, 'preset', where);
  const preset = typeof presetId === 'string' ? PRESETS.find((p) => p.id === presetId) : undefined;
  if (!preset) throw new InputError(`${where}.preset`, `unknown preset ${describeValue(presetId)}; known: ${presetIds().join(', ')}`);

  const rawOverrides = requiredField(value, 'overrides', where);
  if (!isRecord(rawOverrides)) throw new InputError(`${where}.overrides`, `must be an object, got ${describeValue(rawOverrides)}`);
  const overrides: Partial<StandardValues> = {};
  for (const key of STANDARD_KEYS) {
    const v = ownField(rawOverrides, key);
    if (v === undefined) continue;
    const error = standardValueError(key, v, preset.standards[type][key]);
    if (error !== null) throw new InputError(`${where}.overrides.${key}`, error);
    (overrides as Record<string, number | null>)[key] = v as number | null;
  }

  const growthFactor = numberField(value, 'growthFactor', GROWTH_BOUNDS, where);
  const distance = oneOfField(value, 'distance', DISTANCE_MODES, where);
  const registration = validateRegistration(ownField(value, 'registration'), `${where}.registration`);
  return { type, preset: preset.id, overrides, growthFactor, distance, registration };
}
