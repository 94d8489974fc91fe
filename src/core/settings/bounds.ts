import type { StandardKey } from '../standards/presets.ts';

/**
 * The numbers a person may type for one setting. Kept apart from `analysis-settings.ts` (which
 * re-exports everything here) so that `standards/presets.ts` can check overrides against the same
 * bounds without an import cycle.
 */
export interface NumberBounds {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  /** What the number counts, for labels (never part of error messages). */
  unit?: string;
}

/** The editable values of a facility standard, in the order the UI and the CLI list them. */
export const STANDARD_KEYS = ['radiusM', 'usersPer1000', 'classSize', 'maxSchoolSeats'] as const satisfies readonly StandardKey[];

/** Every standard value a user may set; a preset's own values lie within them. */
export const STANDARD_BOUNDS: Record<StandardKey, NumberBounds> = {
  radiusM: { min: 10, max: 20_000, integer: false, unit: 'm' },
  usersPer1000: { min: 0, max: 1000, integer: false, unit: 'per 1,000 residents' },
  classSize: { min: 1, max: 100, integer: true, unit: 'pupils' },
  maxSchoolSeats: { min: 1, max: 20_000, integer: true, unit: 'seats' },
};

/** Plan-year residents ÷ today's. */
export const GROWTH_BOUNDS: NumberBounds = { min: 0.01, max: 10, integer: false };

export type NumberReading = { ok: true; value: number } | { ok: false; error: string };

/** Plain decimal notation: optional sign, digits, optional fraction. No exponent, hex, Infinity or separators. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** 20000 → "20,000", 0.01 → "0.01". */
export function formatBound(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** Why a number is outside `bounds`, or null when it is within them. NaN "is not a number". */
export function boundsError(value: number, bounds: NumberBounds): string | null {
  if (Number.isNaN(value)) return 'is not a number';
  if (!(value >= bounds.min && value <= bounds.max)) return `must be between ${formatBound(bounds.min)} and ${formatBound(bounds.max)}`;
  if (bounds.integer && !Number.isInteger(value)) return 'must be a whole number';
  return null;
}

/**
 * Reads one number typed by a person (string from an input, or a CLI argument) against bounds.
 * Decimal notation only, surrounding spaces allowed: '' and '  ' are empty; '1e3', '0x10', 'abc'
 * and 'Infinity' are not numbers; out of range names the range; a fraction where a whole number is
 * needed says so. A number (not a string) is checked the same way.
 */
export function readNumber(raw: string | number, bounds: NumberBounds): NumberReading {
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') return { ok: false, error: 'is empty' };
    if (!DECIMAL.test(text)) return { ok: false, error: 'is not a number' };
    value = Number(text);
  } else {
    return { ok: false, error: 'is not a number' };
  }
  const error = boundsError(value, bounds);
  // -0 (from '-0') is 0.
  return error === null ? { ok: true, value: value === 0 ? 0 : value } : { ok: false, error };
}

/** A value from an untrusted record, described for an error message: `50800`, `'800'`, `null`, `an object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/**
 * Why `value` cannot be the standard value `key`, or null when it can: within STANDARD_BOUNDS, and
 * a class size of null only where the preset's own is null (clinics have no classes). The one rule
 * for overrides, used by `getStandard` and `validateAnalysisSettings`.
 */
export function standardValueError(key: StandardKey, value: unknown, presetValue: number | null): string | null {
  if (key === 'classSize' && value === null) {
    return presetValue === null ? null : 'must be a number (only clinics, which have no classes, take null), got null';
  }
  if (typeof value !== 'number') return `must be a number, got ${describeValue(value)}`;
  const error = boundsError(value, STANDARD_BOUNDS[key]);
  return error === null ? null : `${error}, got ${value}`;
}
