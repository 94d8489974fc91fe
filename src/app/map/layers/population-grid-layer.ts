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

/** Unserved users per pixel, from the engine's cells (a pixel's `featureIndex` is its index). */
export function gridUnserved(grid: PopulationGrid, cells: readonly CellResult[]): Float32Array {
  const unserved = new Float32Array(grid.width * grid.height);
  for (const c of cells) unserved[c.featureIndex] += c.unserved;
  return unserved;
}

/** The shortfall classes per pixel; pixels with less than one unserved user transparent, as cells are left out. */
export function gridShortfallImage(grid: PopulationGrid, unserved: Float32Array): GridImage {
  return paint(grid, (i) => (unserved[i] >= 1 ? shortfallColour(unserved[i]) : null));
}

/** The raster pixel under the pointer, from a bitmap layer's pick. */
export function pickedPixel(grid: PopulationGrid, info: PickingInfo): number | null {
  const pixel = (info as PickingInfo & { bitmap?: { pixel: [number, number] } | null }).bitmap?.pixel;
  if (!pixel) return null;
  const [col, row] = pixel;
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
