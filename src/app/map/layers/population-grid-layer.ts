import { COORDINATE_SYSTEM, CompositeLayer, type DefaultProps, type LayerContext, type LayerProps, type PickingInfo } from '@deck.gl/core';
import type { Texture } from '@luma.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { gridBounds, type CellResult, type PopulationGrid } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import { densityColour, type Rgba } from '../colour-ramp.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';
import { shortfallColour } from './shortfall-layer.ts';
import { cellPatchOf } from '../../whatif/cell-patches.ts';

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
 * One shortfall worked out for a grid. A what-if update replaces only the cells it changed
 * (`patchCells`), so the next shortfall is this one with those pixels redone in place: its
 * figures and image are patched, not recomputed, and the image remembers which rows changed so the
 * map uploads only those (a city's update costs its changed pixels, not 800,000 of them).
 */
interface Shortfall {
  cells: readonly CellResult[];
  /** Owned by this shortfall and patched in place when a list patched from `cells` comes. */
  unserved: Float32Array;
  /** True when no two cells share a pixel, so a changed cell's pixel is that cell's value alone. */
  pixelPerCell: boolean;
  image: GridImage | null;
  /** Pixels whose figure changed since `image` was painted. */
  stale: number[];
}

/** The plan's and a compared plan's: a few recent shortfalls per grid. */
const KEPT_SHORTFALLS = 2;
const recentShortfalls = new WeakMap<PopulationGrid, Shortfall[]>();
const shortfallOfUnserved = new WeakMap<Float32Array, Shortfall>();

/** `from` moved on to `cells` (patched from its cells at `indices`); false, untouched, when that cannot be exact. */
function patchInPlace(from: Shortfall, cells: readonly CellResult[], indices: Int32Array): boolean {
  if (!from.pixelPerCell || from.cells.length !== cells.length) return false;
  for (const i of indices) if (cells[i].featureIndex !== from.cells[i].featureIndex) return false;
  for (const i of indices) {
    const pixel = cells[i].featureIndex;
    from.unserved[pixel] = cells[i].unserved;
    from.stale.push(pixel);
  }
  from.cells = cells;
  return true;
}

/** Unserved users per pixel, from the engine's cells (a pixel's `featureIndex` is its index). */
export function gridUnserved(grid: PopulationGrid, cells: readonly CellResult[]): Float32Array {
  const recent = recentShortfalls.get(grid) ?? [];
  const known = recent.find((s) => s.cells === cells);
  if (known) return known.unserved;
  const patch = cellPatchOf(cells);
  const base = patch ? recent.find((s) => s.cells === patch.base) : undefined;
  // The base list has been replaced by its patched successor: its figures become the successor's.
  if (base && patch && patchInPlace(base, cells, patch.indices)) return base.unserved;
  const unserved = new Float32Array(grid.width * grid.height);
  const taken = new Uint8Array(unserved.length);
  let pixelPerCell = true;
  for (const c of cells) {
    unserved[c.featureIndex] += c.unserved;
    if (taken[c.featureIndex] === 1) pixelPerCell = false;
    taken[c.featureIndex] = 1;
  }
  const next: Shortfall = { cells, unserved, pixelPerCell, image: null, stale: [] };
  recentShortfalls.set(grid, [next, ...recent.filter((s) => s !== base)].slice(0, KEPT_SHORTFALLS));
  shortfallOfUnserved.set(unserved, next);
  return unserved;
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
  if (!shortfall) return paintDots(grid, unserved);
  const last = shortfall.image;
  if (!last) {
    shortfall.stale = [];
    return (shortfall.image = paintDots(grid, unserved));
  }
  if (shortfall.stale.length === 0) return last;
  // The bytes are repainted in place: the map's texture is a copy, brought up to date by rows.
  let first = grid.height;
  let end = 0;
  for (const i of shortfall.stale) {
    last.data.set(shortfallPixel(unserved, i) ?? TRANSPARENT, dotOffset(grid, i));
    const row = Math.floor(i / grid.width);
    first = Math.min(first, row);
    end = Math.max(end, row + 1);
  }
  shortfall.stale = [];
  const k = shortfallGridScale(grid);
  const next: GridImage = { width: last.width, height: last.height, data: last.data };
  imagePatches.set(next, { base: last, firstRow: first * k, endRow: end * k });
  return (shortfall.image = next);
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

/** An image whose bytes are an earlier image's, repainted in place in rows [firstRow, endRow). */
const imagePatches = new WeakMap<GridImage, { base: GridImage; firstRow: number; endRow: number }>();

/**
 * The image rows to upload to a texture showing `shown` so that it shows `image`: none when they
 * are the same, the rows repainted since when `image` was patched from it (through any number of
 * patches), null when the whole image must be uploaded.
 */
export function rowsToUpload(image: GridImage, shown: GridImage | null): { firstRow: number; endRow: number } | null {
  if (!shown || shown.data !== image.data || shown.width !== image.width || shown.height !== image.height) return null;
  let firstRow = image.height;
  let endRow = 0;
  for (let at = image; at !== shown; ) {
    const patch = imagePatches.get(at);
    if (!patch) return null;
    firstRow = Math.min(firstRow, patch.firstRow);
    endRow = Math.max(endRow, patch.endRow);
    at = patch.base;
  }
  return { firstRow, endRow: Math.max(firstRow, endRow) };
}

interface GridImageLayerProps extends LayerProps {
  image: GridImage;
  bounds: [number, number, number, number];
}

interface GridImageState {
  texture: Texture | null;
  shown: GridImage | null;
  [key: string]: unknown;
}

/** deck.gl's defaults for an image prop's texture, drawn pixel-sharp. */
const SHARP_SAMPLER = {
  minFilter: 'nearest',
  magFilter: 'nearest',
  mipmapFilter: 'linear',
  addressModeU: 'clamp-to-edge',
  addressModeV: 'clamp-to-edge',
} as const;

/**
 * A bitmap layer over a texture it keeps: a new layer with the same image reuses the texture
 * (deck.gl would upload a new ImageData again), and an image patched from the one shown uploads
 * only its repainted rows. A city's shortfall texture is 3,000 × 2,400 pixels; uploading it whole
 * on a software GPU took about a second.
 */
class GridImageLayer extends CompositeLayer<GridImageLayerProps> {
  static override layerName = 'GridImageLayer';
  static override defaultProps: DefaultProps<GridImageLayerProps> = {
    image: { type: 'object', value: { width: 0, height: 0, data: new Uint8ClampedArray(0) } },
    bounds: { type: 'array', value: [0, 0, 1, 1], compare: true },
  };
  declare state: GridImageState;

  override initializeState(): void {
    this.setState({ texture: null, shown: null });
  }

  override updateState(): void {
    const { image } = this.props;
    const { texture, shown } = this.state;
    if (image === shown) return;
    const rows = texture ? rowsToUpload(image, shown) : null;
    if (texture && rows) {
      if (rows.endRow > rows.firstRow) {
        const rowBytes = image.width * 4;
        texture.writeData(image.data.subarray(rows.firstRow * rowBytes, rows.endRow * rowBytes), {
          x: 0,
          y: rows.firstRow,
          width: image.width,
          height: rows.endRow - rows.firstRow,
        });
        texture.generateMipmapsWebGL();
      }
      this.setState({ shown: image });
      this.setNeedsRedraw();
      return;
    }
    texture?.destroy();
    const device = this.context.device;
    const next = device.createTexture({
      data: image.data,
      width: image.width,
      height: image.height,
      format: 'rgba8unorm',
      sampler: SHARP_SAMPLER,
      mipLevels: device.getMipLevelCount(image.width, image.height),
    });
    next.generateMipmapsWebGL();
    this.setState({ texture: next, shown: image });
  }

  override finalizeState(context: LayerContext): void {
    this.state.texture?.destroy();
    super.finalizeState(context);
  }

  renderLayers() {
    return new BitmapLayer(
      this.getSubLayerProps({
        id: 'bitmap',
        image: this.state.texture,
        bounds: this.props.bounds,
        // Rows are equal steps of latitude, not of Web Mercator y.
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
      }),
    );
  }
}

/** A raster image laid on the grid's lon/lat extent, drawn pixel-sharp. */
export function gridBitmapLayer(id: string, grid: PopulationGrid, image: GridImage, setting: LayerSetting, side?: CompareSide) {
  return new GridImageLayer({
    ...clipTo(side),
    id: `${id}${side?.suffix ?? ''}`,
    image,
    bounds: gridBounds(grid),
    visible: setting.visible,
    opacity: setting.opacity,
    pickable: true,
  });
}
