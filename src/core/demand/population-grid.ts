import type { Feature, Polygon } from 'geojson';
import { InputError } from '../errors.ts';
import type { LngLat } from '../types.ts';

/**
 * A population raster kept as a raster: residents per pixel of a north-up grid in WGS84 degrees
 * (WorldPop, GHS-POP). A whole city is 10⁵–10⁶ pixels; as typed arrays it crosses a worker boundary
 * as one copy of its bytes and costs no object per cell, which GeoJSON polygons would.
 */
export interface PopulationGrid {
  kind: 'population-grid';
  /** Longitude of the west edge of column 0, latitude of the north edge of row 0 (degrees). */
  west: number;
  north: number;
  /** Pixel size in degrees, both positive (rows run south). */
  stepLng: number;
  stepLat: number;
  width: number;
  height: number;
  /** Row and column of pixel (0, 0) in the source raster, so ids name the file's own pixels. */
  row0: number;
  col0: number;
  /** Residents per pixel, row-major; 0 where nobody lives (nodata and negative pixels are stored as 0). */
  residents: Float32Array;
}

/** A population layer: GeoJSON features, or a raster kept as a grid. */
export function isPopulationGrid(value: unknown): value is PopulationGrid {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'population-grid';
}

/** Refuses a grid whose numbers do not describe a raster on the globe (it may come from a worker message or a file). */
export function checkPopulationGrid(grid: PopulationGrid, source: string): void {
  const { west, north, stepLng, stepLat, width, height, residents } = grid;
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  if (!whole(width) || !whole(height)) throw new InputError(source, `raster size ${width} × ${height} is not a positive whole number of pixels`);
  if (!(residents instanceof Float32Array) || residents.length !== width * height) {
    throw new InputError(source, `raster has ${residents?.length ?? 0} values for ${width} × ${height} pixels`);
  }
  if (!(stepLng > 0) || !(stepLat > 0) || !Number.isFinite(stepLng) || !Number.isFinite(stepLat)) {
    throw new InputError(source, `pixel size ${stepLng} × ${stepLat}° is not positive`);
  }
  const east = west + width * stepLng;
  const south = north - height * stepLat;
  if (!(west >= -180 && east <= 180 && south >= -90 && north <= 90)) {
    throw new InputError(source, `raster extent [${west}, ${south}, ${east}, ${north}] is not within longitude ±180 and latitude ±90`);
  }
}

/** [west, south, east, north] of the whole grid. */
export function gridBounds(grid: PopulationGrid): [number, number, number, number] {
  return [grid.west, grid.north - grid.height * grid.stepLat, grid.west + grid.width * grid.stepLng, grid.north];
}

/** Centre of pixel `index` (row-major). */
export function pixelCentre(grid: PopulationGrid, index: number): LngLat {
  const row = Math.floor(index / grid.width);
  const col = index - row * grid.width;
  return [grid.west + (col + 0.5) * grid.stepLng, grid.north - (row + 0.5) * grid.stepLat];
}

/** A pixel's id, by its row and column in the source raster (as the features a raster was read into are named). */
export function pixelId(grid: PopulationGrid, index: number): string {
  const row = Math.floor(index / grid.width);
  return `r${grid.row0 + row}c${grid.col0 + index - row * grid.width}`;
}

/** The pixel as a polygon feature (for exports: only the pixels asked for are ever built). */
export function pixelFeature(grid: PopulationGrid, index: number): Feature<Polygon, { id: string; population: number }> {
  const row = Math.floor(index / grid.width);
  const col = index - row * grid.width;
  const w = grid.west + col * grid.stepLng;
  const e = w + grid.stepLng;
  const n = grid.north - row * grid.stepLat;
  const s = n - grid.stepLat;
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
    properties: { id: pixelId(grid, index), population: grid.residents[index] },
  };
}

/** Pixels with residents: how many, and their total. */
export function gridTotals(grid: PopulationGrid): { cells: number; residents: number } {
  let cells = 0;
  let residents = 0;
  for (const v of grid.residents) {
    if (v > 0) {
      cells++;
      residents += v;
    }
  }
  return { cells, residents };
}
