import type { Highs } from 'highs';

/**
 * Supplies a HiGHS instance. Injectable because the wasm file is found differently in Node (next
 * to the package) and in a browser worker (`loadHighs({ locateFile: () => wasmUrl })`).
 */
export type HighsLoader = () => Promise<Highs>;

let cached: Promise<Highs> | undefined;

/** Node / default loader: the package finds its own wasm; loaded once per process. */
export const defaultHighsLoader: HighsLoader = () => {
  cached ??= import('highs').then((m) => m.default());
  return cached;
};
