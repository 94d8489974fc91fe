import { InputError } from '../errors.ts';
import { boundsError, describeValue, type NumberBounds } from './bounds.ts';

/** Reading the fields of an untrusted record (a scenario file, a share link, a worker message). */

/** Plain object (not null, not an array)? */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of an untrusted record: own properties only, so nothing comes from a prototype. */
export function ownField(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A field that must be present: an InputError naming its path when it is not. */
export function requiredField(record: Record<string, unknown>, key: string, where: string): unknown {
  const value = ownField(record, key);
  if (value === undefined) throw new InputError(`${where}.${key}`, 'is missing');
  return value;
}

/** One of a fixed list of strings, or an InputError naming the field and the choices. */
export function oneOfField<T extends string>(record: Record<string, unknown>, key: string, choices: readonly T[], where: string): T {
  const value = requiredField(record, key, where);
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new InputError(`${where}.${key}`, `must be one of ${choices.join(', ')}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** A number (not a string) within bounds, or an InputError naming the field, the rule and the value. */
export function numberField(record: Record<string, unknown>, key: string, bounds: NumberBounds, where: string): number {
  const value = requiredField(record, key, where);
  if (typeof value !== 'number') throw new InputError(`${where}.${key}`, `must be a number, got ${describeValue(value)}`);
  const error = boundsError(value, bounds);
  if (error !== null) throw new InputError(`${where}.${key}`, `${error}, got ${value}`);
  return value;
}
