import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { EvaluateInput, LngLat } from '../../../src/core/index.ts';
import { seededRandom } from '../../../src/core/siting/random.ts';

/** Seeded PRNG: every run replays the same edits. */
export const random = seededRandom;

export const WEST = 113.64;
export const SOUTH = 34.74;
/** About 150 m at 34.75° N. */
export const CELL_LNG = 0.00164;
export const CELL_LAT = 0.00135;
export const SIDE = 14;

function box(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/**
 * A 2 × 2 km district small enough to evaluate after every edit: 14 × 14 polygon cells (a few
 * empty), two urban villages cutting across cell edges (so cells split by area), three primary
 * schools whose 500 m catchments overlap, a kindergarten, and one unusable school (a warning).
 */
export function smallDistrict(): EvaluateInput {
  const rand = random(7);
  const cells: Feature[] = [];
  for (let row = 0; row < SIDE; row++) {
    for (let col = 0; col < SIDE; col++) {
      const x = WEST + col * CELL_LNG;
      const y = SOUTH + row * CELL_LAT;
      const population = rand() < 0.1 ? 0 : Math.round(50 + rand() * 600);
      cells.push({ type: 'Feature', properties: { id: `c${row}-${col}`, population }, geometry: box(x, y, x + CELL_LNG, y + CELL_LAT) });
    }
  }
  const villages: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'V1', name: '东村', name_en: 'Dongcun', migrant_share: 0.8 }, geometry: box(WEST + 2.5 * CELL_LNG, SOUTH + 8.3 * CELL_LAT, WEST + 6.2 * CELL_LNG, SOUTH + 12.6 * CELL_LAT) },
      { type: 'Feature', properties: { id: 'V2', name: '西村', name_en: 'Xicun', migrant_share: 0.6 }, geometry: box(WEST + 9.4 * CELL_LNG, SOUTH + 1.5 * CELL_LAT, WEST + 12.7 * CELL_LNG, SOUTH + 4.2 * CELL_LAT) },
    ],
  };
  const school = (id: string, type: string, lngLat: LngLat, capacity: number | null): Feature => ({
    type: 'Feature',
    properties: { id, name: `${id} school`, type, ...(capacity === null ? {} : { capacity }) },
    geometry: { type: 'Point', coordinates: [lngLat[0], lngLat[1]] },
  });
  const facilities: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      school('S1', 'primary', [WEST + 3 * CELL_LNG, SOUTH + 3 * CELL_LAT], 400),
      school('K1', 'kindergarten', [WEST + 7 * CELL_LNG, SOUTH + 7 * CELL_LAT], 120),
      school('S2', 'primary', [WEST + 7 * CELL_LNG, SOUTH + 6 * CELL_LAT], 250),
      school('S3', 'primary', [WEST + 11 * CELL_LNG, SOUTH + 10 * CELL_LAT], 600),
      school('S4', 'primary', [WEST + 5 * CELL_LNG, SOUTH + 12 * CELL_LAT], null),
    ],
  };
  return { population: { type: 'FeatureCollection', features: cells }, facilities, villages };
}
