import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LngLat } from '../../../src/core/index.ts';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'network');

/** A parsed fixture from test/fixtures/network. */
export const fixture = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8'));

/**
 * The fixtures' local frame: x metres east and y metres north of 113.62 E, 34.72 N, on the sphere
 * the engine measures with (R = 6,371,008.8 m), so distances written in metres are the distances
 * the engine computes (to millimetres at these sizes).
 */
const M_PER_DEG_LAT = (6_371_008.8 * Math.PI) / 180;
const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((34.72 * Math.PI) / 180);

export function ll(x: number, y: number): LngLat {
  return [113.62 + x / M_PER_DEG_LNG, 34.72 + y / M_PER_DEG_LAT];
}
