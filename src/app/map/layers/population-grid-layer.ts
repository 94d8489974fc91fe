import { COORDINATE_SYSTEM, type PickingInfo } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { gridBounds, type CellResult, type PopulationGrid } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import { densityColour, type Rgba } from '../colour-ramp.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';
import { shortfallColour } from './shortfall-layer.ts';

/** RGBA bytes, one pixel per raster pixel: what a bitmap layer draws (a city is one texture, not a million polygons). */
export interface GridImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Area of one pixel of row `row` in km² (pixels shrink east–west towards the poles). */
function pixelAreaKm2(grid: PopulationGrid, row: number): number {
  const lat = grid.north - (row + 0.5) * grid.stepLat;
  return grid.stepLng * 111.32 * Math.cos((lat * Math.PI) / 180) * grid.stepLat * 110.57;
}

/** Residents per km² of a pixel. */
export function pixelDensityPerKm2(grid: PopulationGrid, index: number): number {
  return grid.residents[index] / pixelAreaKm2(grid, Math.floor(index / grid.width));
}

function paint(grid: PopulationGrid, colourOf: (index: number, row: number) => Rgba | null): GridImage {
  const { width, height } = grid;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0, i = 0; row < height; row++) {
    for (let col = 0; col < width; col++, i++) {
      const colour = colourOf(i, row);
      if (colour) data.set(colour, i * 4);
    }
  }
  return { width, height, data };
}

/** The density ramp of the population polygons, per pixel; empty pixels transparent. */
export function gridDensityImage(grid: PopulationGrid): GridImage {
  return paint(grid, (i, row) => (grid.residents[i] > 0 ? densityColour(grid.residents[i] / pixelAreaKm2(grid, row)) : null));
}

/**
 * One shortfall worked out for a grid. A what-if update replaces only the cells it changed and
 * shares every other cell object with the evaluation before it, so the next shortfall of the same
 * grid is the last one with those pixels redone: found by comparing cell objects, not reading
 * 800,000 of them, and painted by patching the last image (a city's update costs its changed
 * pixels, not a repaint).
 */
interface Shortfall {
  cells: readonly CellResult[];
  unserved: Float32Array;
  /** True when no two cells share a pixel, so a changed cell's pixel is that cell's value alone. */
  pixelPerCell: boolean;
  /** The shortfall this one patches, and the pixels where they differ. */
  base: { shortfall: Shortfall; pixels: number[] } | null;
  image: GridImage | null;
}

const lastShortfall = new WeakMap<PopulationGrid, Shortfall>();
const shortfallOfUnserved = new WeakMap<Float32Array, Shortfall>();

/** `last`'s unserved users patched where `cells` holds other cell objects; null when that cannot be exact. */
function patched(last: Shortfall, cells: readonly CellResult[]): Shortfall | null {
  if (!last.pixelPerCell || last.cells.length !== cells.length) return null;
  const unserved = last.unserved.slice();
  const pixels: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === last.cells[i]) continue;
    if (cell.featureIndex !== last.cells[i].featureIndex) return null;
    unserved[cell.featureIndex] = cell.unserved;
    pixels.push(cell.featureIndex);
  }
  // Only `last` itself can serve as a base image: what it was patched from can go.
  last.base = null;
  return { cells, unserved, pixelPerCell: true, base: { shortfall: last, pixels }, image: null };
}

/** Unserved users per pixel, from the engine's cells (a pixel's `featureIndex` is its index). */
export function gridUnserved(grid: PopulationGrid, cells: readonly CellResult[]): Float32Array {
  const last = lastShortfall.get(grid);
  if (last?.cells === cells) return last.unserved;
  let next = last ? patched(last, cells) : null;
  if (!next) {
    const unserved = new Float32Array(grid.width * grid.height);
    const taken = new Uint8Array(unserved.length);
    let pixelPerCell = true;
    for (const c of cells) {
      unserved[c.featureIndex] += c.unserved;
      if (taken[c.featureIndex] === 1) pixelPerCell = false;
      taken[c.featureIndex] = 1;
    }
    next = { cells, unserved, pixelPerCell, base: null, image: null };
  }
  lastShortfall.set(grid, next);
  shortfallOfUnserved.set(next.unserved, next);
  return next.unserved;
}

const shortfallPixel = (unserved: Float32Array, i: number): Rgba | null => (unserved[i] >= 1 ? shortfallColour(unserved[i]) : null);

/**
 * The shortfall image has up to this many image pixels a side per raster pixel and colours only
 * the middle one: a dot in each unserved pixel, the density around it left to show (as polygon cells).
 */
export const SHORTFALL_GRID_SCALE = 3;
/** The largest texture side every WebGL2 device takes (the spec's minimum is 2,048; 8,192 is near universal). */
const MAX_TEXTURE_PX = 8192;

/** Image pixels a side per raster pixel: fewer for a raster so large the image would not fit one texture. */
export function shortfallGridScale(grid: PopulationGrid): number {
  return Math.max(1, Math.min(SHORTFALL_GRID_SCALE, Math.floor(MAX_TEXTURE_PX / Math.max(grid.width, grid.height))));
}

/** The image byte offset of raster pixel `i`'s dot. */
function dotOffset(grid: PopulationGrid, i: number): number {
  const row = Math.floor(i / grid.width);
  const col = i - row * grid.width;
  const k = shortfallGridScale(grid);
  return ((row * k + (k >> 1)) * grid.width * k + col * k + (k >> 1)) * 4;
}

function paintDots(grid: PopulationGrid, unserved: Float32Array): GridImage {
  const k = shortfallGridScale(grid);
  const data = new Uint8ClampedArray(grid.width * k * grid.height * k * 4);
  for (let i = 0; i < unserved.length; i++) {
    const colour = shortfallPixel(unserved, i);
    if (colour) data.set(colour, dotOffset(grid, i));
  }
  return { width: grid.width * k, height: grid.height * k, data };
}

/** The shortfall class of each raster pixel as a dot in its middle; pixels with less than one unserved user have none. */
export function gridShortfallImage(grid: PopulationGrid, unserved: Float32Array): GridImage {
  const shortfall = shortfallOfUnserved.get(unserved);
  if (shortfall?.image) return shortfall.image;
  const from = shortfall?.base;
  const baseImage = from?.shortfall.image;
  let image: GridImage;
  if (from && baseImage) {
    // A copy: the base image may still be on screen (ImageData shares its bytes).
    image = { ...baseImage, data: baseImage.data.slice() };
    for (const i of from.pixels) image.data.set(shortfallPixel(unserved, i) ?? TRANSPARENT, dotOffset(grid, i));
  } else {
    image = paintDots(grid, unserved);
  }
  if (shortfall) {
    shortfall.image = image;
    shortfall.base = null;
  }
  return image;
}

const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** The raster pixel under the pointer, from a bitmap layer's pick (of an image of any scale). */
export function pickedPixel(grid: PopulationGrid, info: PickingInfo): number | null {
  const bitmap = (info as PickingInfo & { bitmap?: { pixel: [number, number]; size: { width: number; height: number } } | null }).bitmap;
  if (!bitmap) return null;
  const col = Math.floor((bitmap.pixel[0] * grid.width) / bitmap.size.width);
  const row = Math.floor((bitmap.pixel[1] * grid.height) / bitmap.size.height);
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return null;
  return row * grid.width + col;
}

/** A raster image laid on the grid's lon/lat extent, drawn pixel-sharp. */
export function gridBitmapLayer(id: string, grid: PopulationGrid, image: GridImage, setting: LayerSetting, side?: CompareSide) {
  return new BitmapLayer({
    ...clipTo(side),
    id: `${id}${side?.suffix ?? ''}`,
    image: new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height),
    bounds: gridBounds(grid),
    // Rows are equal steps of latitude, not of Web Mercator y.
    _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
    textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
    visible: setting.visible,
    opacity: setting.opacity,
    pickable: true,
  });
}
