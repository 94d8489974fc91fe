/** The 150 m population grid: cell (row, col), row 0 in the north. */
import type { XY } from './geom.ts';

export const CELL_M = 150;
export const GRID_X0 = -7650; // west edge of column 0 (m)
export const GRID_Y0 = 11250; // north edge of row 0 (m)
export const GRID_COLS = 102;
export const GRID_ROWS = 150;

export function cellCentre(row: number, col: number): XY {
  return [GRID_X0 + (col + 0.5) * CELL_M, GRID_Y0 - (row + 0.5) * CELL_M];
}

export function cellId(row: number, col: number): string {
  return `c${String(row).padStart(3, '0')}${String(col).padStart(3, '0')}`;
}

/** Corners of a cell, counter-clockwise from the south-west. */
export function cellRing(row: number, col: number): XY[] {
  const x0 = GRID_X0 + col * CELL_M;
  const y1 = GRID_Y0 - row * CELL_M;
  const x1 = x0 + CELL_M;
  const y0 = y1 - CELL_M;
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** Row/col ranges whose centres can fall in a bbox. */
export function cellRange(bbox: [number, number, number, number]): { r0: number; r1: number; c0: number; c1: number } {
  return {
    c0: Math.max(0, Math.floor((bbox[0] - GRID_X0) / CELL_M) - 1),
    c1: Math.min(GRID_COLS - 1, Math.ceil((bbox[2] - GRID_X0) / CELL_M) + 1),
    r0: Math.max(0, Math.floor((GRID_Y0 - bbox[3]) / CELL_M) - 1),
    r1: Math.min(GRID_ROWS - 1, Math.ceil((GRID_Y0 - bbox[1]) / CELL_M) + 1),
  };
}
