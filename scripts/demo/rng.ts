/** Seeded randomness for the demo generator: mulberry32 and a hashed value noise. No Math.random. */
import { seededRandom } from '../../src/core/siting/random.ts';

export type Rng = () => number;

/** mulberry32, the engine's seeded PRNG: floats in [0, 1). */
export const mulberry32: (seed: number) => Rng = seededRandom;

/** A child generator whose stream depends only on the master seed and a label. */
export function childRng(seed: number, label: string): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x9e3779b1) >>> 0;
  return mulberry32(hash2(h, 0x51ed27, 0x2545f491));
}

export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Standard normal (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(1e-12, rng());
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Integer hash of (seed, i, j) to 32 bits. */
export function hash2(seed: number, i: number, j: number): number {
  let h = (seed ^ Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Value noise in [-1, 1], smooth (smoothstep-interpolated lattice), lattice spacing 1 unit. */
export function valueNoise(seed: number, x: number, y: number): number {
  const i = Math.floor(x);
  const j = Math.floor(y);
  const fx = x - i;
  const fy = y - j;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const v = (a: number, b: number) => (hash2(seed, a, b) / 4294967295) * 2 - 1;
  const top = v(i, j) + (v(i + 1, j) - v(i, j)) * sx;
  const bottom = v(i, j + 1) + (v(i + 1, j + 1) - v(i, j + 1)) * sx;
  return top + (bottom - top) * sy;
}

/** Two-octave noise with a feature size of `scaleM` metres, roughly in [-1, 1]. */
export function fbm(seed: number, xM: number, yM: number, scaleM: number): number {
  return (
    0.7 * valueNoise(seed, xM / scaleM, yM / scaleM) +
    0.3 * valueNoise(seed + 101, (2.03 * xM) / scaleM + 17.1, (2.03 * yM) / scaleM - 5.3)
  );
}
