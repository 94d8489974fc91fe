import type { CellResult, FacilityResult } from '../../core/index.ts';

/** One facility's bar: how full it is, and how much its catchment asks of it. */
export interface UtilisationBar {
  id: string;
  name: string;
  /** Pupils allocated ÷ seats, %. */
  utilisationPct: number;
  /** Pupils in the catchment ÷ seats, %: above 100 the catchment alone would overfill it. */
  demandPct: number;
}

/** Facilities with a capacity, the most asked of first. */
export function utilisationBars(facilities: readonly FacilityResult[], proposed: ReadonlySet<string> = new Set()): UtilisationBar[] {
  return facilities
    .filter((f) => f.capacitySource !== 'none' && f.capacity > 0 && !proposed.has(f.id))
    .map((f) => ({ id: f.id, name: f.nameEn || f.name, utilisationPct: 100 * f.utilisation, demandPct: 100 * f.catchmentUtilisation }))
    .sort((a, b) => b.demandPct - a.demandPct || a.id.localeCompare(b.id));
}

/** One distance band: the share of the villages' pupils and of the others' living that far from the nearest facility. */
export interface DistanceBand {
  /** Lower bound, metres (inclusive). */
  fromM: number;
  /** Upper bound, metres (exclusive); null for the last, open band (and for no facility at all). */
  toM: number | null;
  villagesPct: number;
  restPct: number;
}

/**
 * How far pupils live from the nearest facility, villages against the rest: bands of a quarter of
 * the radius up to twice the radius, then one open band (which also holds pupils with no facility
 * of the type at all). Each cell's pupils are split by its village share; shares are of each
 * group's pupils, so the two sets of bars compare however many pupils each group has.
 */
export function distanceBands(cells: readonly CellResult[], radiusM: number): DistanceBand[] {
  const step = radiusM / 4;
  const count = 8;
  const villages = new Float64Array(count + 1);
  const rest = new Float64Array(count + 1);
  let villageUsers = 0;
  let restUsers = 0;
  for (const c of cells) {
    if (!(c.users > 0)) continue;
    const d = c.nearestDistanceM;
    const band = d === null ? count : Math.min(count, Math.floor(d / step));
    const v = c.users * c.villageShare;
    villages[band] += v;
    rest[band] += c.users - v;
    villageUsers += v;
    restUsers += c.users - v;
  }
  return Array.from({ length: count + 1 }, (_, k) => ({
    fromM: k * step,
    toM: k < count ? (k + 1) * step : null,
    villagesPct: villageUsers > 0 ? (100 * villages[k]) / villageUsers : 0,
    restPct: restUsers > 0 ? (100 * rest[k]) / restUsers : 0,
  }));
}
