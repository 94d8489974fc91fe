import type { CellResult } from '../evaluate/evaluation.ts';
import type { SitingDemand } from '../siting/types.ts';
import type { LngLat } from '../types.ts';

/** Above this many cells with users, the optimizer sees them merged into squares (a city, not a district). */
export const AGGREGATE_ABOVE_CELLS = 100_000;
/** Side of the merging squares as a share of the radius: a point moves at most radius × 0.4 × √2 / 2 ≈ 0.28 radius. */
export const AGGREGATE_SQUARE_SHARE = 0.4;

const M_PER_DEG_LAT = 111_320;

/**
 * The demand the siting model optimises. Up to AGGREGATE_ABOVE_CELLS cells it is the cells
 * themselves; a whole city's hundreds of thousands of cells are merged into squares of
 * AGGREGATE_SQUARE_SHARE × radius at their users' weighted centre (demand-point aggregation), which
 * makes the coverage models' work a fraction without moving any pupil much against the radius.
 * Only the choice of sites sees the squares: the plan is evaluated again on the cells themselves.
 */
export function sitingDemand(cells: readonly CellResult[], radiusM: number): { demand: SitingDemand[]; aggregated: boolean } {
  const withUsers = cells.filter((c) => c.users > 0);
  if (withUsers.length <= AGGREGATE_ABOVE_CELLS) {
    return { demand: withUsers.map((c, i) => ({ id: `d${i}`, name: c.id, weight: c.users, lngLat: c.lngLat })), aggregated: false };
  }
  let latSum = 0;
  for (const c of withUsers) latSum += c.lngLat[1];
  const mPerDegLng = M_PER_DEG_LAT * Math.cos(((latSum / withUsers.length) * Math.PI) / 180);
  const side = radiusM * AGGREGATE_SQUARE_SHARE;
  const squares = new Map<string, { weight: number; lng: number; lat: number; first: string; count: number }>();
  for (const c of withUsers) {
    const key = `${Math.floor((c.lngLat[0] * mPerDegLng) / side)},${Math.floor((c.lngLat[1] * M_PER_DEG_LAT) / side)}`;
    const sq = squares.get(key);
    if (sq) {
      sq.weight += c.users;
      sq.lng += c.users * c.lngLat[0];
      sq.lat += c.users * c.lngLat[1];
      sq.count++;
    } else squares.set(key, { weight: c.users, lng: c.users * c.lngLat[0], lat: c.users * c.lngLat[1], first: c.id, count: 1 });
  }
  const demand: SitingDemand[] = [];
  for (const sq of squares.values()) {
    const lngLat: LngLat = [sq.lng / sq.weight, sq.lat / sq.weight];
    demand.push({ id: `d${demand.length}`, name: sq.count === 1 ? sq.first : `${sq.first} +${sq.count - 1}`, weight: sq.weight, lngLat });
  }
  return { demand, aggregated: true };
}
