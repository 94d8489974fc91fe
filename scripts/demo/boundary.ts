/**
 * The district outline: an irregular shape elongated north–south, wider in the hilly south,
 * star-shaped around the origin (so it never self-intersects), scaled to 156.2 km² (turf area).
 */
import { area, polygon } from '@turf/turf';
import { childRng, uniform } from './rng.ts';
import { ringToLngLat, type Ring } from './geom.ts';

export const TARGET_AREA_KM2 = 156.2;

function rawOutline(seed: number): Ring {
  const rng = childRng(seed, 'boundary');
  const harmonics: { k: number; amp: number; phase: number }[] = [];
  for (let k = 2; k <= 40; k++) {
    const amp = k <= 6 ? uniform(rng, 0.03, 0.075) / Math.sqrt(k - 1) : uniform(rng, 0.002, 0.009) * (10 / (k + 4));
    harmonics.push({ k, amp, phase: uniform(rng, 0, 2 * Math.PI) });
  }
  const n = 220;
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const th = (2 * Math.PI * i) / n;
    let rho = 1;
    for (const h of harmonics) rho += h.amp * Math.cos(h.k * th + h.phase);
    const south = Math.max(0, -Math.sin(th)); // wider in the south
    const a = 4300 * (1 + 0.16 * south);
    const b = 9600;
    // a slightly flattened northern edge, as city-district edges following streets are
    const yN = Math.sin(th) > 0 ? Math.pow(Math.abs(Math.sin(th)), 0.8) : Math.sin(th);
    ring.push([a * Math.cos(th) * rho + 350 * Math.sin(2 * th), b * yN * rho]);
  }
  return ring;
}

/** The outline in local metres, scaled so that its turf area is TARGET_AREA_KM2. */
export function makeBoundary(seed: number): Ring {
  let ring = rawOutline(seed);
  for (let iter = 0; iter < 3; iter++) {
    const a = area(polygon([ringToLngLat(ring)])) / 1e6;
    const s = Math.sqrt(TARGET_AREA_KM2 / a);
    ring = ring.map(([x, y]) => [x * s, y * s]);
  }
  return ring;
}
