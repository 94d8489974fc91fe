import type { Geometry, Position } from 'geojson';

/**
 * Exported numbers are rounded here, at the output, by what they measure; the engine keeps full
 * precision. One rule per kind of field:
 * - people (residents, pupils, visits, seats, allocations): at most 2 decimals;
 * - shares given as 0..1 (utilisation, village share): to 0.1 %, i.e. 3 decimals;
 * - ratios (places per user by 2SFCA, catchment demand ÷ capacity): 4 significant digits, never
 *   rounding away whole units (1234.5 → 1235);
 * - distances in metres: 1 decimal;
 * - coordinates (degrees): 7 decimals, about 1 cm;
 * - any other number (the input's own properties, model gains): float noise removed — 12
 *   significant digits, far more than any measured value carries (12.300000000000001 → 12.3).
 * NaN and ±Infinity pass through (the CSV writer leaves them empty).
 */
export const ROUNDING = {
  people: (x: number) => fixed(x, 2),
  share: (x: number) => fixed(x, 3),
  ratio: (x: number) => significant(x, 4),
  metres: (x: number) => fixed(x, 1),
  degrees: (x: number) => fixed(x, 7),
  other: (x: number) => (Number.isInteger(x) ? x : significant(x, 12)),
} as const;

function fixed(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  // Integer ÷ power of ten: the nearest double to the decimal, so it prints without noise.
  return Math.round(x * f) / f || 0;
}

function significant(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  // Already a decimal of at most 12 significant digits (people and shares, rounded before they
  // get here): toPrecision would give it back unchanged, at many times the cost.
  if (digits >= 12 && Math.abs(x) < 1e9 && Math.round(x * 1000) / 1000 === x) return x;
  const whole = Math.floor(Math.log10(Math.abs(x))) + 1;
  return Number(x.toPrecision(Math.min(21, Math.max(digits, whole)))) || 0;
}

/** `x` rounded by `kind`; null and undefined stay as they are (empty cells, JSON null). */
export function roundAs<T extends number | null | undefined>(kind: keyof typeof ROUNDING, x: T): T {
  return (typeof x === 'number' ? ROUNDING[kind](x) : x) as T;
}

function roundPositions(c: unknown): unknown {
  if (typeof c === 'number') return ROUNDING.degrees(c);
  return Array.isArray(c) ? c.map(roundPositions) : c;
}

/** A geometry with every coordinate to 7 decimals (a new object; null stays null). */
export function roundGeometry<G extends Geometry | null>(g: G): G {
  if (!g) return g;
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map(roundGeometry) };
  return { ...g, coordinates: roundPositions(g.coordinates) as Position[] } as G;
}

/** Properties with float noise removed from their numbers (top-level values only). */
export function denoiseProperties(props: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!props) return props;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[k] = typeof v === 'number' ? ROUNDING.other(v) : v;
  return out;
}
