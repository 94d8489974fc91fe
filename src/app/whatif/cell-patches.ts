import type { CellChange, CellResult } from '../../core/index.ts';

/** A cell list made from an earlier one by replacing some entries, and which. */
export interface CellPatch {
  base: readonly CellResult[];
  indices: Int32Array;
}

const patches = new WeakMap<readonly CellResult[], CellPatch>();

/**
 * `base` with `changes` applied, as a new list. The list remembers what it was made from, so a
 * city-sized consumer (the raster shortfall) can redo only the changed cells instead of comparing
 * 800,000 entries to find them.
 */
export function patchCells(base: readonly CellResult[], changes: readonly CellChange[]): CellResult[] {
  const cells = base.slice();
  const indices = new Int32Array(changes.length);
  changes.forEach((change, k) => {
    cells[change.index] = change.cell;
    indices[k] = change.index;
  });
  patches.set(cells, { base, indices });
  return cells;
}

/** What `cells` was patched from, or null for a list made any other way. */
export const cellPatchOf = (cells: readonly CellResult[]): CellPatch | null => patches.get(cells) ?? null;
