/** Summary numbers are rounded for people to read; the per-cell arrays keep full precision. */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** part / whole as a percentage to 0.1, or null when there is no whole (never NaN). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? round((100 * part) / whole, 1) : null;
}

/** a / b to 0.01, or null when either is missing or b is 0. */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : round(a / b, 2);
}
