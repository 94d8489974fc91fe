import { expect } from 'vitest';
import type { Evaluation } from '../../../src/core/index.ts';

/** Every number anywhere in the result, for the never-NaN checks. */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => numbers(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => numbers(v, out));
  return out;
}

export function expectPlainAndFinite(result: Evaluation): void {
  expect(structuredClone(result)).toStrictEqual(result);
  expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
  for (const n of numbers(result)) expect(Number.isFinite(n)).toBe(true);
}
